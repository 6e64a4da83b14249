package org.mrdflow.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mrdflow.fcs.ReadBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mrdflow bench ...}: throughput benchmarks that print ratios, not timed tests. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks.",
    subcommands = {BenchCommand.Fcs.class, GatingBenchCommand.class})
public final class BenchCommand extends CommandGroup {
  /** {@code mrdflow bench fcs FILE [--json]}. */
  @Command(
      name = "fcs",
      mixinStandardHelpOptions = true,
      description = "Median time to read FILE's bytes with a plain FileChannel read versus "
          + "parsing it into column arrays, after warm-up; GB/s and their ratio.")
  static final class Fcs implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "FCS file.")
    Path file;

    @Option(names = "--json", description = "Print {bytes, events, read_seconds, "
        + "parse_seconds, parse_gb_per_s, ratio}.")
    boolean json;

    @Option(names = "--warmup", defaultValue = "3", description = "Warm-up rounds (default 3).")
    int warmup;

    @Option(names = "--repetitions", defaultValue = "7",
        description = "Measured rounds (default 7).")
    int repetitions;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      ReadBenchmark.Result r;
      try {
        r = ReadBenchmark.run(file, warmup, repetitions);
      } catch (IOException e) {
        return CliOutput.unreadableFcs(err, file, e);
      }
      if (json) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("bytes", r.bytes());
        n.put("events", r.events());
        n.put("read_seconds", r.readSeconds());
        n.put("parse_seconds", r.parseSeconds());
        n.put("parse_gb_per_s", r.parseGbPerSecond());
        n.put("ratio", r.ratio());
        CliOutput.printJson(out, n, false);
      } else {
        out.printf("file            %s%n", file);
        out.printf("bytes           %d%n", r.bytes());
        out.printf("events          %d%n", r.events());
        out.printf("plain read      %.4f s  (%.2f GB/s, median of %d)%n",
            r.readSeconds(), r.readGbPerSecond(), repetitions);
        out.printf("parse           %.4f s  (%.2f GB/s, median of %d)%n",
            r.parseSeconds(), r.parseGbPerSecond(), repetitions);
        out.printf("ratio           %.2f  (parse / plain read)%n", r.ratio());
        out.printf("CPU time        read %.4f s, parse %.4f s (%.2f GB/s), ratio %.2f%n",
            r.readCpuSeconds(), r.parseCpuSeconds(), r.bytes() / r.parseCpuSeconds() / 1e9,
            r.parseCpuSeconds() / r.readCpuSeconds());
        out.printf("peak heap       %.0f MB (sum of heap pool peaks, upper bound)%n",
            peakHeapBytes() / 1e6);
      }
      return 0;
    }

    private static long peakHeapBytes() {
      long sum = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          sum += pool.getPeakUsage().getUsed();
        }
      }
      return sum;
    }
  }
}
