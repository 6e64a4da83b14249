package org.mrdflow.pipeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.models.cohort.ClinicalRecord;
import org.mrdflow.models.cohort.MrdMeasurement;
import org.mrdflow.models.cohort.MrdStatus;
import org.mrdflow.models.timeline.PatientTimeline;
import org.mrdflow.models.timeline.PatientTimelines;
import org.mrdflow.pipeline.job.MrdflowJob;
import org.mrdflow.pipeline.job.RunListener;
import org.mrdflow.pipeline.outcomes.OutcomesInputException;
import org.mrdflow.pipeline.privacy.CollectionDates;
import org.mrdflow.pipeline.privacy.Pseudonymizer;
import org.mrdflow.pipeline.run.RunRequest;
import org.mrdflow.pipeline.schema.Tables;
import org.mrdflow.pipeline.testing.DuckDb;
import org.mrdflow.pipeline.testing.FakeAnalyzer;
import org.mrdflow.pipeline.testing.FakeFcs;
import org.mrdflow.pipeline.testing.Runs;
import org.mrdflow.pipeline.testing.TestSpark;

/**
 * The patient_timeline table over a warehouse of two runs (a patient's marrows arrive on two
 * nights, one of them re-analysed), laid out as labs name files, read back with DuckDB. The test
 * double analysis calls a file NEGATIVE without blasts and POSITIVE with 600 blasts in 220,000
 * events, with B-cell aplasia and CD19-positive blasts.
 */
class TimelineJobTest {
  private static final String KEY = "a-test-key-of-32-characters-long";
  private static final Pseudonymizer PSEUDONYMS = new Pseudonymizer(KEY.getBytes(StandardCharsets.UTF_8));
  private static final String ROE = PSEUDONYMS.pseudonym("MRN0048213");
  private static final String DOE = PSEUDONYMS.pseudonym("MRN0099001");
  private static final List<String> IDENTIFIERS = List.of("MRN0048213", "MRN0099001", "ROE", "JANE", "DOE_JOHN",
      "night1", "night2", ".fcs", "SPEC-");

  @TempDir static Path tmp;
  static Path warehouse;
  static Path clinical;

  private static Map<String, String> file(long events, long blasts, String distinct) {
    Map<String, String> f = FakeFcs.sample(events, blasts);
    f.put("n", distinct); // different bytes for files of equal counts: different marrows
    return f;
  }

  @BeforeAll
  static void twoNights() throws Exception {
    warehouse = tmp.resolve("warehouse");
    Path night1 = tmp.resolve("in1/night1");
    FakeFcs.write(night1.resolve("ROE_JANE_MRN0048213_d28.fcs"), file(300_000, 0, "1"));
    FakeFcs.write(night1.resolve("DOE_JOHN_MRN0099001_pre.fcs"), file(220_000, 600, "2"));
    FakeFcs.write(night1.resolve("no_manifest_row.fcs"), file(300_000, 0, "3"));
    Path manifest1 = tmp.resolve("manifest1.csv");
    Files.writeString(manifest1, "file,patient_id,specimen_id,collection_date,timepoint\n"
        + "ROE_JANE_MRN0048213_d28.fcs,MRN0048213,SPEC-1,2026-03-01,CAR-T +28d\n"
        + "DOE_JOHN_MRN0099001_pre.fcs,MRN0099001,SPEC-2,2026-02-20,pre-CAR-T\n");
    run(tmp.resolve("in1"), manifest1, "r1", warehouse, CollectionDates.EXACT);

    Path night2 = tmp.resolve("in2/night2");
    FakeFcs.write(night2.resolve("ROE_JANE_MRN0048213_d90.fcs"), file(220_000, 600, "4"));
    Files.copy(night1.resolve("ROE_JANE_MRN0048213_d28.fcs"), night2.resolve("ROE_JANE_d28_again.fcs"));
    Path manifest2 = tmp.resolve("manifest2.csv");
    Files.writeString(manifest2, "file,patient_id,specimen_id,collection_date,timepoint\n"
        + "ROE_JANE_MRN0048213_d90.fcs,MRN0048213,SPEC-3,2026-05-02,CAR-T +90d\n"
        + "ROE_JANE_d28_again.fcs,MRN0048213,SPEC-1,2026-03-01,CAR-T +28d\n");
    run(tmp.resolve("in2"), manifest2, "r2", warehouse, CollectionDates.EXACT);

    clinical = tmp.resolve("clinical.csv");
    Files.writeString(clinical, "patient_key,car_t_infusion_date,transplant_date,relapse_date,death_date,"
        + "last_follow_up_date,age_years,sex,prior_relapses,prior_allo_hsct,poor_risk_cytogenetics,ldh_above_uln,"
        + "platelets_e9_per_l,car_t_source\n"
        + ROE + ",2026-02-01,2026-05-15,,,2026-09-01,34,F,1,false,false,false,160,AUTOLOGOUS\n"
        + DOE + ",2026-02-27,,,,2026-09-01,52,M,2,true,true,true,80,AUTOLOGOUS\n");
  }

