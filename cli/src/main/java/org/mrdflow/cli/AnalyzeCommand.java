package org.mrdflow.cli;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mrdflow.fcs.FcsException;
import org.mrdflow.fcs.FcsFile;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.events.FcsEvents;
import org.mrdflow.gating.mrd.MrdAnalysis;
import org.mrdflow.gating.mrd.MrdAnalysisConfig;
import org.mrdflow.gating.mrd.MrdGatingMl;
import org.mrdflow.gating.mrd.MrdPlots;
import org.mrdflow.gating.mrd.MrdResult;
import org.mrdflow.gating.mrd.MrdStatus;
import org.mrdflow.gating.mrd.PopulationSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mrdflow analyze FILE.fcs}: the full automated MRD analysis of one sample, printed as a
 * report (or JSON), with optional gating plots. Exit 0 ok, 1 analysis failed, 2 bad input.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = "Automated MRD analysis of one FCS file (B-ALL 6-colour panel).")
public final class AnalyzeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.fcs", description = "The sample.")
  Path file;

  @Option(names = "--plots", paramLabel = "DIR", description = "Write the gating plots here (PNG and SVG).")
  Path plotsDir;

  @Option(names = "--gatingml", paramLabel = "OUT.xml",
      description = "Export the applied gates, frozen to this sample, as Gating-ML 2.0.")
  Path gatingMl;

  @Option(names = "--strategy", paramLabel = "FILE",
      description = "MRD strategy YAML (default: conf/gating/b-all-mrd.yaml).")
  Path strategy;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "0",
      description = "Benchmark: after one warm-up, run the whole analysis (read, compensate, "
          + "transform, gate, count; no plots) N more times and print the times to stderr.")
  int repeat;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(file)) {
      err().println("mrdflow analyze: " + file + ": no such file");
      return 2;
    }
    MrdAnalysis.SampleAnalysis sample;
    MrdAnalysis analysis;
    try {
      analysis = new MrdAnalysis(
          strategy == null ? MrdAnalysisConfig.defaults() : MrdAnalysisConfig.load(strategy));
      sample = analyzeFile(analysis);
      if (repeat > 0) {
        benchmark(analysis);
      }
    } catch (FcsException | GatingException e) {
      err().println("mrdflow analyze: " + file + ": " + e.getMessage());
      return 2;
    }
    String stem = file.getFileName().toString().replaceFirst("(?i)\\.fcs$", "");
    Path plot = plotsDir == null ? null : MrdPlots.write(sample, stem, plotsDir);
    Path svg = plotsDir == null ? null : MrdPlots.writeSvg(sample, stem, plotsDir);
    if (gatingMl != null) {
      try {
        MrdGatingMl.write(sample, gatingMl);
      } catch (GatingException e) {
        err().println("mrdflow analyze: " + gatingMl + ": " + e.getMessage());
        return 1;
      }
    }
    MrdResult r = sample.result();
    if (json) {
      CliOutput.printJson(out(), r, true);
    } else {
      print(r);
    }
    if (plot != null) {
      err().println("plots: " + plot + ", " + svg);
    }
    out().flush();
    return 0;
  }

  private MrdAnalysis.SampleAnalysis analyzeFile(MrdAnalysis analysis) throws IOException {
    try (FcsFile fcs = FcsFile.open(file, FcsEvents.SCALE)) {
      return analysis.analyzeWithEvents(fcs.first(), file.getFileName().toString());
    }
  }

  private void benchmark(MrdAnalysis analysis) throws IOException {
    // CPU time of the whole process (analysis, GC and JIT threads) as well as wall time: on a
    // shared machine the wall clock also counts time spent waiting for a core.
    OperatingSystemMXBean os =
        (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long[] wall = new long[repeat];
    long[] cpu = new long[repeat];
    long events = 0;
    for (int i = 0; i < repeat; i++) {
      long start = System.nanoTime();
      long startCpu = os.getProcessCpuTime();
      events = analyzeFile(analysis).labels().length;
      cpu[i] = os.getProcessCpuTime() - startCpu;
      wall[i] = System.nanoTime() - start;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    err().printf(Locale.ROOT, "benchmark: %,d events, %d runs: wall min %.3f s, median %.3f s;"
        + " process CPU min %.3f s, median %.3f s (%.1f M events per CPU second)%n", events,
        repeat, wall[0] / 1e9, wall[repeat / 2] / 1e9, cpu[0] / 1e9, cpu[repeat / 2] / 1e9,
        events / (cpu[repeat / 2] / 1e9) / 1e6);
  }

  /** A negative is reported as "not detected (< sensitivity)" (domain brief section 2). */
  private static boolean notDetected(MrdResult r) {
    return r.blastEvents() == 0 || r.mrdStatus() == MrdStatus.NEGATIVE;
  }

  private void print(MrdResult r) {
    out().printf(Locale.ROOT, "%s%n", file);
    out().printf(Locale.ROOT, "  MRD %s (%s)%n", r.mrdStatus(), r.statusReason());
    out().printf(Locale.ROOT, "  %s; %d blasts / %,d nucleated cells; sensitivity %.1e "
        + "(LOD %d, LLOQ %d events)%n", notDetected(r)
            ? String.format(Locale.ROOT, "not detected (< %.1e)", r.sensitivity())
            : String.format(Locale.ROOT, "MRD %.2g = %.2g %%", r.mrdFraction(),
                100 * r.mrdFraction()),
        r.blastEvents(), r.nucleatedEvents(), r.sensitivity(), r.lodEvents(), r.lloqEvents());
    out().printf(Locale.ROOT, "  CD19+ blasts %d (%s); hCD19 CAR-T eligible: %s%n",
        r.cd19PosBlastEvents(), Double.isNaN(r.cd19PosBlastFraction()) ? "-"
            : String.format(Locale.ROOT, "%.1f %%", 100 * r.cd19PosBlastFraction()),
        r.hcd19CarEligible() != null ? r.hcd19CarEligible()
            : r.qcFlags().contains(MrdAnalysis.FLAG_CD19_UNCERTAIN)
                ? "not evaluable (CD19 expression not established)"
                : "not evaluable (< LOD blasts)");
    out().printf(Locale.ROOT, "  B cells %d of %d lymphocytes (%.1f %%); B-cell aplasia: %s;"
        + " hematogones %d%n", r.bCellEvents(), r.lymphocyteEvents(),
        100 * r.bCellFractionOfLymphocytes(), r.bCellAplasia(), r.hematogoneEvents());
    out().printf(Locale.ROOT, "  panel-limited: %s; QC flags: %s; strategy %s%n",
        r.panelLimited(), r.qcFlags(), r.gatingStrategyId());
    out().printf(Locale.ROOT, "  %-48s %9s %9s %11s%n", "population", "events", "of parent",
        "of nucleated");
    for (PopulationSummary p : r.populations()) {
      out().printf(Locale.ROOT, "  %-48s %9d %8.2f%% %10.4f%%%n", p.path(), p.events(),
          100 * p.fractionOfParent(), 100 * p.fractionOfNucleated());
    }
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
