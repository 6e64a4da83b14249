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
import org.mrdflow.pipeline.job.RunListener;
import org.mrdflow.pipeline.job.SampleAnalyzer;
import org.mrdflow.pipeline.job.SparkSessions;
import org.mrdflow.pipeline.privacy.CollectionDates;
import org.mrdflow.pipeline.privacy.PseudonymKeys;
import org.mrdflow.pipeline.privacy.Pseudonymizer;
import org.mrdflow.pipeline.report.RunSummary;
import org.mrdflow.pipeline.run.RunRequest;
import org.mrdflow.pipeline.run.RunResult;
import picocli.CommandLine;
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
      "MRDFLOW_PSEUDONYM_KEY, a key file named by MRDFLOW_PSEUDONYM_KEY_FILE (mode 600), or",
      "privacy.pseudonym_key_file in the config. The key also makes file pseudonyms stable",
      "across runs; without it they hold for one run only."
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
      description = "Run configuration (default: conf/mrdflow.yaml of the installation, else the copy bundled in the jar).")
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
      description = "Also write manifest patient_id and specimen_id in clear (research use with consent only);"
          + " implies --keep-file-names.")
  boolean keepIdentifiersInClear;

  @Option(names = "--keep-file-names",
      description = "Write source_path and file_name as listed. By default they, and every message, report and"
          + " plot, name a file by a keyed pseudonym, because file and folder names often carry patient names"
          + " or record numbers. Use this only when your file names carry no identifiers.")
  boolean keepFileNames;

  @Option(names = "--incremental",
      description = "Skip files whose content (SHA-256) this warehouse already holds an OK analysis of, made with"
          + " the same gating strategy and pipeline version; analyse new and changed files only.")
  boolean incremental;

  @Option(names = "--collection-date", defaultValue = "exact", paramLabel = "exact|month|year|shift",
      converter = CollectionDateConverter.class,
      description = "How samples.collection_date is written (default: ${DEFAULT-VALUE}). For a de-identified"
          + " warehouse: month or year keep only the first day of the month or year; shift moves every date of a"
          + " patient by the same 1 to 182 days, derived from the pseudonym key (required), so intervals between"
          + " a patient's marrows stay exact. Coarsened or shifted dates no longer line up with a clinical table's"
          + " dates, which outcomes needs.")
  CollectionDates collectionDates;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    RunConfig config;
    Pseudonymizer pseudonymizer;
    try {
      config = conf != null ? RunConfig.load(conf) : RunConfig.loadDefault(Installation.home());
      String keyFile = config.privacy().pseudonymKeyFile();
      pseudonymizer = PseudonymKeys.resolve(System.getenv(Pseudonymizer.KEY_ENVIRONMENT_VARIABLE),
          System.getenv(PseudonymKeys.KEY_FILE_ENVIRONMENT_VARIABLE),
          keyFile == null ? null : config.resolve(keyFile)).orElse(null);
    } catch (ConfigException e) {
      err.println("run: " + e.getMessage());
      return 2;
    }
    RunRequest request = new RunRequest(input, output, manifest, config, runId, events,
        keepIdentifiersInClear, pseudonymizer, keepFileNames, incremental, collectionDates);
    return execute(request, master, spec.commandLine().getOut(), err);
  }

  /**
   * Runs a request with the real analysis and prints the summary; shared with {@code demo}.
   * Config, strategy, manifest, key, input and output are all checked before Spark starts, so a
   * bad invocation fails within seconds.
   */
  static int execute(RunRequest request, String master, PrintWriter out, PrintWriter err) {
    SampleAnalyzer analyzer;
    try {
      analyzer = FcsMrdAnalyzer.fromConfig(request.config());
    } catch (RuntimeException e) {
      err.println("run: cannot load the MRD strategy: " + e.getMessage());
      return 2;
    }
    return execute(request, analyzer, master, out, err);
  }

  /** {@link #execute(RunRequest, String, PrintWriter, PrintWriter)} with a given analysis. */
  static int execute(RunRequest request, SampleAnalyzer analyzer, String master, PrintWriter out, PrintWriter err) {
    Interruption interruption = Interruption.install(err);
    try {
      Path sparkDefaults = Installation.home().resolve("conf/spark-defaults.conf");
      RunListener listener = interruption.watching(ProgressDisplay.forConsole());
      listener.phase("checking " + request.input());
      MrdflowJob.Prepared prepared = MrdflowJob.prepare(request, SparkSessions.hadoopConfiguration(sparkDefaults));
      interruption.runId(prepared.runId());
      listener.phase("starting Spark");
      SparkSession spark = SparkSessions.create(master, sparkDefaults);
      RunResult result = new MrdflowJob(spark, analyzer).run(prepared, listener);
      out.print(RunSummary.format(result));
      out.flush();
      return 0;
    } catch (InputException | ConfigException e) {
      return quietIfInterrupted(interruption, () -> err.println("run: " + e.getMessage()), 2);
    } catch (IOException e) {
      return quietIfInterrupted(interruption, () -> err.println("run: " + request.output() + ": " + e.getMessage()), 1);
    } catch (Exception e) {
      // Also Spark's checked SparkException ("Job cancelled because SparkContext was shut down"),
      // which Scala code throws undeclared when a signal stops Spark mid-job.
      if (interruption.requested()) {
        interruption.awaitExit();
      }
      throw e;
    }
  }

  /** Reads the option value as typed, in lower case, as {@link CollectionDates#optionValue()} writes it. */
  static final class CollectionDateConverter implements CommandLine.ITypeConverter<CollectionDates> {
    @Override
    public CollectionDates convert(String value) {
      for (CollectionDates c : CollectionDates.values()) {
        if (c.optionValue().equals(value)) {
          return c;
        }
      }
      throw new CommandLine.TypeConversionException("'" + value + "' is not one of exact, month, year, shift");
    }
  }

  /** After a signal the handler prints the one line and exits: nothing else is said. */
  private static int quietIfInterrupted(Interruption interruption, Runnable report, int status) {
    if (interruption.requested()) {
      interruption.awaitExit();
    }
    report.run();
    return status;
  }
}