  private static void run(Path input, Path manifest, String runId, Path output, CollectionDates dates) throws Exception {
    new MrdflowJob(TestSpark.session(), new FakeAnalyzer()).run(new RunRequest(input.toString(), output.toString(),
        manifest.toString(), Runs.defaultConfig(), runId, false, false, PSEUDONYMS, false, false, dates), RunListener.NONE);
  }

  private static List<Map<String, Object>> table(Path output) {
    return DuckDb.query("SELECT * FROM read_parquet('" + output.resolve(Tables.PATIENT_TIMELINE)
        + "/*.parquet') ORDER BY patient_key, sequence");
  }

  private static String summary(Map<String, Object> r) {
    return String.join(" ", Arrays.asList(r.get("patient_key").equals(ROE) ? "ROE" : "DOE", "" + r.get("sequence"),
        "" + r.get("row_type"), "" + r.get("run_id"), "" + r.get("collection_date"), "" + r.get("event_date"),
        "" + r.get("days_from_first_sample"), "" + r.get("days_from_car_t"), "" + r.get("mrd_status"),
        "" + r.get("mrd_conversion"), "" + r.get("mrd_before_hsct")));
  }

  @Test
  void theTimelineJoinsEveryRunOfAPatientWithTheClinicalEventsAndFlags() throws Exception {
    TimelineJob.Result result = TimelineJob.run(TestSpark.session(), warehouse, clinical);

    assertThat(result.rows()).isEqualTo(6);
    assertThat(result.withoutPatientOrDate()).isEqualTo(1); // the file without a manifest row
    List<Map<String, Object>> rows = table(warehouse);
    // the re-analysed d28 marrow appears once, as its latest run (r2) analysed it
    assertThat(rows).extracting(TimelineJobTest::summary).containsExactlyElementsOf(
        DOE.compareTo(ROE) < 0 ? List.of(doe1(), doe2(), roe1(), roe2(), roe3(), roe4())
            : List.of(roe1(), roe2(), roe3(), roe4(), doe1(), doe2()));
    Map<String, Object> conversion = rows.stream().filter(r -> "r2".equals(r.get("run_id"))
        && "POSITIVE".equals(r.get("mrd_status"))).findFirst().orElseThrow();
    assertThat(conversion.get("flags")).isEqualTo("[MRD conversion: NEGATIVE on 2026-03-01, POSITIVE (0.3 %) on"
        + " 2026-05-02., MRD before HSCT: POSITIVE (0.3 %) on 2026-05-02, 13 days before the transplant.]");
    assertThat(conversion.get("mrd_fraction")).isEqualTo(600.0 / 198_000);
    assertThat(conversion.get("b_cell_aplasia")).isEqualTo(true);
    assertThat(conversion.get("cd19_pos_blast_fraction")).isEqualTo(1.0);
    assertThat(conversion.get("hcd19_car_eligible")).isEqualTo(true);
    assertThat(conversion.get("collection_date_policy")).isEqualTo("exact");
    assertThat(conversion.get("loss_of_b_cell_aplasia")).isEqualTo(false);
    assertThat(conversion.get("early_loss_of_b_cell_aplasia")).isNull();
    assertThat(conversion.get("timepoint")).isEqualTo("CAR-T +90d");
    assertThat(result.timelines()).extracting(t -> t.patientKey()).containsExactlyInAnyOrder(ROE, DOE);

    // every column documented, in order
    assertThat(DuckDb.query("DESCRIBE SELECT * FROM read_parquet('" + warehouse.resolve(Tables.PATIENT_TIMELINE)
        + "/*.parquet')")).extracting(r -> r.get("column_name"))
        .containsExactly((Object[]) Tables.PATIENT_TIMELINE_SCHEMA.fieldNames());
  }

