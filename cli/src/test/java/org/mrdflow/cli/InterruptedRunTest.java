package org.mrdflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
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
import org.mrdflow.pipeline.testing.FakeAnalyzer;
import org.mrdflow.pipeline.testing.FakeFcs;
import org.mrdflow.pipeline.testing.Runs;

/**
 * Ctrl-C and SIGTERM sent to a real process in the middle of a run: one line, exit status 130 /
 * 143, no stack trace, nothing committed.
 */
class InterruptedRunTest {

  /** The run that gets interrupted, in its own JVM. Arguments: input, output, run id. */
  public static void main(String[] args) {
    RunRequest request = new RunRequest(args[0], args[1], null, Runs.defaultConfig(), args[2], false, false, null);
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(RunCommand.execute(request, new FakeAnalyzer(), "local[2]", out, err));
  }

  @Test
  void ctrlCPrintsOneLineExits130AndCommitsNothing(@TempDir Path tmp) throws Exception {
    Interrupted run = interrupt(tmp, "c1", "INT");
    assertThat(run.exit).isEqualTo(130);
    assertOneLineAndNothingCommitted(run, "c1");
  }

  @Test
  void sigtermPrintsOneLineExits143AndCommitsNothing(@TempDir Path tmp) throws Exception {
    Interrupted run = interrupt(tmp, "t1", "TERM");
    assertThat(run.exit).isEqualTo(143);
    assertOneLineAndNothingCommitted(run, "t1");
  }

  private record Interrupted(int exit, List<String> stderr, Path output) {}

  private static void assertOneLineAndNothingCommitted(Interrupted run, String runId) {
    assertThat(run.stderr).filteredOn(l -> l.startsWith("interrupted"))
        .containsExactly("interrupted: nothing committed (run " + runId + ")");
    assertThat(run.stderr).noneMatch(l -> l.contains("Exception") || l.startsWith("\tat ") || l.contains("ERROR"));
    for (String table : List.of("samples", "mrd_results", "populations", "runs")) {
      assertThat(run.output.resolve(table)).doesNotExist();
    }
  }

  /** Starts a run of slow files in a child JVM, signals it once analysis runs, waits for it to end. */
  private static Interrupted interrupt(Path tmp, String runId, String signal) throws Exception {
    Path input = tmp.resolve("in");
    Path output = tmp.resolve("out");
    for (int i = 0; i < 8; i++) {
      Map<String, String> slow = FakeFcs.sample(1000, 0);
      slow.put("sleep_ms", "4000");
      FakeFcs.write(input.resolve("s" + i + ".fcs"), slow);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-") || a.startsWith("-D") || a.startsWith("-XX:+Ignore")).toList());
    command.addAll(List.of("-Xmx1g", "-Dmrdflow.home=" + Runs.repositoryRoot(), "-cp",
        System.getProperty("java.class.path"), InterruptedRunTest.class.getName(), input.toString(),
        output.toString(), runId));
    Path stderr = tmp.resolve("child.err");
    Process child = new ProcessBuilder(command).redirectError(stderr.toFile())
        .redirectOutput(tmp.resolve("child.out").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (!analysing(output) && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(analysing(output)).as("the child started analysing; stderr: %s", stderr).isTrue();
      Thread.sleep(1000); // tasks are running now, not just staged
      new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor();
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child exits after the signal").isTrue();
      return new Interrupted(child.exitValue(), Files.readAllLines(stderr), output);
    } finally {
      child.destroyForcibly();
    }
  }

  /** The run has begun: its staging folder exists (input, manifest and output already checked). */
  private static boolean analysing(Path output) throws Exception {
    Path staging = output.resolve("_staging");
    if (!Files.isDirectory(staging)) {
      return false;
    }
    try (Stream<Path> runs = Files.list(staging)) {
      return runs.anyMatch(r -> r.getFileName().toString().contains("@"));
    }
  }
}
