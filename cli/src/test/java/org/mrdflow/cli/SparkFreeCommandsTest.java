package org.mrdflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.pipeline.testing.DuckDb;

/**
 * Every command that is not a Spark command runs, for real, in a JVM whose classpath is the one
 * {@code bin/mrdflow} gives it: the cli module's classes plus {@code target/classpath.txt}, which
 * holds no Spark, Hadoop or Scala jar. A Spark command there is a clear error, not a stack trace.
 */
class SparkFreeCommandsTest {
  private static final Path CLASSES = Path.of("target/classes").toAbsolutePath();
  private static final Path TEST_CLASSES = Path.of("target/test-classes").toAbsolutePath();
  private static final Path CLASSPATH_FILE = Path.of("target/classpath.txt").toAbsolutePath();

  private record Child(int exit, String out, String err) {}

  private static String runtimeClasspath() throws IOException {
    return CLASSES + java.io.File.pathSeparator + Files.readString(CLASSPATH_FILE).trim();
  }

  private static Child java(Path dir, String mainClass, List<String> args)
      throws IOException, InterruptedException {
    return java(dir, mainClass, args, null);
  }

  private static ProcessBuilder javaProcess(Path dir, String mainClass, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "-Dmrdflow.home=" + Path.of("..").toAbsolutePath().normalize(), "-cp",
        runtimeClasspath() + java.io.File.pathSeparator + TEST_CLASSES, mainClass));
    command.addAll(args);
    return new ProcessBuilder(command).directory(dir.toFile());
  }

  /** @param stdin what the child reads on standard input (null: nothing) */
  private static Child java(Path dir, String mainClass, List<String> args, String stdin)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "-Dmrdflow.home=" + Path.of("..").toAbsolutePath().normalize(), "-cp",
        runtimeClasspath() + java.io.File.pathSeparator + TEST_CLASSES, mainClass));
    command.addAll(args);
    Path out = dir.resolve("child.out");
    Path err = dir.resolve("child.err");
    Path in = dir.resolve("child.in");
    Files.writeString(in, stdin == null ? "" : stdin, StandardCharsets.UTF_8);
    Process process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    int exit = process.waitFor();
    return new Child(exit, Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static String line(String... words) {
    return String.join(CommandBatch.SEPARATOR, words);
  }

  @Test
  void theRuntimeClasspathHoldsNoSparkHadoopOrScalaJar() throws IOException {
    assertThat(runtimeClasspath().split(java.io.File.pathSeparator))
        .isNotEmpty()
        .noneMatch(entry -> entry.contains("/org/apache/spark/")
            || entry.contains("/org/apache/hadoop/") || entry.contains("/org/scala-lang/"));
  }

  @Test
  void everyNonSparkCommandRunsWithoutSparkOnTheClasspath(@TempDir Path dir) throws Exception {
    Path sim = dir.resolve("sim");
    Path fcs = sim.resolve("classic-1e-2-r1.fcs");
    String strategy = Path.of("../conf/gating/generic-lymphocytes.yaml").toAbsolutePath()
        .toString();
    List<String> lines = List.of(
        line("--help"),
        line("help", "run"),
        line("simulate", "--scenario", "classic", "--events", "30000", "--seed", "3",
            "--blast-fraction", "1e-2", "--out", sim.toString()),
        line("fcs", "stats", fcs.toString()),
        line("analyze", fcs.toString()),
        line("evaluate", "--truth", sim.toString()),
        line("gate", "--gatingml", strategy, fcs.toString()),
        line("stats", "fisher", "--table", "4,6,9,0", "--json"),
        line("bench", "fcs", fcs.toString(), "--warmup", "0", "--repetitions", "1"),
        line("bench", "gating", "--events", "10000", "--warmup", "1", "--repetitions", "1"));

    Child child = java(dir, CommandBatch.class.getName(), lines);

    assertThat(child.err()).doesNotContain("NoClassDefFoundError", "ClassNotFoundException");
    assertThat(child.out()).contains("@@spark absent");
    Matcher m = Pattern.compile("@@exit (\\d+) \\[([^\\]]*)\\]").matcher(child.out());
    List<String> exits = new ArrayList<>();
    while (m.find()) {
      exits.add(m.group(1) + " " + m.group(2));
    }
    assertThat(exits).as(child.err()).hasSize(lines.size());
    // evaluate exits 1 when a target is missed (one file cannot meet them all); it still ran.
    assertThat(exits).allSatisfy(e -> assertThat(e).matches(
        "0 .*|1 evaluate, .*"));
    assertThat(Files.exists(fcs)).isTrue();
  }

  @Test
  void aSparkCommandWithoutSparkSaysHowToStartIt(@TempDir Path dir) throws Exception {
    Child child = java(dir, MrdflowCli.class.getName(),
        List.of("run", "--input", dir.toString(), "--output", dir.resolve("out").toString()));

    assertThat(child.exit()).isEqualTo(2);
    assertThat(child.err()).contains("'run' runs Spark").contains("bin/mrdflow")
        .doesNotContain("Exception");
  }

  @Test
  void usersAddReadsThePasswordFromStandardInputAndTheReviewServerAndExportRunWithoutSpark(@TempDir Path dir)
      throws Exception {
    // a one-run warehouse, written with DuckDB: two files, one analysed (no mrd_results: listed, not analysed)
    Path warehouse = dir.resolve("warehouse");
    Path partition = Files.createDirectories(warehouse.resolve("samples/run_date=2026-12-05/run_id=night-1"));
    DuckDb.execute("COPY (SELECT * FROM (VALUES ('0123456789abcdef0123456789abcdef', 'file-aa', 'OK'),"
        + " (NULL, 'file-bb', 'FAILED')) v(sample_id, file_name, status), (SELECT NULL::VARCHAR AS error_code,"
        + " NULL::VARCHAR AS error_message, '3.1' AS fcs_version, NULL::VARCHAR AS instrument, 1000::BIGINT AS total_events,"
        + " NULL::VARCHAR AS patient_key, NULL::VARCHAR AS patient_id, NULL::VARCHAR AS specimen_id,"
        + " NULL::DATE AS collection_date, NULL::VARCHAR AS timepoint, MAP{}::MAP(VARCHAR, VARCHAR) AS keywords,"
        + " '0.1' AS pipeline_version)) TO '" + partition.resolve("part-0.parquet") + "' (FORMAT PARQUET)");

    Child add = java(dir, MrdflowCli.class.getName(),
        List.of("users", "add", "--warehouse", warehouse.toString(), "rita", "--role", "reviewer"), "long enough secret\n");
    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(add.out()).contains("added rita (reviewer)");
    Child twice = java(dir, MrdflowCli.class.getName(),
        List.of("users", "add", "--warehouse", warehouse.toString(), "rita", "--role", "director"), "another secret\n");
    assertThat(twice.exit()).isEqualTo(2);
    assertThat(twice.err()).contains("user rita exists already");
    Child badRole = java(dir, MrdflowCli.class.getName(),
        List.of("users", "add", "--warehouse", warehouse.toString(), "max", "--role", "admin"), "long enough secret\n");
    assertThat(badRole.exit()).isEqualTo(2);
    assertThat(badRole.err()).contains("role must be reviewer or director");

    Child export = java(dir, MrdflowCli.class.getName(), List.of("review", "export", "--warehouse", warehouse.toString()));
    assertThat(export.exit()).as(export.err()).isZero();
    assertThat(DuckDb.query("SELECT count(*) AS n FROM '" + warehouse.resolve("reviews/reviews.parquet") + "'"))
        .containsExactly(java.util.Map.of("n", 0L));

    Child noInput = java(dir, MrdflowCli.class.getName(),
        List.of("review", "--warehouse", warehouse.toString(), "--input", dir.resolve("no-such-folder").toString()));
    assertThat(noInput.exit()).isEqualTo(2);
    assertThat(noInput.err()).contains("is not a folder");

    Process server = javaProcess(dir, MrdflowCli.class.getName(),
        List.of("review", "--warehouse", warehouse.toString(), "--port", "0", "--input", dir.toString()))
        .redirectErrorStream(true).start();
    try {
      String line = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
          .readLine();
      Matcher port = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/").matcher(String.valueOf(line));
      assertThat(port.find()).as(line).isTrue();
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + port.group(1);
      var runs = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/runs"))
          .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
              "rita:long enough secret".getBytes(StandardCharsets.UTF_8))).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(runs.statusCode()).isEqualTo(200);
      assertThat(runs.body()).contains("\"run_id\":\"night-1\"", "\"files\":2", "\"ok\":1", "\"failed\":1");
    } finally {
      server.destroy();
      server.waitFor();
    }
  }
}