  @Test
  void theTableHoldsWhatItTakesToRedrawEachTimelineWithoutSpark() throws Exception {
    TimelineJob.Result result = TimelineJob.run(TestSpark.session(), warehouse, clinical);
    List<Map<String, Object>> rows = table(warehouse);
    for (PatientTimeline written : result.timelines()) {
      List<Map<String, Object>> mine = rows.stream().filter(r -> r.get("patient_key").equals(written.patientKey())).toList();
      List<MrdMeasurement> samples = mine.stream().filter(r -> r.get("row_type").equals("SAMPLE"))
          .map(TimelineJobTest::measurement).toList();
      java.util.function.Function<String, LocalDate> event = type -> mine.stream()
          .filter(r -> r.get("row_type").equals(type)).map(r -> LocalDate.parse((String) r.get("event_date")))
          .findFirst().orElse(null);
      PatientTimeline redrawn = PatientTimelines.of(written.patientKey(), ClinicalRecord.eventDates(written.patientKey(),
          event.apply("CAR_T_INFUSION"), event.apply("HSCT"), event.apply("RELAPSE")), samples);

      assertThat(redrawn.samples()).isEqualTo(written.samples());
      assertThat(redrawn.events()).isEqualTo(written.events());
      assertThat(redrawn.flags()).isEqualTo(written.flags());
    }
  }

  /** A SAMPLE row back as the measurement it was written from. */
  private static MrdMeasurement measurement(Map<String, Object> r) {
    return new MrdMeasurement((String) r.get("patient_key"), (String) r.get("sample_id"),
        LocalDate.parse((String) r.get("collection_date")), (String) r.get("timepoint"), (String) r.get("specimen"),
        orNaN(r.get("mrd_fraction")), MrdStatus.parse((String) r.get("mrd_status")), (Long) r.get("nucleated_events"),
        (Long) r.get("blast_events"), orNaN(r.get("cd19_pos_blast_fraction")), (Boolean) r.get("b_cell_aplasia"),
        (String) r.get("run_id"), orNaN(r.get("b_cell_fraction_of_lymphocytes")), (Boolean) r.get("hcd19_car_eligible"));
  }

  private static double orNaN(Object value) {
    return value == null ? Double.NaN : (Double) value;
  }

  private static String roe1() {
    return "ROE 1 CAR_T_INFUSION null null 2026-02-01 -28 0 null null null";
  }

  private static String roe2() {
    return "ROE 2 SAMPLE r2 2026-03-01 null 0 28 NEGATIVE false false";
  }

  private static String roe3() {
    return "ROE 3 SAMPLE r2 2026-05-02 null 62 90 POSITIVE true true";
  }

  private static String roe4() {
    return "ROE 4 HSCT null null 2026-05-15 75 103 null null null";
  }

  private static String doe1() {
    return "DOE 1 SAMPLE r1 2026-02-20 null 0 -7 POSITIVE false false";
  }

  private static String doe2() {
    return "DOE 2 CAR_T_INFUSION null null 2026-02-27 7 0 null null null";
  }

