package org.mrdflow.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.gating.mrd.MrdResult;
import org.mrdflow.pipeline.config.RunConfig;
import org.mrdflow.pipeline.run.RunRequest;
import org.mrdflow.pipeline.run.RunResult;
import org.mrdflow.pipeline.testing.DuckDb;
import org.mrdflow.pipeline.testing.FcsFaults;
import org.mrdflow.pipeline.testing.Runs;
import org.mrdflow.pipeline.testing.TestSpark;
import org.mrdflow.simulation.MarrowSimulator;
import org.mrdflow.simulation.SampleSpec;
import org.mrdflow.simulation.Scenario;
import org.mrdflow.simulation.SimulationFiles;

/** The job with the real FCS reader and MRD analysis, over simulated and corpus files. */
class EndToEndTest {
  private static final int GOOD_FILES = 44;

  @TempDir static Path tmp;
  static Path batch;
  static RunConfig config;
  static FcsMrdAnalyzer analyzer;

  @BeforeAll
  static void simulateABatchWithSixBadFiles() throws IOException {
    config = Runs.defaultConfig();
    analyzer = FcsMrdAnalyzer.fromConfig(config);
    batch = tmp.resolve("batch");
    List<SampleSpec> specs = Scenario.CLASSIC.expand(new Scenario.Options(11, 30_000, GOOD_FILES, null, null));
    Path first = null;
    for (SampleSpec s : specs) {
      Path written = SimulationFiles.write(MarrowSimulator.simulate(s), batch).fcs();
      first = first == null ? written : first;
    }
    byte[] good = Files.readAllBytes(first);
    Path bad = batch.resolve("bad");
    Files.createDirectories(bad);
    Files.write(bad.resolve("corrupt-tot.fcs"), FcsFaults.totalEventsOffByOne(good));
    Files.write(bad.resolve("corrupt-par.fcs"), FcsFaults.oneParameterTooMany(good));
    Files.write(bad.resolve("corrupt-header.fcs"), FcsFaults.headerOffsetGarbled(good));
    Files.write(bad.resolve("truncated.fcs"), FcsFaults.truncated(good));
    Files.writeString(bad.resolve("patients.fcs"), "surname,first name\nnot cytometry\n");
    Files.write(bad.resolve("no-cd19.fcs"), FcsFaults.withoutCd19(good));
  }

  private static RunResult run(Path input, Path output, String runId) throws Exception {
    return run(input, output, runId, false);
  }

  private static RunResult run(Path input, Path output, String runId, boolean events) throws Exception {
    // File names in clear: this test compares rows with the files they name (privacy: PrivacyProofTest).
    RunRequest request = new RunRequest(input.toString(), output.toString(), null, config, runId, events, false, null,
        true, false);
    return new MrdflowJob(TestSpark.session(), analyzer).run(request, RunListener.NONE);
  }

