package org.mrdflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mrdflow.simulation.Instrument;
import org.mrdflow.simulation.MarrowSimulator;
import org.mrdflow.simulation.SampleSpec;
import org.mrdflow.simulation.Scenario;
import org.mrdflow.simulation.SimulatedSample;
import org.mrdflow.simulation.SimulationFiles;
import org.mrdflow.simulation.TruthRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mrdflow simulate}: writes simulated marrow FCS files with per-event ground truth. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Simulate bone-marrow FCS files (6-colour B-ALL MRD panel) with ground truth:",
      "<id>.fcs, <id>.labels.bin (uint8 label per event) and <id>.truth.json (mrdsim format)."
    })
public final class SimulateCommand implements Callable<Integer> {

  @Option(names = "--scenario", required = true, paramLabel = "NAME", description = "Scenario (listed below).")
  String scenario;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
  Path out;

  @Option(names = "--seed", defaultValue = "1", description = "Base seed; each sample's seed derives from it and the sample id (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--events", paramLabel = "N", description = "Total events per file (default: per scenario).")
  Integer events;

  @Option(names = "--samples", defaultValue = "1", paramLabel = "N", description = "Replicates per condition (default ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--instrument", paramLabel = "NAME",
      description = "Instrument profile of every file: canto, navios or cytoflex, or an acquisition style: "
          + "diva_fsc_width, cytoflex_violet_ssc, canto_unit_scatter or canto_no_spillover (default: the "
          + "first three in turn).")
  String instrument;

  @Option(names = "--blast-fraction", paramLabel = "F", description = "Blasts / nucleated cells of the phenotype scenarios (default 1e-3).")
  Double blastFraction;

  private CommandSpec spec;

  /** Lists the scenarios in the usage help; picocli calls this while building the command. */
  @Spec
  void setSpec(CommandSpec spec) {
    this.spec = spec;
    // picocli formats the footer itself: line breaks as %n, literal percent signs doubled.
    StringBuilder footer = new StringBuilder("%nScenarios (default events per file):%n");
    for (Scenario s : Scenario.values()) {
      String line = String.format(Locale.ROOT, "  %-18s %,9d  %s", s.id(), s.defaultEvents(), s.description());
      footer.append(line.replace("%", "%%")).append("%n");
    }
    spec.usageMessage().footer(footer.toString());
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    List<SampleSpec> specs;
    try {
      Scenario chosen = Scenario.ofId(scenario);
      Instrument fixed = instrument == null ? null : Instrument.ofId(instrument);
      specs = chosen.expand(new Scenario.Options(seed, events, samples, fixed, blastFraction));
    } catch (IllegalArgumentException e) {
      err.println("simulate: " + e.getMessage() + " (see mrdflow simulate --help)");
      return 2;
    }
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      err.println("simulate: " + out + ": cannot create output folder: " + e.getMessage());
      return 2;
    }
    if (!Files.isWritable(out)) {
      err.println("simulate: " + out + ": output folder is not writable");
      return 2;
    }
    stdout.println("sample\tinstrument\tevents\tnucleated\tblasts\tmrd_fraction\tmrd_category\tseconds\tcpu_seconds");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (SampleSpec s : specs) {
      long start = System.nanoTime();
      long cpuStart = threads.getCurrentThreadCpuTime();
      SimulatedSample sample = MarrowSimulator.simulate(s);
      // Wall and CPU time of the simulation alone (not the write): CPU time is what a loaded
      // machine does not distort.
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      try {
        SimulationFiles.write(sample, out);
      } catch (IOException e) {
        err.println("simulate: " + out + ": writing " + s.sampleId() + " failed: " + e.getMessage());
        return 1;
      }
      TruthRules.Calls t = sample.truth().calls();
      stdout.printf(Locale.ROOT, "%s\t%s\t%d\t%d\t%d\t%.2g\t%s\t%.3f\t%.3f%n", s.sampleId(),
          s.instrument().id(), sample.truth().totalEvents(), t.nucleatedSinglets(), t.blasts(),
          t.mrdFraction(), t.mrdCategory(), seconds, cpuSeconds);
    }
    stdout.flush();
    return 0;
  }
}
