package org.mrdflow.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.gating.mrd.MrdResult;
import org.mrdflow.gating.mrd.ReportText;
import org.mrdflow.pipeline.config.ConfigException;
import org.mrdflow.pipeline.privacy.CollectionDates;
import org.mrdflow.pipeline.privacy.Pseudonymizer;
import org.mrdflow.pipeline.run.RunRequest;
import org.mrdflow.pipeline.run.RunResult;
import org.mrdflow.pipeline.testing.DuckDb;
import org.mrdflow.pipeline.testing.FakeAnalyzer;
import org.mrdflow.pipeline.testing.FakeFcs;
import org.mrdflow.pipeline.testing.Runs;
import org.mrdflow.pipeline.testing.TestSpark;

/** The job's plumbing (Spark, tables, commit, manifest, privacy) over a test double analysis. */
class MrdflowJobTest {
  private static final String KEY = "a-test-key-of-32-characters-long";

  @TempDir Path tmp;
  Path input;
  Path output;
  final Map<String, Map<String, String>> written = new LinkedHashMap<>();

  @BeforeEach
  void batch() throws IOException {
    input = tmp.resolve("in");
    output = tmp.resolve("out");
    long[][] counts = {{300_000, 0}, {250_000, 40}, {100_000, 0}, {500_000, 12}, {220_000, 600}};
    for (int i = 0; i < counts.length; i++) {
      Map<String, String> f = FakeFcs.sample(counts[i][0], counts[i][1]);
      f.put("$CYT", "FACSCanto II");
      f.put("plot", "yes");
      String name = (i < 2 ? "night1/" : "night2/") + "s" + i + ".fcs";
      FakeFcs.write(input.resolve(name), f);
      written.put(name, f);
    }
    Map<String, String> corrupt = FakeFcs.sample(1000, 0);
    corrupt.put("fail", "CORRUPT");
    FakeFcs.write(input.resolve("night2/bad.fcs"), corrupt);
    Files.writeString(input.resolve("night2/notes.fcs"), "not cytometry at all");
    Files.writeString(input.resolve("night2/s0.truth.json"), "{}");
  }

  private RunResult run(String runId) throws Exception {
    return run(runId, null, false, RunListener.NONE);
  }

  private RunResult run(String runId, String manifest, boolean events) throws Exception {
    return run(runId, manifest, events, RunListener.NONE);
  }

  private RunResult run(String runId, String manifest, boolean events, RunListener listener) throws Exception {
    return run(runId, manifest, events, listener, false);
  }

  private RunResult run(String runId, String manifest, boolean events, RunListener listener, boolean keepFileNames)
      throws Exception {
    RunRequest request = new RunRequest(input.toString(), output.toString(), manifest, Runs.defaultConfig(),
        runId, events, false, new Pseudonymizer(KEY.getBytes(StandardCharsets.UTF_8)), keepFileNames, false);
    return new MrdflowJob(TestSpark.session(), new FakeAnalyzer()).run(request, listener);
  }

  /** Records what a run reports: planned (files, ignored) first, then (files done, events done). */
  private static final class Recorder implements RunListener {
    final List<long[]> seen = new ArrayList<>();

    @Override
    public void planned(int files, long bytes, int ignored) {
      seen.add(new long[] {files, ignored});
    }

    @Override
    public synchronized void progress(long filesDone, long eventsDone) {
      seen.add(new long[] {filesDone, eventsDone});
    }

    @Override
    public void phase(String description) {}
  }

