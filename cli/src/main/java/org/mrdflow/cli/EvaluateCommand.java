package org.mrdflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mrdflow.fcs.FcsException;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.mrd.MrdAnalysis;
import org.mrdflow.gating.mrd.MrdAnalysisConfig;
import org.mrdflow.simulation.TruthFormatException;
import org.mrdflow.simulation.evaluation.MrdEvaluation;
import org.mrdflow.simulation.evaluation.MrdEvaluation.SampleRow;
import org.mrdflow.models.agreement.MrdAgreement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mrdflow evaluate --truth DIR}: the per-sample MRD analysis over a folder of FCS files
 * with ground truth ({@code *.truth.json}, {@code *.labels.bin}), one row per sample and the
 * accuracy targets. Exit 0 when every target is met, 1 when one is not, 2 for bad input.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Measure the automated MRD analysis against per-event ground truth.")
public final class EvaluateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--truth", required = true, paramLabel = "DIR",
      description = "Folder of FCS files with <stem>.truth.json (and <stem>.labels.bin).")
  Path truthDir;

  @Option(names = "--strategy", paramLabel = "FILE",
      description = "MRD strategy YAML (default: conf/gating/b-all-mrd.yaml).")
  Path strategy;

  @Option(names = "--json", description = "Print rows and summary as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(truthDir)) {
      err().println("mrdflow evaluate: " + truthDir + ": not a directory");
      return 2;
    }
    List<SampleRow> rows;
    MrdAnalysisConfig config;
    try {
      config = strategy == null ? MrdAnalysisConfig.defaults() : MrdAnalysisConfig.load(strategy);
      rows = new MrdEvaluation(new MrdAnalysis(config)).evaluateDirectory(truthDir);
    } catch (TruthFormatException | FcsException | GatingException e) {
      err().println("mrdflow evaluate: " + e.getMessage());
      return 2;
    }
    if (rows.isEmpty()) {
      err().println("mrdflow evaluate: " + truthDir + ": no FCS file with a truth file");
      return 2;
    }
    MrdEvaluation.Summary summary = MrdEvaluation.summarize(rows, config.rules());
    // The same method-comparison statistics `compare` reports against a lab's manual gating,
    // here with the simulator's truth as the reference.
    List<SampleRow> analysed = rows.stream().filter(r -> r.error() == null).toList();
    MrdAgreement agreement = MrdAgreement.of(
        analysed.stream().mapToDouble(SampleRow::trueMrd).toArray(),
        analysed.stream().mapToDouble(SampleRow::mrd).toArray(),
        analysed.stream().map(SampleRow::trueCar19Eligible).toArray(Boolean[]::new),
        analysed.stream().map(SampleRow::car19Eligible).toArray(Boolean[]::new), 0.95);
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("samples", rows);
      out.put("targets", summary.targets());
      out.put("all_met", summary.allMet());
      out.put("agreement", agreement);
      CliOutput.printJson(out(), out, true);
    } else {
      print(rows, summary);
      out().println();
      AgreementText.print(out(), agreement, "truth");
    }
    out().flush();
    return summary.allMet() ? 0 : 1;
  }

  private void print(List<SampleRow> rows, MrdEvaluation.Summary summary) {
    out().printf(Locale.ROOT, "%-24s %7s %7s %5s %5s %9s %9s %-13s %-13s %6s %6s %6s %-5s %-5s "
        + "%5s %5s %s%n", "sample", "N.true", "N", "B.tru", "B", "MRD.true", "MRD", "category.true",
        "category", "F1", "CD19+t", "CD19+", "CAR.t", "CAR", "BCA.t", "BCA", "flags");
    for (SampleRow r : rows) {
      if (r.error() != null) {
        out().printf(Locale.ROOT, "%-24s FAILED: %s%n", r.sampleId(), r.error());
        continue;
      }
      out().printf(Locale.ROOT,
          "%-24s %7d %7d %5d %5d %9.2e %9.2e %-13s %-13s %6s %6s %6s %-5s %-5s %5s %5s %s%n",
          r.sampleId(), r.trueNucleated(), r.nucleated(), r.trueBlasts(), r.blasts(), r.trueMrd(),
          r.mrd(), r.trueCategory(), r.category(), fmt(r.blastF1()),
          pct(r.trueCd19PosFraction()), pct(r.cd19PosFraction()), r.trueCar19Eligible(),
          r.car19Eligible(), r.trueBCellAplasia(), r.bCellAplasia(), String.join(",", r.qcFlags()));
    }
    out().println();
    for (MrdEvaluation.Target t : summary.targets()) {
      out().printf(Locale.ROOT, "[%s] %s: %s%n", t.met() ? "met" : "MISSED", t.name(),
          t.measured());
    }
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", 100 * v);
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
