package org.mrdflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.fcs.FcsWriter;

class FcsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path fourEvents(Path dir) throws Exception {
    Path file = dir.resolve("four.fcs");
    FcsWriter.builder().parameter("FSC-A", null, 1024).parameter("PE-A", "CD10", 1024)
        .keyword("$CYT", "test").columns(new float[] {1, 2, 3, 4.5f}, new float[] {-1, 0, 8, 9})
        .build().write(file);
    return file;
  }

  @Test
  void stats_prints_the_json_the_issue_specifies(@TempDir Path dir) throws Exception {
    Path file = fourEvents(dir);
    CliRun r = CliRun.run("fcs", "stats", file.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode root = JSON.readTree(r.out());
    assertThat(root.get("file").asText()).isEqualTo(file.toString());
    JsonNode d = root.get("datasets").get(0);
    assertThat(d.get("index").asInt()).isZero();
    assertThat(d.get("version").asText()).isEqualTo("3.1");
    assertThat(d.get("events").asInt()).isEqualTo(4);
    assertThat(d.get("parameters").asInt()).isEqualTo(2);
    JsonNode pe = d.get("channels").get(1);
    assertThat(pe.get("name").asText()).isEqualTo("PE-A");
    assertThat(pe.get("label").asText()).isEqualTo("CD10");
    assertThat(d.get("channels").get(0).get("label").isNull()).isTrue();
    assertThat(pe.get("bits").asInt()).isEqualTo(32);
    assertThat(pe.get("range").asLong()).isEqualTo(1024);
    assertThat(pe.get("sum").asDouble()).isEqualTo(16);
    assertThat(pe.get("min").asDouble()).isEqualTo(-1);
    assertThat(pe.get("max").asDouble()).isEqualTo(9);
    assertThat(d.get("first").toString()).isEqualTo("[[1,-1],[2,0],[3,8]]");
    assertThat(d.get("last").toString()).isEqualTo("[[2,0],[3,8],[4.5,9]]");
    assertThat(d.get("keywords").get("$CYT").asText()).isEqualTo("test");
  }

  @Test
  void a_file_that_is_not_fcs_exits_2_with_one_line_naming_it(@TempDir Path dir)
      throws Exception {
    Path garbage = Files.writeString(dir.resolve("garbage.fcs"), "0123456789");
    CliRun r = CliRun.run("fcs", "stats", garbage.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith(garbage.toString()).contains("not an FCS file")
        .hasLineCount(1);
  }

  @Test
  void a_dataset_that_does_not_exist_is_bad_input(@TempDir Path dir) throws Exception {
    CliRun r = CliRun.run("fcs", "stats", fourEvents(dir).toString(), "--dataset", "1");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no dataset 1").hasLineCount(1);
  }

  @Test
  void bench_fcs_json_has_exactly_the_six_fields(@TempDir Path dir) throws Exception {
    CliRun r = CliRun.run("bench", "fcs", fourEvents(dir).toString(), "--json", "--warmup", "0",
        "--repetitions", "1");

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode n = JSON.readTree(r.out());
    assertThat(n.fieldNames()).toIterable().containsExactly("bytes", "events", "read_seconds",
        "parse_seconds", "parse_gb_per_s", "ratio");
    assertThat(n.get("events").asLong()).isEqualTo(4);
    assertThat(n.get("bytes").asLong()).isEqualTo(Files.size(dir.resolve("four.fcs")));
  }

  /** Fuzz finding reader-crash-0565fdce (issue 18): once a stack trace, now one typed line. */
  @Test
  void the_reader_crash_finding_exits_2_with_one_line_naming_the_keyword() {
    Path finding = Path.of("../fcsfile/src/test/resources/org/mrdflow/fcs/FcsReaderFuzzTestInputs"
        + "/reader_accepts_or_refuses_with_a_typed_error/regression-reader-crash-0565fdce");
    CliRun r = CliRun.run("fcs", "stats", finding.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip()).isEqualTo(finding + ": dataset 0, byte 256: $P5E = \",\" is not"
        + " f1,f2 (log decades, offset: two numbers)");
  }
}