  @Test
  void tablesReadBackWithDuckDbEqualThePerSampleResultsComputedWithoutSpark() throws Exception {
    Recorder progress = new Recorder();
    RunResult result = run("r1", null, false, progress, true);

    assertThat(progress.seen.get(0)).containsExactly(7, 1);
    long totalEvents = written.values().stream().mapToLong(f -> Long.parseLong(f.get("events"))).sum();
    assertThat(progress.seen.get(progress.seen.size() - 1)).containsExactly(7, totalEvents);
    assertThat(result.events()).isEqualTo(totalEvents);

    assertThat(result.files()).isEqualTo(7);
    assertThat(result.ok()).isEqualTo(5);
    assertThat(result.failuresByCode()).containsOnly(Map.entry("CORRUPT", 1L), Map.entry("NOT_FCS", 1L));
    assertThat(result.ignoredFiles()).isEqualTo(1);

    List<Map<String, Object>> mrd = DuckDb.table(output, "mrd_results", "sample_id");
    assertThat(mrd).hasSize(5);
    Map<String, Map<String, Object>> bySample = new HashMap<>();
    mrd.forEach(r -> bySample.put((String) r.get("sample_id"), r));
    for (Map.Entry<String, Map<String, String>> file : written.entrySet()) {
      MrdResult expected = FakeAnalyzer.result(file.getValue());
      Map<String, Object> row = bySample.get(SampleIdentity.ofBytes(Files.readAllBytes(input.resolve(file.getKey()))));
      assertThat(row.get("nucleated_events")).isEqualTo(expected.nucleatedEvents());
      assertThat(row.get("blast_events")).isEqualTo(expected.blastEvents());
      assertThat(row.get("mrd_fraction")).isEqualTo(expected.mrdFraction());
      assertThat(row.get("mrd_status")).isEqualTo(expected.mrdStatus().name());
      assertThat(row.get("status_reason")).isEqualTo(expected.statusReason().name());
      assertThat(row.get("cd19_pos_blast_fraction"))
          .isEqualTo(Double.isNaN(expected.cd19PosBlastFraction()) ? null : expected.cd19PosBlastFraction());
      assertThat(row.get("run_id")).isEqualTo("r1");
    }
    List<Map<String, Object>> samples = DuckDb.table(output, "samples", "source_path");
    assertThat(samples).extracting(r -> r.get("status") + " " + r.get("error_code") + " " + r.get("file_name"))
        .containsExactlyInAnyOrder("OK null s0.fcs", "OK null s1.fcs", "OK null s2.fcs", "OK null s3.fcs",
            "OK null s4.fcs", "FAILED CORRUPT bad.fcs", "FAILED NOT_FCS notes.fcs");
    assertThat(samples).filteredOn(r -> "OK".equals(r.get("status")))
        .allSatisfy(r -> assertThat(r.get("instrument")).isEqualTo("FACSCanto II"));
    assertThat(samples).filteredOn(r -> "FAILED".equals(r.get("status")))
        .allSatisfy(r -> assertThat((String) r.get("error_message")).contains((String) r.get("file_name")));
    assertThat(DuckDb.table(output, "populations", "sample_id, population")).hasSize(10);
    assertThat(output.resolve("runs/r1/report.html")).content()
        .contains("s4.fcs", "data:image/svg+xml;base64,", "CORRUPT", ReportText.failure("CORRUPT"))
        .doesNotContain("{CORRUPT=");
    assertThat(output.resolve("runs/r1/provenance.json")).content()
        .contains("\"spark_version\"", "\"gating_strategy_sha256\"",
            SampleIdentity.sha256Hex(Files.readAllBytes(input.resolve("night1/s0.fcs"))));
    assertThat(output.resolve("_staging")).isEmptyDirectory();
  }

  @Test
  void aNewRunIdAppendsAndEarlierRunsStayQueryable() throws Exception {
    run("r1");
    run("r2");
    List<Map<String, Object>> both = DuckDb.table(output, "mrd_results", "run_id, sample_id");
    assertThat(both).hasSize(10);
    assertThat(both).extracting(r -> r.get("run_id")).containsOnly("r1", "r2");
    assertThat(output.resolve("runs/r1/report.html")).exists();
    assertThat(output.resolve("runs/r2/report.html")).exists();
  }

