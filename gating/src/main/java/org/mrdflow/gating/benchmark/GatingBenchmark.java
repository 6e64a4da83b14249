package org.mrdflow.gating.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.mrdflow.fcs.SpilloverMatrix;
import org.mrdflow.gating.events.Channel;
import org.mrdflow.gating.events.EventTable;
import org.mrdflow.gating.events.Sample;
import org.mrdflow.gating.gate.BooleanGate;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.EllipsoidGate;
import org.mrdflow.gating.gate.PolygonGate;
import org.mrdflow.gating.gate.RectangleGate;
import org.mrdflow.gating.method.GatingMethods;
import org.mrdflow.gating.strategy.GatingResult;
import org.mrdflow.gating.strategy.GatingStrategy;
import org.mrdflow.gating.strategy.Population;
import org.mrdflow.gating.strategy.StrategyEvaluator;
import org.mrdflow.gating.transform.LogicleTransform;

/**
 * The gating speed benchmark of issue 3: one sample of N events x 10 channels (FSC-A, FSC-H,
 * SSC-A, six fluorescence channels, Time) through the whole engine: compensation of the six
 * fluorescence detectors with the file's spillover matrix, logicle on the six compensated
 * channels, and a 10-population strategy of fixed gates (rectangles, a polygon, an ellipse, a
 * quadrant-style split and a Boolean gate). Timed in the same run as a plain pass that sums the
 * same arrays, so the ratio is comparable across machines. Single thread; medians after warm-up,
 * in wall time and in the thread's CPU time (robust when other processes share the core).
 * Run it with {@code bin/mrdflow bench gating}.
 */
public final class GatingBenchmark {
  /** Populations in the benchmark strategy. */
  public static final int POPULATIONS = 10;

  /**
   * @param events events in the sample
   * @param gateSeconds median wall time of compensation + transforms + gating + counting
   * @param sumSeconds median wall time of summing every column once
   * @param fastestGateSeconds fastest gating round (least disturbed by other processes)
   * @param fastestSumSeconds fastest summing round
   * @param gateCpuSeconds median CPU time of the benchmark thread per gating round: what one
   *     core spends, unaffected by other processes taking turns on it (NaN where the JVM
   *     cannot measure thread CPU time)
   * @param sumCpuSeconds median thread CPU time per summing round (NaN likewise)
   * @param checksum counts of the runs plus the sums, so neither pass can be optimised away
   */
  public record Result(int events, double gateSeconds, double sumSeconds,
      double fastestGateSeconds, double fastestSumSeconds, double gateCpuSeconds,
      double sumCpuSeconds, long checksum) {
    /** gating time / plain summing time. */
    public double ratio() {
      return gateSeconds / sumSeconds;
    }

    /** gating / summing in thread CPU time. */
    public double cpuRatio() {
      return gateCpuSeconds / sumCpuSeconds;
    }

    /** Event-gate evaluations per second (events x populations / gating time). */
    public double evaluationsPerSecond() {
      return (double) events * POPULATIONS / gateSeconds;
    }

    /** Event-gate evaluations per second of thread CPU time. */
    public double evaluationsPerCpuSecond() {
      return (double) events * POPULATIONS / gateCpuSeconds;
    }
  }

  private GatingBenchmark() {}