  @Test
  void noClearPatientIdentifierOrFileNameReachesTheTable() throws Exception {
    TimelineJob.run(TestSpark.session(), warehouse, clinical);
    Path table = warehouse.resolve(Tables.PATIENT_TIMELINE);
    String columns = String.join(" || '|' || ", Arrays.stream(Tables.PATIENT_TIMELINE_SCHEMA.fieldNames())
        .map(c -> "coalesce(CAST(" + c + " AS VARCHAR), '')").toList());
    List<Map<String, Object>> decoded = DuckDb.query("SELECT " + columns + " AS v FROM read_parquet('" + table
        + "/*.parquet')");
    assertThat(decoded).hasSize(6);
    for (Map<String, Object> row : decoded) {
      for (String secret : IDENTIFIERS) {
        assertThat((String) row.get("v")).doesNotContain(secret);
      }
    }
    try (Stream<Path> files = Files.walk(table)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        for (String secret : IDENTIFIERS) {
          assertThat(bytes).as("%s must not contain %s", f, secret).doesNotContain(secret);
        }
        assertThat(table.relativize(f).toString()).doesNotContain("night", ".fcs");
      }
    }
  }

  @Test
  void aNewTimelineReplacesTheEarlierTableAndLeavesNoStaging() throws Exception {
    TimelineJob.run(TestSpark.session(), warehouse, clinical);
    TimelineJob.Result withoutClinical = TimelineJob.run(TestSpark.session(), warehouse, null);

    List<Map<String, Object>> rows = table(warehouse);
    assertThat(rows).hasSize(3).hasSize(withoutClinical.rows()).allMatch(r -> r.get("row_type").equals("SAMPLE"))
        .allMatch(r -> r.get("days_from_car_t") == null);
    // without the infusion date the conversion is still there, the transplant is unknown
    assertThat(rows).filteredOn(r -> Boolean.TRUE.equals(r.get("mrd_conversion"))).hasSize(1);
    assertThat(rows).filteredOn(r -> Boolean.TRUE.equals(r.get("mrd_before_hsct"))).isEmpty();
    try (Stream<Path> staging = Files.list(warehouse.resolve("_staging"))) {
      assertThat(staging.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(Tables.PATIENT_TIMELINE));
    }
  }

  @Test
  void shiftedCollectionDatesAreKeptButCannotBePlacedAgainstTheClinicalTable() throws Exception {
    Path shifted = tmp.resolve("shifted");
    run(tmp.resolve("in1"), tmp.resolve("manifest1.csv"), "s1", shifted, CollectionDates.SHIFT);

    assertThatThrownBy(() -> TimelineJob.run(TestSpark.session(), shifted, clinical))
        .isInstanceOf(OutcomesInputException.class)
        .hasMessageStartingWith(clinical + ": the clinical table's dates are exact, but the warehouse")
        .hasMessageContaining("--collection-date run s1: shift");
    assertThat(shifted.resolve(Tables.PATIENT_TIMELINE)).doesNotExist();

    TimelineJob.run(TestSpark.session(), shifted, null);
    List<Map<String, Object>> rows = table(shifted);
    assertThat(rows).hasSize(2).allMatch(r -> r.get("collection_date_policy").equals("shift"));
    // the shifted dates are the ones the run wrote, not the manifest's
    List<Object> written = DuckDb.query("SELECT CAST(collection_date AS VARCHAR) AS d FROM read_parquet('"
        + shifted.resolve("samples") + "/**/*.parquet', hive_partitioning = true) WHERE collection_date IS NOT NULL"
        + " ORDER BY d").stream().map(r -> r.get("d")).toList();
    assertThat(rows.stream().map(r -> r.get("collection_date")).sorted().toList()).isEqualTo(written)
        .doesNotContain("2026-03-01", "2026-02-20");
  }

  @Test
  void anInconsistentClinicalRowIsABadInputNamingTheFileRowAndPatient() throws IOException {
    Path bad = tmp.resolve("bad-clinical.csv");
    Files.writeString(bad, Files.readString(clinical).replace(ROE + ",2026-02-01,2026-05-15", ROE + ",2026-02-01,2026-01-15"));
    assertThatThrownBy(() -> TimelineJob.run(TestSpark.session(), warehouse, bad))
        .isInstanceOf(OutcomesInputException.class)
        .hasMessage(bad + ": clinical row 1 (patient_key " + ROE + "): transplant_date 2026-01-15 is before"
            + " car_t_infusion_date 2026-02-01");
  }
}