  @Test
  void theEventsTableHoldsEveryEventOfEveryAnalysedSample() throws Exception {
    Files.walk(input).filter(p -> p.toString().endsWith(".fcs")).toList().forEach(p -> p.toFile().delete());
    FakeFcs.write(input.resolve("a.fcs"), FakeFcs.sample(1200, 25));
    FakeFcs.write(input.resolve("b.fcs"), FakeFcs.sample(800, 0));
    run("ev", null, true);
    List<Map<String, Object>> counts = DuckDb.query("SELECT sample_id, count(*) AS n, "
        + "count(*) FILTER (WHERE population = '/nucleated/blasts') AS blasts, sum(cd45) AS cd45 FROM read_parquet('"
        + output.resolve("events") + "/**/*.parquet', hive_partitioning = true) GROUP BY sample_id ORDER BY n");
    assertThat(counts).extracting(r -> r.get("sample_id"), r -> r.get("n"), r -> r.get("blasts"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(SampleIdentity.ofBytes(Files.readAllBytes(input.resolve("b.fcs"))), 800L, 0L),
            org.assertj.core.groups.Tuple.tuple(SampleIdentity.ofBytes(Files.readAllBytes(input.resolve("a.fcs"))), 1200L, 25L));
    // sum of e/2 for e < n, as the double writes it: n(n-1)/4
    assertThat((Double) counts.get(1).get("cd45")).isEqualTo(1200.0 * 1199 / 4);
  }

  @Test
  void noPatientIdentifierFromTheManifestOrTheKeywordsReachesTheOutputFolder() throws Exception {
    Map<String, String> identified = FakeFcs.sample(300_000, 30);
    identified.put("$SRC", "SRC-DOE-JANE");
    identified.put("$SMNO", "SMNO-44-8812");
    identified.put("$FIL", "FIL-DOE-JANE-MRD");
    identified.put("$PROJ", "PROJ-TRIAL-PATIENT-7");
    identified.put("$OP", "OP-DR-WHO");
    identified.put("PATIENT ID", "PID-778899");
    identified.put("$CYT", "Navios");
    FakeFcs.write(input.resolve("night1/id.fcs"), identified);
    Path manifest = tmp.resolve("manifest.csv");
    Files.writeString(manifest, "file,patient_id,specimen_id,collection_date,timepoint,mrn\n"
        + "id.fcs,MRN-PATIENT-000123,SPECIMEN-ABC-555,2026-03-01,CAR-T +28d,MRN-XYZ-99\n"
        + "s0.fcs,MRN-PATIENT-000456,SPECIMEN-ABC-556,2026-03-02,pre-HSCT,MRN-XYZ-98\n"
        + "missing.fcs,MRN-PATIENT-000789,SPECIMEN-ABC-557,2026-03-03,pre-HSCT,MRN-XYZ-97\n");

    RunResult result = run("p1", manifest.toString(), true);

    assertThat(result.unmatchedFiles()).hasSize(6);
    assertThat(result.unusedManifestRows()).containsExactly("row 3: missing.fcs");
    List<String> secrets = List.of("SRC-DOE-JANE", "SMNO-44-8812", "FIL-DOE-JANE-MRD", "PROJ-TRIAL-PATIENT-7",
        "OP-DR-WHO", "PID-778899", "MRN-PATIENT-000123", "MRN-PATIENT-000456", "SPECIMEN-ABC-555",
        "SPECIMEN-ABC-556", "MRN-XYZ-99", "MRN-XYZ-98", "night1", "night2", "id.fcs", "s0.fcs", input.toString());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(output)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).hasSizeGreaterThan(10);
    for (Path f : files) {
      assertThat(output.relativize(f).toString()).doesNotContain("night", ".fcs");
      String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      for (String secret : secrets) {
        assertThat(bytes).as("%s must not contain %s", f, secret).doesNotContain(secret);
      }
    }
    Map<String, Object> row = DuckDb.query("SELECT * FROM read_parquet('" + output.resolve("samples")
        + "/**/*.parquet', hive_partitioning = true) WHERE timepoint = 'CAR-T +28d'").get(0);
    assertThat((String) row.get("file_name")).matches("file-[0-9a-f]{16}").isEqualTo(row.get("source_path"));
    assertThat(row.get("sample_id")).isEqualTo(SampleIdentity.ofBytes(Files.readAllBytes(input.resolve("night1/id.fcs"))));
    assertThat(row.get("patient_key"))
        .isEqualTo(new Pseudonymizer(KEY.getBytes(StandardCharsets.UTF_8)).pseudonym("MRN-PATIENT-000123"));
    assertThat(row.get("timepoint")).isEqualTo("CAR-T +28d");
    assertThat(row.get("collection_date").toString()).isEqualTo("2026-03-01");
    assertThat(row.get("manifest_matched")).isEqualTo(true);
    assertThat((String) row.get("keywords")).contains("Navios").doesNotContain("$SRC");
  }

