package org.mrdflow.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.mrdflow.pipeline.PipelineVersion;
import org.mrdflow.pipeline.config.ConfigException;
import org.mrdflow.pipeline.config.RunConfig;
import org.mrdflow.pipeline.input.InputException;
import org.mrdflow.pipeline.input.InputFile;
import org.mrdflow.pipeline.input.InputLister;
import org.mrdflow.pipeline.job.FcsMrdAnalyzer;
import org.mrdflow.pipeline.job.MrdflowJob;
import org.mrdflow.pipeline.job.PlannedSample;
import org.mrdflow.pipeline.job.RunListener;
import org.mrdflow.pipeline.job.SampleTask;
import org.mrdflow.pipeline.job.SparkSessions;
import org.mrdflow.pipeline.privacy.KeywordAllowList;
import org.mrdflow.pipeline.run.RunRequest;
import org.mrdflow.pipeline.run.RunResult;
import org.mrdflow.simulation.MarrowSimulator;
import org.mrdflow.simulation.SampleSpec;
import org.mrdflow.simulation.Scenario;
import org.mrdflow.simulation.SimulationFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mrdflow bench pipeline}: the same files through (a) the per-sample analysis in one plain
 * Java thread and (b) the Spark job, in one JVM; prints files/s, events/s and their ratio.
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description = {
      "Simulate N files of M events, then analyse them (a) single-threaded in plain",
      "Java and (b) with the Spark job (default local[2]); print files/s, events/s",
      "and the speed-up. At most " + BenchPipelineCommand.DISTINCT + " distinct marrows are simulated; the",
      "other files are hard links to them (same analysis work, less time and disk)."
    })
public final class BenchPipelineCommand implements Callable<Integer> {
  static final int DISTINCT = 8;

  @Option(names = "--files", defaultValue = "200", paramLabel = "N", description = "Number of files (default ${DEFAULT-VALUE}).")
  int files;

  @Option(names = "--events", defaultValue = "500000", paramLabel = "M", description = "Events per file (default ${DEFAULT-VALUE}).")
  int events;

  @Option(names = "--json", description = "Print {files, events_per_file, single_thread_seconds, spark_seconds, "
      + "spark_startup_seconds, checks_seconds, analysis_seconds, tables_seconds, report_seconds, speedup}.")
  boolean json;

  @Option(names = "--master", defaultValue = "local[2]", paramLabel = "URL", description = "Spark master (default ${DEFAULT-VALUE}).")
  String master;

