package org.mrdflow.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.pipeline.run.RunRequest;
import org.mrdflow.pipeline.run.RunResult;
import org.mrdflow.pipeline.testing.DuckDb;
import org.mrdflow.pipeline.testing.FakeAnalyzer;
import org.mrdflow.pipeline.testing.FakeFcs;
import org.mrdflow.pipeline.testing.Runs;
import org.mrdflow.pipeline.testing.TestSpark;

/** A run killed (SIGKILL) while writing its tables leaves nothing visible; the next run completes. */
class KilledRunTest {

  /** The run that gets killed, in its own JVM. Arguments: input, output, run id. */
  public static void main(String[] args) throws Exception {
    RunRequest request = new RunRequest(args[0], args[1], null, Runs.defaultConfig(), args[2], false, false, null);
    new MrdflowJob(TestSpark.session(), new FakeAnalyzer()).run(request, RunListener.NONE);
  }

  @Test
  void aRunKilledMidWriteLeavesNoVisibleTableAndTheNextRunCompletes(@TempDir Path tmp) throws Exception {
    Path input = tmp.resolve("in");
    Path output = tmp.resolve("out");
    for (int i = 0; i < 12; i++) {
      FakeFcs.write(input.resolve("s" + i + ".fcs"), FakeFcs.sample(100_000 + i, i));
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-") || a.startsWith("-D") || a.startsWith("-XX:+Ignore")).toList());
    command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), KilledRunTest.class.getName(),
        input.toString(), output.toString(), "k1"));
    Process child = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("child.log").toFile()).start();
    try {
      Path staging = output.resolve("_staging");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      boolean writing = false;
      while (!writing && child.isAlive() && System.nanoTime() < deadline) {
        writing = tablesBeingWritten(staging);
        Thread.sleep(20);
      }
      assertThat(writing).as("the child reached the table writes; log: %s", tmp.resolve("child.log")).isTrue();
      child.destroyForcibly().waitFor();
    } finally {
      child.destroyForcibly();
    }

    for (String table : List.of("samples", "mrd_results", "populations")) {
      assertThat(output.resolve(table)).doesNotExist();
    }
    assertThat(output.resolve("runs")).doesNotExist();

    RunRequest again = new RunRequest(input.toString(), output.toString(), null, Runs.defaultConfig(), "k1",
        false, false, null);
    RunResult result = new MrdflowJob(TestSpark.session(), new FakeAnalyzer()).run(again, RunListener.NONE);

    assertThat(result.ok()).isEqualTo(12);
    List<Map<String, Object>> rows = DuckDb.table(output, "mrd_results", "sample_id");
    assertThat(rows).hasSize(12);
    assertThat(output.resolve("_staging")).isEmptyDirectory();
  }

  private static boolean tablesBeingWritten(Path staging) throws Exception {
    if (!Files.isDirectory(staging)) {
      return false;
    }
    try (Stream<Path> runs = Files.list(staging)) {
      return runs.anyMatch(r -> Files.isDirectory(r.resolve("tables/samples")));
    }
  }
}
