package org.mrdflow.fcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files from every {@link FcsWriter} configuration ({@link InteropFiles}) open in FlowIO,
 * fcsparser and flowCore's read.FCS with the events and keywords MRDFlow's reader sees (issue
 * 16). The fixture {@code interop/reference-readers.json} records what those readers read from
 * exactly these bytes (made by {@code make_interop_fixture.py}); the always-on tests check that
 * the writer still writes those bytes and that our reader agrees with every recorded reader.
 * With the readers' sources at {@code -Dmrdflow.fcsreaders=DIR} (layout in the README) the
 * readers are run again on freshly written files; without them that test skips.
 */
class WriterInteropTest {
  private static final List<String> READERS = List.of("FlowIO", "fcsparser", "flowCore");
  private static final JsonNode FIXTURE = fixture();

  private static JsonNode fixture() {
    try (InputStream in = WriterInteropTest.class.getResourceAsStream(
        "interop/reference-readers.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<InteropFiles.Config> configs() {
    return InteropFiles.CONFIGS;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void every_reader_read_the_events_and_keywords_our_reader_reads(InteropFiles.Config config)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    InteropFiles.write(config, bytes);
    byte[] file = bytes.toByteArray();
    JsonNode recorded = FIXTURE.path("files").path(config.fileName());
    // The readers were run on exactly the bytes the writer writes now.
    assertThat(sha256(file)).as("writer output of %s", config.fileName())
        .isEqualTo(recorded.path("file_sha256").asText());

    FcsDataset ours = FcsFile.read(file, config.fileName(), FcsReadOptions.defaults()).first();
    assertThat(ours.notices()).isEmpty();
    String events = eventsSha256(ours);
    for (String reader : READERS) {
      JsonNode r = recorded.path(reader);
      assertThat(r.has("error")).as("%s refused %s: %s", reader, config.fileName(),
          r.path("error").asText()).isFalse();
      assertThat(r.path("events").asInt()).as(reader).isEqualTo(ours.eventCount());
      assertThat(r.path("parameters").asInt()).as(reader).isEqualTo(ours.parameterCount());
      assertThat(r.path("events_sha256").asText()).as("%s events", reader).isEqualTo(events);
      assertThat(map(r.path("keywords"))).as("%s keywords", reader)
          .isEqualTo(asReaderReportsThem(reader, ours.keywords().asMap()));
    }
  }

  @Test
  void every_configuration_writes_the_keywords_each_reader_requires() throws IOException {
    for (InteropFiles.Config config : InteropFiles.CONFIGS) {
      if (config.events() == InteropFiles.BIG_EVENTS) {
        continue; // same TEXT as its small sibling apart from the offsets
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      InteropFiles.write(config, bytes);
      FcsDataset d = FcsFile.read(bytes.toByteArray(), config.fileName(),
          FcsReadOptions.defaults()).first();
      Map<String, String> keywords = d.keywords().asMap();
      for (String reader : READERS) {
        for (Iterator<JsonNode> it = FIXTURE.path("required_keywords").path(reader).elements();
            it.hasNext(); ) {
          String key = it.next().asText();
          List<String> keys = new ArrayList<>();
          if (key.startsWith("$Pn")) {
            for (int n = 1; n <= d.parameterCount(); n++) {
              keys.add("$P" + n + key.substring(3));
            }
          } else {
            keys.add(key);
          }
          assertThat(keywords).as("%s needs %s in %s", reader, key, config.fileName())
              .containsKeys(keys.toArray(String[]::new));
        }
      }
      FIXTURE.path("required_values").fields().forEachRemaining(e ->
          assertThat(keywords).containsEntry(e.getKey(), e.getValue().asText()));
    }
  }

  /**
   * Runs the readers again (their sources at {@code -Dmrdflow.fcsreaders}, Debian's python3 and
   * Rscript) on freshly written small files and compares with the fixture.
   */
  @Test
  void the_readers_themselves_still_read_what_the_fixture_records(@TempDir Path dir)
      throws Exception {
    String readers = System.getProperty("mrdflow.fcsreaders");
    assumeTrue(readers != null && Files.isDirectory(Path.of(readers, "FlowIO"))
        && Files.isDirectory(Path.of(readers, "fcsparser"))
        && Files.isDirectory(Path.of(readers, "flowCore"))
        && Files.isExecutable(Path.of("/usr/bin/python3")), "reader sources not given");
    List<String> names = new ArrayList<>();
    for (InteropFiles.Config config : InteropFiles.CONFIGS) {
      if (config.events() != InteropFiles.BIG_EVENTS) {
        try (OutputStream out = Files.newOutputStream(dir.resolve(config.fileName()))) {
          InteropFiles.write(config, out);
        }
        names.add(dir.resolve(config.fileName()).toString());
      }
    }
    List<String> python = new ArrayList<>(List.of("/usr/bin/python3",
        Path.of("src/test/python/reference_readers.py").toString(),
        "--flowio", Path.of(readers, "FlowIO", "src").toString(),
        "--fcsparser", Path.of(readers, "fcsparser").toString()));
    python.addAll(names);
    JsonNode pythonOut = run(python).path("files");
    List<String> r = new ArrayList<>(List.of("Rscript", "src/test/R/flowcore_read.R",
        Path.of(readers, "flowCore", "R", "IO.R").toString()));
    r.addAll(names);
    JsonNode flowCoreOut = run(r);
    for (String path : names) {
      String name = Path.of(path).getFileName().toString();
      JsonNode recorded = FIXTURE.path("files").path(name);
      for (String reader : List.of("FlowIO", "fcsparser")) {
        assertThat(strip(pythonOut.path(name).path(reader))).as("%s on %s", reader, name)
            .isEqualTo(strip(recorded.path(reader)));
      }
      assertThat(flowCoreOut.path(name)).as("flowCore on %s", name)
          .isEqualTo(recorded.path("flowCore"));
    }
  }

  /** Keywords as the reader reports them: FlowIO lower-cases keys and drops every '$'. */
  private static Map<String, String> asReaderReportsThem(String reader, Map<String, String> kw) {
    Map<String, String> out = new LinkedHashMap<>();
    kw.forEach((k, v) -> {
      if (reader.equals("FlowIO")) {
        out.put(k.toLowerCase(Locale.ROOT).replace("$", ""), v.replace("$", ""));
      } else {
        out.put(k, v);
      }
    });
    return out;
  }

  private static Map<String, String> map(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  /** A reader's record without its warnings (the Python readers' own chatter). */
  private static JsonNode strip(JsonNode record) {
    JsonNode copy = record.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("warnings");
    return copy;
  }

  private static JsonNode run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    return new ObjectMapper().readTree(out);
  }

  /** SHA-256 of the events as a float64 little-endian row-major matrix (as the scripts hash). */
  static String eventsSha256(FcsDataset d) {
    MessageDigest sha = digest();
    double[][] columns = new double[d.parameterCount()][];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = d.doubleColumn(c);
    }
    ByteBuffer row = ByteBuffer.allocate(8 * columns.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int e = 0; e < d.eventCount(); e++) {
      row.clear();
      for (double[] column : columns) {
        row.putDouble(column[e]);
      }
      sha.update(row.array());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