  @Option(names = "--work", paramLabel = "DIR",
      description = "Folder for the files and the warehouse (default: a temporary folder, deleted after).")
  Path work;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (files < 1 || events < SampleSpec.MIN_EVENTS) {
      err.println("bench pipeline: need --files >= 1 and --events >= " + SampleSpec.MIN_EVENTS);
      return 2;
    }
    boolean temporary = work == null;
    Path dir = temporary ? Files.createTempDirectory("mrdflow-bench") : work;
    try {
      return measure(dir, err);
    } catch (InputException | ConfigException e) {
      err.println("bench pipeline: " + e.getMessage());
      return 2;
    } finally {
      if (temporary) {
        deleteTree(dir);
      }
    }
  }

  private int measure(Path dir, PrintWriter err) throws IOException, InputException, ConfigException {
    Path input = dir.resolve("fcs");
    simulate(input);
    RunConfig config = RunConfig.loadDefault(Installation.home());
    FcsMrdAnalyzer analyzer = FcsMrdAnalyzer.fromConfig(config);
    Configuration hadoop = new Configuration();
    List<InputFile> inputs = new InputLister(hadoop).list(input.toString()).files();
    SampleTask task = new SampleTask(analyzer, new KeywordAllowList(List.of()), config.job().maxFileBytes(),
        PipelineVersion.get(), null, 1);

    // Warm-up: one file through the analysis so neither side pays the JIT alone.
    task.run(new PlannedSample(inputs.get(0), inputs.get(0).path(), inputs.get(0).fileName(), null, null), hadoop);
    long start = System.nanoTime();
    long cpuStart = processCpuNanos();
    long analysed = 0;
    for (InputFile f : inputs) {
      analysed += task.run(new PlannedSample(f, f.path(), f.fileName(), null, null), hadoop).events();
    }
    double singleSeconds = (System.nanoTime() - start) / 1e9;
    double singleCpu = (processCpuNanos() - cpuStart) / 1e9;

    Path sparkDefaults = Installation.home().resolve("conf/spark-defaults.conf");
    start = System.nanoTime();
    SparkSession spark = SparkSessions.create(master, sparkDefaults);
    spark.range(1).count(); // executors up: the fixed cost every run pays once
    double startupSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    cpuStart = processCpuNanos();
    MrdflowJob.Prepared prepared = MrdflowJob.prepare(new RunRequest(input.toString(),
        dir.resolve("warehouse").toString(), null, config, "bench", false, false, null),
        SparkSessions.hadoopConfiguration(sparkDefaults));
    double checkSeconds = (System.nanoTime() - start) / 1e9;
    PhaseCpu phaseCpu = new PhaseCpu();
    RunResult result = new MrdflowJob(spark, analyzer).run(prepared, phaseCpu);
    phaseCpu.phase("done");
    double sparkSeconds = (System.nanoTime() - start) / 1e9;
    double sparkCpu = (processCpuNanos() - cpuStart) / 1e9;
    // The hard-linked copies are analysed like the originals, then recorded as DUPLICATE rows
    // (one sample per content): every file must be OK or such a copy.
    long copies = result.failuresByCode().getOrDefault("DUPLICATE", 0L);
    if (result.ok() + copies != files || result.failed() != copies) {
      err.printf("bench pipeline: Spark gave %d OK + %d FAILED rows (%d copies) for %d files%n",
          result.ok(), result.failed(), copies, files);
      return 1;
    }
    Phases phases = new Phases(startupSeconds, checkSeconds, result.analysisSeconds(), result.tablesSeconds(),
        result.reportSeconds());
    print(singleSeconds, sparkSeconds, phases, analysed);
    if (!json) {
      PrintWriter out = spec.commandLine().getOut();
      out.printf(Locale.ROOT, "spark phases       start-up %.1f s | checks + listing %.1f s | analysis %.1f s | "
          + "tables %.1f s | report + provenance + commit %.1f s%n", phases.startup, phases.checks,
          phases.analysis, phases.tables, phases.report);
      out.printf(Locale.ROOT, "phases, CPU        %s (process CPU: what the machine's other load does not inflate)%n",
          phaseCpu.seconds);
      out.printf(Locale.ROOT, "overhead           tables + report = %.1f %% of the analysis; single thread "
          + "analysis %.1f s%n", 100 * (phases.tables + phases.report) / phases.analysis, singleSeconds);
      out.printf(Locale.ROOT, "process CPU        single thread %.1f s, spark %.1f s (%.2fx the work; a loaded "
          + "machine slows wall time, not CPU time)%n", singleCpu, sparkCpu, sparkCpu / singleCpu);
      out.flush();
    }
    return 0;
  }

  /** CPU time of this JVM, all threads: what the machine's other load does not inflate. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Process CPU seconds spent in each phase the job announces (analysing, writing tables, report). */
  private static final class PhaseCpu implements RunListener {
    final Map<String, String> seconds = new LinkedHashMap<>();
    private String current;
    private long since;

    @Override
    public void planned(int files, long bytes, int ignored) {}

    @Override
    public void progress(long filesDone, long eventsDone) {}

    @Override
    public synchronized void phase(String description) {
      long now = processCpuNanos();
      if (current != null) {
        seconds.put(current, String.format(Locale.ROOT, "%.1f s", (now - since) / 1e9));
      }
      current = description.split(" ")[0] + (description.contains("tables") ? " tables" : "")
          + (description.contains("report") ? " report" : "");
      since = now;
    }
  }

  /** Wall seconds of each phase of the Spark side. */
  private record Phases(double startup, double checks, double analysis, double tables, double report) {}

  private void print(double single, double sparkSeconds, Phases phases, long analysed) throws IOException {
    double startup = phases.startup;
    PrintWriter out = spec.commandLine().getOut();
    double speedup = single / sparkSeconds;
    if (json) {
      ObjectNode n = JsonNodeFactory.instance.objectNode();
      n.put("files", files);
      n.put("events_per_file", events);
      n.put("single_thread_seconds", single);
      n.put("spark_seconds", sparkSeconds);
      n.put("spark_startup_seconds", startup);
      n.put("checks_seconds", phases.checks);
      n.put("analysis_seconds", phases.analysis);
      n.put("tables_seconds", phases.tables);
      n.put("report_seconds", phases.report);
      n.put("speedup", speedup);
      CliOutput.printJson(out, n, false);
    } else {
      out.printf(Locale.ROOT, "files x events     %d x %,d (%,d events)%n", files, events, analysed);
      out.printf(Locale.ROOT, "single thread      %.1f s  %.2f files/s  %.2fM events/s%n", single, files / single,
          analysed / single / 1e6);
      out.printf(Locale.ROOT, "spark (%s)   %.1f s  %.2f files/s  %.2fM events/s  (whole job: list, analyse, "
          + "write, report, commit)%n", master, sparkSeconds, files / sparkSeconds, analysed / sparkSeconds / 1e6);
      out.printf(Locale.ROOT, "spark start-up     %.1f s (once per run, not in the figure above)%n", startup);
      out.printf(Locale.ROOT, "speed-up           %.2fx (single thread / spark)%n", speedup);
    }
    out.flush();
  }

  /** DISTINCT simulated marrows (classic blasts at 1e-3), then hard links up to N files. */
  private void simulate(Path input) throws IOException {
    Files.createDirectories(input);
    List<SampleSpec> specs = Scenario.CLASSIC.expand(
        new Scenario.Options(7, events, Math.min(files, DISTINCT), null, null));
    List<Path> originals = new ArrayList<>();
    for (SampleSpec s : specs) {
      originals.add(SimulationFiles.write(MarrowSimulator.simulate(s), input.resolve("sim")).fcs());
    }
    for (int i = 0; i < files; i++) {
      Path target = input.resolve(String.format(Locale.ROOT, "bench-%04d.fcs", i));
      Path source = originals.get(i % originals.size());
      try {
        Files.createLink(target, source);
      } catch (UnsupportedOperationException | IOException e) {
        Files.copy(source, target);
      }
    }
    // The originals are only link sources: move them out of the listing's reach.
    for (Path p : originals) {
      Files.delete(p);
    }
    deleteTree(input.resolve("sim"));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