  @Test
  void aManifestWithIdentifiersIsRefusedWithoutAKeyUnlessClearIsAskedFor() throws Exception {
    Path manifest = tmp.resolve("manifest.csv");
    Files.writeString(manifest, "file,patient_id,specimen_id,collection_date,timepoint\n"
        + "s0.fcs,P-1,S-1,2026-03-01,pre-HSCT\n");
    RunRequest noKey = new RunRequest(input.toString(), output.toString(), manifest.toString(),
        Runs.defaultConfig(), "k1", false, false, null);
    assertThatThrownBy(() -> new MrdflowJob(TestSpark.session(), new FakeAnalyzer()).run(noKey, RunListener.NONE))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("manifest.csv")
        .hasMessageContaining(Pseudonymizer.KEY_ENVIRONMENT_VARIABLE);
    assertThat(output.resolve("samples")).doesNotExist();

    RunRequest clear = new RunRequest(input.toString(), output.toString(), manifest.toString(),
        Runs.defaultConfig(), "k2", false, true, null);
    new MrdflowJob(TestSpark.session(), new FakeAnalyzer()).run(clear, RunListener.NONE);
    Map<String, Object> row = DuckDb.query("SELECT patient_id, patient_key FROM read_parquet('"
        + output.resolve("samples") + "/**/*.parquet') WHERE file_name = 's0.fcs'").get(0);
    assertThat(row.get("patient_id")).isEqualTo("P-1");
    assertThat(row.get("patient_key")).isNull();
  }

  @Test
  void gatingPlotsAreTitledByTheFileNameTheTablesShowAndStoredUnderTheSampleIdNamedForWhatTheyAre()
      throws Exception {
    for (boolean keepFileNames : new boolean[] {false, true}) {
      String runId = keepFileNames ? "names-clear" : "names-pseudonymized";
      run(runId, null, false, RunListener.NONE, keepFileNames);
      Map<String, Object> row = DuckDb.query("SELECT sample_id, file_name, plot_paths[1] AS plot FROM read_parquet('"
          + output.resolve("samples") + "/**/*.parquet', hive_partitioning = true) WHERE run_id = '" + runId
          + "' AND sample_id = '" + SampleIdentity.ofBytes(Files.readAllBytes(input.resolve("night1/s0.fcs"))) + "'").get(0);
      String fileName = (String) row.get("file_name");
      assertThat(fileName).matches(keepFileNames ? "s0[.]fcs" : "file-[0-9a-f]{16}");
      String sampleId = (String) row.get("sample_id");
      assertThat(row.get("plot")).isEqualTo("plots/" + sampleId + "/blasts.svg");
      assertThat(output.resolve("runs/" + runId + "/" + row.get("plot")))
          .content().contains("<title>" + fileName + " (sample " + sampleId.substring(0, 8) + ")</title>");
    }
  }

