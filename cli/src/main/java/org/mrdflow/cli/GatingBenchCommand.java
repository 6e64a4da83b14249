package org.mrdflow.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.mrdflow.gating.benchmark.GatingBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mrdflow bench gating}: the gating engine against a plain pass over the same arrays. */
@Command(
    name = "gating",
    mixinStandardHelpOptions = true,
    description = "Median single-thread time to compensate 6 channels, logicle-transform them "
        + "and evaluate a 10-population fixed-gate strategy, versus summing the same "
        + "10 columns; milliseconds (wall and thread CPU), their ratio and event-gate "
        + "evaluations per second.")
final class GatingBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--events", defaultValue = "1000000", description = "Simulated events (default 1e6).")
  int events;

  @Option(names = "--warmup", defaultValue = "30", description = "Warm-up rounds (default 30).")
  int warmup;

  @Option(names = "--repetitions", defaultValue = "20",
      description = "Measured rounds (default 20).")
  int repetitions;

  @Option(names = "--json", description = "Print {events, gate_ms, sum_ms, ratio, "
      + "evaluations_per_second, fastest_gate_ms, fastest_sum_ms, gate_cpu_ms, sum_cpu_ms, "
      + "cpu_ratio, evaluations_per_cpu_second}.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (events < 1 || warmup < 0 || repetitions < 1) {
      spec.commandLine().getErr().println("bench gating: --events and --repetitions must be "
          + "positive, --warmup not negative");
      return 2;
    }
    GatingBenchmark.Result r = GatingBenchmark.run(events, warmup, repetitions, 1);
    if (json) {
      ObjectNode n = JsonNodeFactory.instance.objectNode();
      n.put("events", r.events());
      n.put("gate_ms", r.gateSeconds() * 1e3);
      n.put("sum_ms", r.sumSeconds() * 1e3);
      n.put("ratio", r.ratio());
      n.put("evaluations_per_second", r.evaluationsPerSecond());
      n.put("fastest_gate_ms", r.fastestGateSeconds() * 1e3);
      n.put("fastest_sum_ms", r.fastestSumSeconds() * 1e3);
      n.put("gate_cpu_ms", r.gateCpuSeconds() * 1e3);
      n.put("sum_cpu_ms", r.sumCpuSeconds() * 1e3);
      n.put("cpu_ratio", r.cpuRatio());
      n.put("evaluations_per_cpu_second", r.evaluationsPerCpuSecond());
      CliOutput.printJson(out, n, false);
    } else {
      out.printf("events          %d x 10 channels, %d populations%n", r.events(),
          GatingBenchmark.POPULATIONS);
      out.printf("plain sum       %.2f ms (median of %d)%n", r.sumSeconds() * 1e3, repetitions);
      out.printf("gate            %.2f ms (compensation + logicle x6 + gates + counts)%n",
          r.gateSeconds() * 1e3);
      out.printf("ratio           %.1f  (gate / plain sum)%n", r.ratio());
      out.printf("throughput      %.0f M event-gate evaluations/s%n",
          r.evaluationsPerSecond() / 1e6);
      out.printf("fastest rounds  gate %.2f ms, plain sum %.2f ms, ratio %.1f%n",
          r.fastestGateSeconds() * 1e3, r.fastestSumSeconds() * 1e3,
          r.fastestGateSeconds() / r.fastestSumSeconds());
      out.printf("thread CPU      gate %.2f ms, plain sum %.2f ms, ratio %.1f, %.0f M/s "
          + "(medians)%n", r.gateCpuSeconds() * 1e3, r.sumCpuSeconds() * 1e3, r.cpuRatio(),
          r.evaluationsPerCpuSecond() / 1e6);
    }
    out.flush();
    return 0;
  }
}