  @Test
  void fiftyFilesWithSixBadOnesGive44OkRowsEqualToTheAnalysisWithoutSparkAnd6FailedRowsWithTheirCodes()
      throws Exception {
    Path output = tmp.resolve("warehouse");
    RunResult result = run(batch, output, "faults");

    assertThat(result.ok()).isEqualTo(GOOD_FILES);
    assertThat(result.failuresByCode())
        .containsOnly(Map.entry("CORRUPT", 3L), Map.entry("TRUNCATED", 1L), Map.entry("NOT_FCS", 1L),
            Map.entry("MISSING_MARKER", 1L));
    List<Map<String, Object>> samples = DuckDb.table(output, "samples", "source_path");
    assertThat(samples).hasSize(50);
    Map<String, String> codeByFile = new HashMap<>();
    for (Map<String, Object> r : samples) {
      if ("FAILED".equals(r.get("status"))) {
        codeByFile.put((String) r.get("file_name"), (String) r.get("error_code"));
        assertThat((String) r.get("error_message")).contains((String) r.get("file_name"));
      }
    }
    assertThat(codeByFile).containsOnly(Map.entry("corrupt-tot.fcs", "CORRUPT"),
        Map.entry("corrupt-par.fcs", "CORRUPT"), Map.entry("corrupt-header.fcs", "CORRUPT"),
        Map.entry("truncated.fcs", "TRUNCATED"), Map.entry("patients.fcs", "NOT_FCS"),
        Map.entry("no-cd19.fcs", "MISSING_MARKER"));

    Map<String, Map<String, Object>> mrd = new HashMap<>();
    DuckDb.table(output, "mrd_results", "sample_id").forEach(r -> mrd.put((String) r.get("sample_id"), r));
    Map<String, Long> populations = new HashMap<>();
    DuckDb.query("SELECT sample_id, count(*) AS n FROM read_parquet('" + output.resolve("populations")
        + "/**/*.parquet') GROUP BY sample_id").forEach(r -> populations.put((String) r.get("sample_id"), (Long) r.get("n")));
    assertThat(mrd).hasSize(GOOD_FILES);
    for (Map<String, Object> s : samples) {
      if (!"OK".equals(s.get("status"))) {
        continue;
      }
      Path file = Path.of(new org.apache.hadoop.fs.Path((String) s.get("source_path")).toUri().getPath());
      AnalysedSample direct = analyzer.analyze(Files.readAllBytes(file), file.toString(), "direct", false);
      MrdResult expected = direct.result();
      Map<String, Object> row = mrd.get((String) s.get("sample_id"));
      assertThat(s.get("total_events")).isEqualTo(direct.totalEvents());
      assertThat(s.get("fcs_version")).isEqualTo(direct.fcsVersion());
      assertThat(row.get("nucleated_events")).isEqualTo(expected.nucleatedEvents());
      assertThat(row.get("blast_events")).isEqualTo(expected.blastEvents());
      assertThat(row.get("mrd_fraction")).isEqualTo(expected.mrdFraction());
      assertThat(row.get("mrd_status")).isEqualTo(expected.mrdStatus().name());
      assertThat(row.get("status_reason")).isEqualTo(expected.statusReason().name());
      assertThat(row.get("sensitivity")).isEqualTo(expected.sensitivity());
      assertThat(row.get("cd19_pos_blast_events")).isEqualTo(expected.cd19PosBlastEvents());
      assertThat(row.get("lymphocyte_events")).isEqualTo(expected.lymphocyteEvents());
      assertThat(row.get("b_cell_events")).isEqualTo(expected.bCellEvents());
      assertThat(row.get("hematogone_events")).isEqualTo(expected.hematogoneEvents());
      assertThat(row.get("panel_limited")).isEqualTo(expected.panelLimited());
      assertThat(row.get("qc_flags")).isEqualTo(expected.qcFlags().toString());
      assertThat(row.get("gating_strategy_sha256")).isEqualTo(expected.gatingStrategySha256());
      assertThat(populations.get((String) s.get("sample_id"))).isEqualTo(expected.populations().size());
    }

    // The same inputs under the same run id again (now with the events table): identical rows,
    // not twice as many.
    Map<String, List<Map<String, Object>>> before = new HashMap<>();
    for (String table : List.of("samples", "mrd_results", "populations")) {
      before.put(table, DuckDb.table(output, table, "sample_id, 2, 3"));
    }
    run(batch, output, "faults", true);
    for (String table : List.of("samples", "mrd_results", "populations")) {
      assertThat(DuckDb.table(output, table, "sample_id, 2, 3")).as(table).isEqualTo(before.get(table));
    }
    // Per-event rows: every event of every OK sample once, blast labels adding up to blast_events.
    List<Map<String, Object>> perSample = DuckDb.query("SELECT e.sample_id, count(*) AS events, "
        + "count(*) FILTER (WHERE population LIKE 'BLAST%') AS blasts, any_value(s.total_events) AS total, "
        + "any_value(m.blast_events) AS blast_events FROM read_parquet('" + output.resolve("events")
        + "/**/*.parquet') e JOIN read_parquet('" + output.resolve("samples") + "/**/*.parquet') s USING (sample_id) "
        + "JOIN read_parquet('" + output.resolve("mrd_results") + "/**/*.parquet') m USING (sample_id) GROUP BY 1");
    assertThat(perSample).hasSize(GOOD_FILES);
    assertThat(perSample).allSatisfy(r -> {
      assertThat(r.get("events")).isEqualTo(r.get("total"));
      assertThat(r.get("blasts")).isEqualTo(r.get("blast_events"));
    });
  }

  @Test
  void everyCorpusFileGetsASamplesRowWithTheVersionEventsAndInstrumentOtherParsersRead() throws Exception {
    Path corpus = Path.of(System.getProperty("mrdflow.shared", "../../shared"), "fcs-corpus");
    assumeTrue(Files.isDirectory(corpus), "no ../shared/fcs-corpus");
    Path output = tmp.resolve("corpus-warehouse");
    RunResult result = run(corpus.resolve("files"), output, "corpus");

    List<Map<String, Object>> samples = DuckDb.table(output, "samples", "source_path");
    assertThat(samples).hasSize(57);
    assertThat(result.files()).isEqualTo(57);
    ObjectMapper json = new ObjectMapper();
    for (Map<String, Object> row : samples) {
      String path = new org.apache.hadoop.fs.Path((String) row.get("source_path")).toUri().getPath();
      String relative = corpus.resolve("files").relativize(Path.of(path)).toString();
      JsonNode golden = json.readTree(corpus.resolve("golden").resolve(relative + ".json").toFile());
      JsonNode first = golden.path("datasets").path(0);
      String code = (String) row.get("error_code");
      boolean rejected = first.path("golden").path("basis").asText().contains("expected rejection");
      // Files the reference parsers refuse are refused here too, and only those.
      assertThat(code != null && List.of("NOT_FCS", "TRUNCATED", "CORRUPT").contains(code))
          .as(relative + " " + code).isEqualTo(rejected);
      if (rejected) {
        continue;
      }
      assertThat(row.get("fcs_version")).as(relative).isEqualTo(first.path("version").asText().replace("FCS", ""));
      assertThat(row.get("total_events")).as(relative).isEqualTo(first.path("$TOT").asLong());
      JsonNode cyt = first.path("keywords_raw").path("$CYT");
      assertThat(row.get("instrument")).as(relative).isEqualTo(cyt.isMissingNode() ? null : cyt.asText());
    }
    assertThat(samples).filteredOn(r -> ((String) r.get("source_path")).endsWith("corrupted/corrupted.fcs"))
        .extracting(r -> r.get("error_code")).containsExactly("NOT_FCS");
    assertThat(samples).filteredOn(r -> ((String) r.get("source_path")).endsWith("sample_header.fcs"))
        .extracting(r -> r.get("error_code")).containsExactly("TRUNCATED");
  }
}