  @Test
  void collectionDatesAreCoarsenedOrShiftedWhenAskedAndShiftingNeedsTheKey() throws Exception {
    Path manifest = tmp.resolve("dated.csv");
    Files.writeString(manifest, "file,patient_id,specimen_id,collection_date,timepoint\n"
        + "s0.fcs,P-1,S-1,2026-03-01,pre-HSCT\ns1.fcs,P-1,S-2,2026-05-20,HSCT +60d\n");
    RunRequest shiftWithoutKey = new RunRequest(input.toString(), output.toString(), manifest.toString(),
        Runs.defaultConfig(), "c0", false, true, null, true, false, CollectionDates.SHIFT);
    assertThatThrownBy(() -> new MrdflowJob(TestSpark.session(), new FakeAnalyzer()).run(shiftWithoutKey, RunListener.NONE))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--collection-date shift needs a pseudonym key");
    assertThat(output.resolve("samples")).doesNotExist();

    Pseudonymizer key = new Pseudonymizer(KEY.getBytes(StandardCharsets.UTF_8));
    for (CollectionDates dates : List.of(CollectionDates.YEAR, CollectionDates.SHIFT)) {
      new MrdflowJob(TestSpark.session(), new FakeAnalyzer()).run(new RunRequest(input.toString(), output.toString(),
          manifest.toString(), Runs.defaultConfig(), dates.optionValue(), false, false, key, false, false, dates),
          RunListener.NONE);
      assertThat(Files.readString(output.resolve("runs/" + dates.optionValue() + "/provenance.json")))
          .contains("\"collection_dates\" : \"" + dates.optionValue() + "\"");
    }
    List<String> written = DuckDb.query("SELECT run_id, CAST(collection_date AS VARCHAR) AS d FROM read_parquet('"
            + output.resolve("samples") + "/**/*.parquet', hive_partitioning = true)"
            + " WHERE collection_date IS NOT NULL ORDER BY run_id, d").stream()
        .map(r -> r.get("run_id") + " " + r.get("d")).toList();
    // shift: P-1 moves by +38 days under this key (CollectionDatesTest, from Python's hmac), the
    // 80 days between the two marrows kept
    assertThat(written).containsExactly("shift 2026-04-08", "shift 2026-06-27", "year 2026-01-01", "year 2026-01-01");
  }

  @Test
  void aByteIdenticalCopyInTheSameRunBecomesADuplicateRowSoSampleIdsStayUniquePerRun() throws Exception {
    Files.copy(input.resolve("night1/s0.fcs"), input.resolve("night2/s0-copy.fcs"));

    RunResult result = run("d1", null, false, RunListener.NONE, true);

    assertThat(result.failuresByCode()).containsEntry("DUPLICATE", 1L);
    assertThat(result.ok()).isEqualTo(5);
    String id = SampleIdentity.ofBytes(Files.readAllBytes(input.resolve("night1/s0.fcs")));
    List<Map<String, Object>> rows = DuckDb.query("SELECT sample_id, source_path, status, error_code, error_message,"
        + " file_sha256 FROM read_parquet('" + output.resolve("samples") + "/**/*.parquet') WHERE file_sha256 = '"
        + SampleIdentity.sha256Hex(Files.readAllBytes(input.resolve("night1/s0.fcs"))) + "' ORDER BY source_path");
    assertThat(rows).extracting(r -> r.get("sample_id") + " " + r.get("status") + " " + r.get("error_code"))
        .containsExactly(id + " OK null", "null FAILED DUPLICATE");
    assertThat((String) rows.get(1).get("error_message")).contains("s0-copy.fcs", "same bytes as",
        (String) rows.get(0).get("source_path"));
    assertThat(DuckDb.query("SELECT count(*) AS n, count(DISTINCT sample_id) AS ids FROM read_parquet('"
        + output.resolve("mrd_results") + "/**/*.parquet')").get(0)).containsEntry("n", 5L).containsEntry("ids", 5L);
  }

  @Test
  void theEventsTableHoldsACopiedFilesEventsOnce() throws Exception {
    Files.copy(input.resolve("night1/s0.fcs"), input.resolve("night2/s0-copy.fcs"));

    RunResult result = run("d2", null, true, RunListener.NONE, false);

    assertThat(result.failuresByCode()).containsEntry("DUPLICATE", 1L);
    long totalEvents = written.values().stream().mapToLong(f -> Long.parseLong(f.get("events"))).sum();
    String id = SampleIdentity.ofBytes(Files.readAllBytes(input.resolve("night1/s0.fcs")));
    Map<String, Object> counts = DuckDb.query("SELECT count(*) AS n, count(DISTINCT (sample_id, event_index)) AS distinct_events,"
        + " count(*) FILTER (WHERE sample_id = '" + id + "') AS copied FROM read_parquet('"
        + output.resolve("events") + "/**/*.parquet')").get(0);
    assertThat(counts).containsEntry("n", totalEvents).containsEntry("distinct_events", totalEvents)
        .containsEntry("copied", Long.parseLong(written.get("night1/s0.fcs").get("events")));
  }

