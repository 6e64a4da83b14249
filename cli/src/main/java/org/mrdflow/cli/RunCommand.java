package org.mrdflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mrdflow.pipeline.config.ConfigException;
import org.mrdflow.pipeline.config.RunConfig;
import org.mrdflow.pipeline.input.InputException;
import org.mrdflow.pipeline.job.FcsMrdAnalyzer;
import org.mrdflow.pipeline.job.MrdflowJob;
import org.mrdflow.pipeline.job.SampleAnalyzer;
import org.mrdflow.pipeline.job.SparkSessions;
import org.mrdflow.pipeline.privacy.PseudonymKeys;
import org.mrdflow.pipeline.privacy.Pseudonymizer;
import org.mrdflow.pipeline.report.RunSummary;
import org.mrdflow.pipeline.run.RunRequest;
import org.mrdflow.pipeline.run.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mrdflow run}: the batch job, FCS files in, Parquet MRD tables out. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Analyse every FCS file of a folder, glob or Hadoop URI and write the Parquet",
      "tables samples, mrd_results, populations (and events with --events), a",
      "provenance file and an HTML report under OUTPUT. Bad files become FAILED rows;",
      "other files are unaffected.",
      "Runs Spark embedded (local[*] by default) or under spark-submit."
    },
    footer = {
      "",
      "Exit status: 0 the run committed (FAILED files are listed in the summary),",
      "1 the run failed, 2 bad input (input, manifest, config or key).",
      "Patient identifiers in a manifest need a pseudonym key: environment variable",
      "MRDFLOW_PSEUDONYM_KEY or privacy.pseudonym_key_file in the config."
    })
public final class RunCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "Folder (searched recursively), glob or Hadoop URI (file:, hdfs:, s3a:) of FCS files.")
  String input;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Warehouse folder; runs are added to it, a run id already there is replaced.")
  String output;

  @Option(names = "--manifest", paramLabel = "FILE",
      description = "CSV or Parquet with file, patient_id, specimen_id, collection_date, timepoint.")
  String manifest;

  @Option(names = "--conf", paramLabel = "YAML",
      description = "Run configuration (default: conf/mrdflow.yaml of the installation).")
  Path conf;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: spark-submit's, else local[*]).")
  String master;

  @Option(names = "--run-id", paramLabel = "ID",
      description = "Run id (default: start time, UTC, e.g. 20261121T031500Z). Re-using an id replaces that run.")
  String runId;

  @Option(names = "--events", description = "Also write the per-event table (compensated, transformed values + population).")
  boolean events;

  @Option(names = "--keep-identifiers-in-clear",
      description = "Also write manifest patient_id and specimen_id in clear (research use with consent only).")
  boolean keepIdentifiersInClear;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    RunConfig config;
    Pseudonymizer pseudonymizer;
    try {
      config = RunConfig.load(conf != null ? conf : Installation.home().resolve("conf/mrdflow.yaml"));
      String keyFile = config.privacy().pseudonymKeyFile();
      pseudonymizer = PseudonymKeys.resolve(System.getenv(Pseudonymizer.KEY_ENVIRONMENT_VARIABLE),
          keyFile == null ? null : config.resolve(keyFile)).orElse(null);
    } catch (ConfigException e) {
      err.println("run: " + e.getMessage());
      return 2;
    }
    RunRequest request = new RunRequest(input, output, manifest, config, runId, events,
        keepIdentifiersInClear, pseudonymizer);
    return execute(request, master, spec.commandLine().getOut(), err);
  }

  /** Runs a request with the real analysis and prints the summary; shared with {@code demo}. */
  static int execute(RunRequest request, String master, PrintWriter out, PrintWriter err) {
    try {
      SampleAnalyzer analyzer = FcsMrdAnalyzer.fromConfig(request.config());
      SparkSession spark = SparkSessions.create(master, Installation.home().resolve("conf/spark-defaults.conf"));
      RunResult result = new MrdflowJob(spark, analyzer).run(request, ProgressDisplay.forConsole());
      out.print(RunSummary.format(result));
      out.flush();
      return 0;
    } catch (InputException | ConfigException e) {
      err.println("run: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("run: " + request.output() + ": " + e.getMessage());
      return 1;
    }
  }
}