  public static Result run(int events, int warmup, int repetitions, long seed) {
    Sample sample = sample(events, seed);
    StrategyEvaluator evaluator = new StrategyEvaluator(strategy(), GatingMethods.discover());
    long checksum = 0;
    for (int i = 0; i < warmup; i++) {
      checksum += gate(evaluator, sample) + Double.doubleToLongBits(sum(sample.events()));
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpu = threads.isCurrentThreadCpuTimeSupported();
    if (cpu && !threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
    double[] gateTimes = new double[repetitions];
    double[] sumTimes = new double[repetitions];
    double[] gateCpu = new double[repetitions];
    double[] sumCpu = new double[repetitions];
    for (int r = 0; r < repetitions; r++) {
      long cpuStart = cpu ? threads.getCurrentThreadCpuTime() : 0;
      long start = System.nanoTime();
      checksum += Double.doubleToLongBits(sum(sample.events()));
      sumTimes[r] = (System.nanoTime() - start) / 1e9;
      sumCpu[r] = cpu ? (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9 : Double.NaN;
      cpuStart = cpu ? threads.getCurrentThreadCpuTime() : 0;
      start = System.nanoTime();
      checksum += gate(evaluator, sample);
      gateTimes[r] = (System.nanoTime() - start) / 1e9;
      gateCpu[r] = cpu ? (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9 : Double.NaN;
    }
    return new Result(events, median(gateTimes), median(sumTimes),
        Arrays.stream(gateTimes).min().orElseThrow(), Arrays.stream(sumTimes).min().orElseThrow(),
        median(gateCpu), median(sumCpu), checksum);
  }

  private static long gate(StrategyEvaluator evaluator, Sample sample) {
    GatingResult result = evaluator.apply(sample);
    long counts = 0;
    for (var population : result.populations()) {
      counts += population.count();
    }
    return counts;
  }

  /** The baseline: read every value of every column once. */
  static double sum(EventTable table) {
    double total = 0;
    for (int c = 0; c < table.channelCount(); c++) {
      float[] column = table.column(c);
      float partial = 0;
      for (float v : column) {
        partial += v;
      }
      total += partial;
    }
    return total;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static final String[] FLUORESCENCE = {"FL1-A", "FL2-A", "FL3-A", "FL4-A", "FL5-A",
      "FL6-A"};

  /** Scatter and six fluorescence channels with a mix of negative and positive cells. */
  static Sample sample(int events, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Channel> channels = new ArrayList<>(List.of(Channel.named("FSC-A"),
        Channel.named("FSC-H"), Channel.named("SSC-A")));
    for (String name : FLUORESCENCE) {
      channels.add(Channel.named(name));
    }
    channels.add(Channel.named("Time"));
    float[][] columns = new float[channels.size()][events];
    for (int e = 0; e < events; e++) {
      double size = 40000 + 60000 * random.nextDouble();
      columns[0][e] = (float) size;
      columns[1][e] = (float) (size * (0.8 + 0.1 * random.nextDouble()));
      columns[2][e] = (float) (5000 + 150000 * random.nextDouble() * random.nextDouble());
      for (int f = 0; f < FLUORESCENCE.length; f++) {
        boolean positive = random.nextInt(3) == 0;
        columns[3 + f][e] = (float) ((positive ? Math.pow(10, 3 + 1.5 * random.nextDouble()) : 0)
            + 100 * random.nextGaussian());
      }
      columns[9][e] = (float) (e * 1e-3);
    }
    double[][] spill = new double[FLUORESCENCE.length][FLUORESCENCE.length];
    for (int r = 0; r < spill.length; r++) {
      for (int c = 0; c < spill.length; c++) {
        spill[r][c] = r == c ? 1 : Math.abs(c - r) == 1 ? 0.1 : 0.01;
      }
    }
    return new Sample("benchmark", new EventTable(channels, columns),
        Optional.of(SpilloverMatrix.of("benchmark", List.of(FLUORESCENCE), spill)));
  }

  /** Ten populations of fixed gates over compensated, logicle-scaled fluorescence. */
  static GatingStrategy strategy() {
    String fcs = Dimension.FILE_COMPENSATION;
    Dimension fscA = Dimension.of("FSC-A", fcs, "");
    Dimension fscH = Dimension.of("FSC-H", fcs, "");
    Dimension ssc = Dimension.of("SSC-A", fcs, "");
    Dimension[] fl = new Dimension[FLUORESCENCE.length];
    for (int f = 0; f < fl.length; f++) {
      fl[f] = Dimension.of(FLUORESCENCE[f], fcs, "logicle");
    }
    double inf = Double.POSITIVE_INFINITY;
    List<Population> populations = List.of(
        new Population("cells", null, null, new RectangleGate(List.of(fscA, ssc),
            new double[] {45000, 0}, new double[] {inf, 140000})),
        new Population("singlets", null, "cells", new PolygonGate(List.of(fscA, fscH),
            new double[] {0, 262144, 262144, 0}, new double[] {0, 200000, 262144, 30000})),
        new Population("fl1-pos", null, "singlets", new RectangleGate(List.of(fl[0]),
            new double[] {0.45}, new double[] {inf})),
        new Population("fl2-pos", null, "fl1-pos", new RectangleGate(List.of(fl[1]),
            new double[] {0.45}, new double[] {inf})),
        new Population("fl3-fl4-double-pos", null, "singlets", new RectangleGate(
            List.of(fl[2], fl[3]), new double[] {0.45, 0.45}, new double[] {inf, inf})),
        new Population("fl3-fl4-double-neg", null, "singlets", new RectangleGate(
            List.of(fl[2], fl[3]), new double[] {-inf, -inf}, new double[] {0.45, 0.45})),
        new Population("fl5-fl6-cluster", null, "singlets", new EllipsoidGate(
            List.of(fl[4], fl[5]), new double[] {0.7, 0.7},
            new double[][] {{0.01, 0.002}, {0.002, 0.01}}, 4)),
        new Population("fl5-dim", null, "singlets", new RectangleGate(List.of(fl[4]),
            new double[] {0.3}, new double[] {0.5})),
        new Population("fl6-pos", null, "fl5-dim", new RectangleGate(List.of(fl[5]),
            new double[] {0.45}, new double[] {inf})),
        new Population("fl1-or-fl6", null, "singlets", new BooleanGate(
            BooleanGate.Operator.OR, List.of(new BooleanGate.Operand("fl1-pos", false),
                new BooleanGate.Operand("fl6-pos", false)))));
    Map<String, org.mrdflow.gating.transform.Transform> transforms = new LinkedHashMap<>();
    transforms.put("logicle", new LogicleTransform(262144, 0.5, 4.5, 0));
    return new GatingStrategy("benchmark", "benchmark", Map.of(), transforms, Map.of(),
        populations, "singlets", null);
  }
}