  @Test
  void anIncrementalRunAnalysesChangedFilesAndEarlierFailuresAndSkipsTheRest() throws Exception {
    run("i1");
    Map<String, String> changed = new LinkedHashMap<>(written.get("night1/s1.fcs"));
    changed.put("blasts", "41");
    FakeFcs.write(input.resolve("night1/s1.fcs"), changed);

    RunRequest request = new RunRequest(input.toString(), output.toString(), null, Runs.defaultConfig(), "i2",
        false, false, new Pseudonymizer(KEY.getBytes(StandardCharsets.UTF_8)), false, true);
    RunResult result = new MrdflowJob(TestSpark.session(), new FakeAnalyzer()).run(request, RunListener.NONE);

    // 7 listed: s1 changed, bad.fcs and notes.fcs failed before; s0, s2, s3, s4 unchanged and OK.
    assertThat(result.filesListed()).isEqualTo(7);
    assertThat(result.filesSkipped()).isEqualTo(4);
    assertThat(result.files()).isEqualTo(3);
    assertThat(DuckDb.query("SELECT blast_events FROM read_parquet('" + output.resolve("mrd_results")
        + "/**/*.parquet', hive_partitioning = true) WHERE run_id = 'i2'")).extracting(r -> r.get("blast_events"))
        .containsExactly(41L);
  }

  @Test
  void aFileThatRunsOutOfMemoryBecomesATooLargeRowAndTheOtherFilesCommit() throws Exception {
    Map<String, String> huge = FakeFcs.sample(1000, 0);
    huge.put("oom", "yes");
    FakeFcs.write(input.resolve("night2/huge.fcs"), huge);

    RunResult result = run("oom", null, false, RunListener.NONE, true);

    assertThat(result.ok()).isEqualTo(written.size());
    assertThat(result.failuresByCode()).containsEntry("TOO_LARGE", 1L);
    Map<String, Object> row = DuckDb.table(output, "samples", "source_path").stream()
        .filter(r -> ((String) r.get("source_path")).endsWith("huge.fcs")).findFirst().orElseThrow();
    assertThat(row.get("status")).isEqualTo("FAILED");
    assertThat(row.get("error_code")).isEqualTo("TOO_LARGE");
    assertThat((String) row.get("error_message")).contains("huge.fcs", "memory");
  }

  @Test
  void withTheEventsTableEachFileIsAnalysedOnceForAllTables() throws Exception {
    CountingAnalyzer.CALLS.set(0);
    RunRequest request = new RunRequest(input.toString(), output.toString(), null, Runs.defaultConfig(),
        "once", true, false, null);
    RunResult result = new MrdflowJob(TestSpark.session(), new CountingAnalyzer()).run(request, RunListener.NONE);

    // Every FCS-looking file reaches the analyser once: the 5 good ones and the corrupt one.
    assertThat(CountingAnalyzer.CALLS.get()).isEqualTo(written.size() + 1);
    assertThat(result.ok()).isEqualTo(written.size());
    long totalEvents = written.values().stream().mapToLong(f -> Long.parseLong(f.get("events"))).sum();
    assertThat(DuckDb.query("SELECT count(*) AS n FROM read_parquet('" + output.resolve("events")
        + "/**/*.parquet')").get(0).get("n")).isEqualTo(totalEvents);
  }

  /** The test double, counting its analyses across the tasks of this JVM. */
  private static final class CountingAnalyzer implements SampleAnalyzer {
    private static final long serialVersionUID = 1L;
    static final java.util.concurrent.atomic.AtomicInteger CALLS = new java.util.concurrent.atomic.AtomicInteger();
    private final FakeAnalyzer delegate = new FakeAnalyzer();

    @Override
    public AnalysedSample analyze(byte[] bytes, String sourceName, String plotLabel, boolean withEvents)
        throws SampleFailure {
      CALLS.incrementAndGet();
      return delegate.analyze(bytes, sourceName, plotLabel, withEvents);
    }

    @Override
    public List<String> eventMarkerColumns() {
      return delegate.eventMarkerColumns();
    }

    @Override
    public String gatingStrategySha256() {
      return delegate.gatingStrategySha256();
    }
  }
}
