package org.mrdflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mrdflow.fcs.FcsException;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.flowjo.FlowJoWorkspace;
import org.mrdflow.gating.flowjo.FlowJoWorkspaceReader;
import org.mrdflow.gating.mrd.MrdAnalysis;
import org.mrdflow.gating.mrd.MrdAnalysisConfig;
import org.mrdflow.models.agreement.MrdAgreement;
import org.mrdflow.pipeline.compare.CompareMapping;
import org.mrdflow.pipeline.compare.ComparisonRow;
import org.mrdflow.pipeline.compare.ComparisonReport;
import org.mrdflow.pipeline.compare.MethodComparison;
import org.mrdflow.pipeline.compare.RunResults;
import org.mrdflow.pipeline.config.ConfigException;
import org.mrdflow.pipeline.job.SparkSessions;
import org.mrdflow.pipeline.outcomes.OutcomesInputException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mrdflow compare --workspace W.wsp --mapping conf/compare/x.yaml (--input DIR |
 * --results RUN_OUTPUT) --output OUT}: a lab's method comparison of its manual FlowJo gating
 * against the automated analysis, fresh or from a run's tables.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Compare a lab's manual gating (FlowJo workspace) with the automated MRD "
        + "analysis of the same FCS files: per-sample MRD and per-event agreement, categories "
        + "at 1e-4 (kappa, PPA/NPA), Bland-Altman, Passing-Bablok and Deming on log10 MRD.")
public final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--workspace", required = true, paramLabel = "W.wsp",
      description = "The lab's FlowJo workspace (the manual side).")
  Path workspaceFile;

  @Option(names = "--mapping", required = true, paramLabel = "MAPPING.yaml",
      description = "Which workspace populations are the blasts, denominator, B lineage, "
          + "hematogones and CD19+ blasts (see conf/compare/example.yaml).")
  Path mappingFile;

  @ArgGroup(exclusive = true, multiplicity = "1")
  AutomatedSide automated;

  /** The automated side: exactly one of a fresh analysis or a run's results. */
  static final class AutomatedSide {
    @Option(names = "--input", required = true, paramLabel = "DIR",
        description = "Folder of the workspace's FCS files, analysed afresh (the automated side).")
    Path input;

    @Option(names = "--results", required = true, paramLabel = "RUN_OUTPUT",
        description = "The --output folder of `mrdflow run` (its mrd_results and samples "
            + "tables) as the automated side; each workspace sample's FCS file (at its URI, "
            + "else beside the workspace) is matched to a run row by its SHA-256.")
    Path results;
  }

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Folder to write compare.json, compare.html and compare_samples/ (Parquet) into.")
  Path output;

  @Option(names = "--strategy", paramLabel = "FILE",
      description = "MRD strategy YAML (default: conf/gating/b-all-mrd.yaml).")
  Path strategy;

  @Option(names = "--show-sample-names",
      description = "Name samples by their workspace name (often a file name) instead of "
          + "S001, S002 and so on.")
  boolean showNames;

  @Option(names = "--no-parquet", description = "Skip the Parquet table (no Spark start).")
  boolean noParquet;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path folder = automated.input != null ? automated.input : automated.results;
    if (!Files.isDirectory(folder)) {
      err.println("mrdflow compare: " + folder + ": not a directory");
      return 2;
    }
    // Spark types stay inside this method: picocli reflects on the command's method
    // signatures, and `mrdflow --help` runs without Spark on the classpath.
    Path sparkConf = Installation.home().resolve("conf/spark-defaults.conf");
    SparkSession spark = null;
    List<ComparisonRow> rows;
    try {
      FlowJoWorkspace workspace = FlowJoWorkspaceReader.read(workspaceFile);
      CompareMapping mapping = CompareMapping.read(mappingFile);
      MrdAnalysisConfig config =
          strategy == null ? MrdAnalysisConfig.defaults() : MrdAnalysisConfig.load(strategy);
      MethodComparison comparison =
          new MethodComparison(workspace, mapping, new MrdAnalysis(config), showNames);
      if (automated.input != null) {
        rows = comparison.compare(automated.input, warning -> err.println("mrdflow compare: "
            + warning));
      } else {
        spark = SparkSessions.create("local[1]", sparkConf);
        rows = comparison.compare(RunResults.read(spark, automated.results),
            warning -> err.println("mrdflow compare: " + warning));
      }
    } catch (NoSuchFileException e) {
      err.println("mrdflow compare: " + e.getFile() + ": no such file");
      return 2;
    } catch (ConfigException | GatingException | FcsException | OutcomesInputException e) {
      err.println("mrdflow compare: " + e.getMessage());
      return 2;
    }
    if (rows.stream().allMatch(r -> r.error() != null)) {
      err.println("mrdflow compare: no sample could be compared");
      return 2;
    }
    MrdAgreement agreement = MethodComparison.agreement(rows);
    Files.createDirectories(output);
    ComparisonReport.writeJson(output.resolve("compare.json"), rows, agreement);
    ComparisonReport.writeHtml(output.resolve("compare.html"), rows, agreement);
    if (!noParquet) {
      ComparisonReport.writeParquet(
          spark != null ? spark : SparkSessions.create("local[1]", sparkConf),
          output.resolve("compare_samples"), rows);
    }
    print(out, rows, agreement);
    out.flush();
    return rows.stream().anyMatch(r -> r.error() != null) ? GateCommand.PARTIAL : 0;
  }

  private static void print(PrintWriter out, List<ComparisonRow> rows, MrdAgreement agreement) {
    out.printf(Locale.ROOT, "%-10s %9s %10s %9s %10s %7s %7s%n", "sample", "manual.B",
        "manual.MRD", "auto.B", "auto.MRD", "F1.B", "F1.den");
    for (ComparisonRow r : rows) {
      if (r.error() != null) {
        out.printf(Locale.ROOT, "%-10s FAILED: %s%n", r.sample(), r.error());
        continue;
      }
      out.printf(Locale.ROOT, "%-10s %9d %10.2e %9d %10.2e %7.3f %7.3f%n", r.sample(),
          r.manualBlastEvents(), r.manualMrd(), r.automatedBlastEvents(), r.automatedMrd(),
          r.blastF1(), r.denominatorF1());
    }
    AgreementText.print(out, agreement, "manual");
  }

}
