package org.mrdflow.pipeline.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.models.cohort.CarTSource;
import org.mrdflow.models.cohort.ClinicalRecord;
import org.mrdflow.models.cohort.MrdMeasurement;
import org.mrdflow.models.cohort.CohortBuilder;
import org.mrdflow.models.cohort.CohortSettings;
import org.mrdflow.models.cohort.MrdStatus;
import org.mrdflow.models.outcomes.OutcomeTables.EstimateRow;
import org.mrdflow.models.outcomes.OutcomesSettings;
import org.mrdflow.models.risk.CrossValidationSettings;
import org.mrdflow.models.risk.RiskData;
import org.mrdflow.models.risk.RiskFeatures;
import org.mrdflow.models.risk.RiskModelFile;
import org.mrdflow.models.risk.RiskSettings;
import org.mrdflow.models.simulate.CohortSimulator;
import org.mrdflow.models.simulate.SimulatedCohort;
import org.mrdflow.models.simulate.SimulationSettings;
import org.mrdflow.pipeline.testing.TestSpark;
import scala.jdk.javaapi.CollectionConverters;

class OutcomesJobTest {

  private static final OutcomesSettings FAST =
      new OutcomesSettings(CohortSettings.defaults(), RiskSettings.defaults(), new CrossValidationSettings(3, 1, 7, 4), 7, true);

  static SparkSession spark;
  @TempDir static Path dir;

  @BeforeAll
  static void spark() {
    spark = TestSpark.session();
  }

  static final StructType MRD =
      new StructType()
          .add("sample_id", DataTypes.StringType).add("patient_key", DataTypes.StringType)
          .add("nucleated_events", DataTypes.LongType).add("blast_events", DataTypes.LongType)
          .add("mrd_fraction", DataTypes.DoubleType).add("mrd_status", DataTypes.StringType)
          .add("cd19_pos_blast_fraction", DataTypes.DoubleType).add("b_cell_aplasia", DataTypes.BooleanType)
          .add("pipeline_version", DataTypes.StringType)
          .add("run_date", DataTypes.StringType).add("run_id", DataTypes.StringType);

  static final StructType SAMPLES =
      new StructType()
          .add("sample_id", DataTypes.StringType).add("patient_key", DataTypes.StringType)
          .add("collection_date", DataTypes.DateType).add("timepoint", DataTypes.StringType)
          .add("manifest_extra", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
          .add("run_date", DataTypes.StringType).add("run_id", DataTypes.StringType);

  private static Row sample(String id, String patient, String date, String specimen, String runDate, String run) {
    return RowFactory.create(id, patient, date == null ? null : Date.valueOf(date), "pre-HSCT",
        CollectionConverters.asScala(specimen == null ? Map.<String, String>of() : Map.of("specimen_type", specimen)),
        runDate, run);
  }

  private static Path warehouse(String name) {
    Path out = dir.resolve(name);
    List<Row> mrd =
        List.of(
            RowFactory.create("S1", "K1", 500_000L, 0L, 0.0, "NEGATIVE", null, true, "0.1", "2026-01-01", "r1"),
            RowFactory.create("S1", "K1", 500_000L, 100L, 2e-4, "POSITIVE", 0.97, false, "0.1", "2026-02-01", "r2"),
            RowFactory.create("S2", "K2", 800_000L, 1L, 1.25e-6, "INDETERMINATE", 1.0, null, "0.1", "2026-01-01", "r1"),
            RowFactory.create("S3", null, 800_000L, 0L, 0.0, "NEGATIVE", null, true, "0.1", "2026-01-01", "r1"));
    List<Row> samples =
        List.of(
            sample("S1", "K1", "2025-05-01", "BM", "2026-01-01", "r1"),
            sample("S1", "K1", "2025-05-01", "BM", "2026-02-01", "r2"),
            sample("S2", "K2", "2025-06-01", "PB", "2026-01-01", "r1"),
            sample("S3", null, "2025-06-02", null, "2026-01-01", "r1"));
    spark.createDataFrame(mrd, MRD).write().partitionBy("run_date", "run_id").parquet(out.resolve("mrd_results").toString());
    spark.createDataFrame(samples, SAMPLES).write().partitionBy("run_date", "run_id").parquet(out.resolve("samples").toString());
    return out;
  }

  @Test
  void measurementsJoinSamplesAndTheLatestRunOfASampleWins() {
    OutcomesInputs.Measurements read = OutcomesInputs.readMeasurements(spark, warehouse("warehouse"), false);
    assertThat(read.withoutPatientOrDate()).isEqualTo(1);
    assertThat(read.supersededByLaterRuns()).isEqualTo(1);
    assertThat(read.rows()).extracting(MrdMeasurement::sampleId).containsExactlyInAnyOrder("S1", "S2");
    MrdMeasurement s1 = read.rows().stream().filter(m -> m.sampleId().equals("S1")).findFirst().orElseThrow();
    assertThat(s1.status()).isEqualTo(MrdStatus.POSITIVE);
    assertThat(s1.mrdFraction()).isEqualTo(2e-4);
    assertThat(s1.collectionDate()).hasToString("2025-05-01");
    assertThat(s1.bCellAplasia()).isFalse();
    MrdMeasurement s2 = read.rows().stream().filter(m -> m.sampleId().equals("S2")).findFirst().orElseThrow();
    assertThat(s2.isMarrow()).isFalse();
    assertThat(s2.bCellAplasia()).isNull();
  }

  private static Row review(String run, String sample, long sequence, String action, String field, String value) {
    return RowFactory.create(run, sample, sequence, "rita", "reviewer", action, field, null, value, "why",
        java.sql.Timestamp.valueOf("2026-03-01 10:00:00"));
  }

  @Test
  void useReviewedKeepsTheLatestSignedOffAnalysisOfEachMarrowWithItsOverridesAndLeavesOutUnsignedOnes() {
    Path out = warehouse("reviewed-warehouse");
    StructType reviews = new StructType().add("run_id", DataTypes.StringType).add("sample_id", DataTypes.StringType)
        .add("sequence", DataTypes.LongType).add("reviewer", DataTypes.StringType).add("role", DataTypes.StringType)
        .add("action", DataTypes.StringType).add("field", DataTypes.StringType).add("old_value", DataTypes.StringType)
        .add("new_value", DataTypes.StringType).add("reason", DataTypes.StringType).add("time", DataTypes.TimestampType);
    // rows out of order on purpose: the sequence decides
    List<Row> trail = List.of(
        review("r2", "S1", 7, "override", "mrd_fraction", "0.001"), // after its sign-off: voids it
        review("r1", "S1", 1, "accept", null, null),
        review("r1", "S1", 2, "sign", null, "1"),
        review("r1", "S2", 3, "override", "mrd_status", "NEGATIVE"),
        review("r1", "S2", 4, "override", "cd19_pos_blast_fraction", "0.5"),
        review("r1", "S2", 5, "sign", null, "1"),
        review("r2", "S1", 6, "sign", null, "1"));
    spark.createDataFrame(trail, reviews).coalesce(1).write().parquet(out.resolve("reviews").toString());

    OutcomesInputs.Measurements read = OutcomesInputs.readMeasurements(spark, out, true);
    assertThat(read.notSignedOff()).isEqualTo(1);
    assertThat(read.withoutPatientOrDate()).isEqualTo(1);
    assertThat(read.supersededByLaterRuns()).isZero();
    MrdMeasurement s1 = read.rows().stream().filter(m -> m.sampleId().equals("S1")).findFirst().orElseThrow();
    assertThat(s1.status()).as("run r1's signed call; r2's was reopened").isEqualTo(MrdStatus.NEGATIVE);
    assertThat(s1.mrdFraction()).isEqualTo(0.0);
    MrdMeasurement s2 = read.rows().stream().filter(m -> m.sampleId().equals("S2")).findFirst().orElseThrow();
    assertThat(s2.status()).isEqualTo(MrdStatus.NEGATIVE);
    assertThat(s2.cd19PositiveBlastFraction()).isEqualTo(0.5);
    assertThat(s2.mrdFraction()).isEqualTo(1.25e-6);
    assertThat(read.rows()).hasSize(2);

    assertThatThrownBy(() -> OutcomesInputs.readMeasurements(spark, warehouse("unreviewed-warehouse"), true))
        .isInstanceOf(OutcomesInputException.class).hasMessageContaining("no 'reviews' table");
  }

  @Test
  void marrowsAreDeduplicatedByContentNotBySampleIdEvenInAWarehouseWithPathBasedIds() {
    Path out = dir.resolve("legacy-warehouse");
    // P: the former path-based id that two nights reusing one file name shared, two different
    // marrows (contents A and B); Q: content A again, re-analysed later under another name.
    List<Row> mrd = List.of(
        RowFactory.create("P", "K1", 500_000L, 0L, 0.0, "NEGATIVE", null, true, "0.1", "2026-01-01", "r1"),
        RowFactory.create("P", "K1", 500_000L, 90L, 1.8e-4, "POSITIVE", 1.0, false, "0.1", "2026-01-02", "r2"),
        RowFactory.create("Q", "K1", 500_000L, 0L, 0.0, "NEGATIVE", null, true, "0.2", "2026-01-03", "r3"));
    StructType samplesWithHash = SAMPLES.add("file_sha256", DataTypes.StringType);
    List<Row> samples = List.of(
        RowFactory.create("P", "K1", Date.valueOf("2025-05-01"), "pre-HSCT", CollectionConverters.asScala(Map.of()),
            "2026-01-01", "r1", "A"),
        RowFactory.create("P", "K1", Date.valueOf("2025-07-01"), "CAR-T +28d", CollectionConverters.asScala(Map.of()),
            "2026-01-02", "r2", "B"),
        RowFactory.create("Q", "K1", Date.valueOf("2025-05-01"), "pre-HSCT", CollectionConverters.asScala(Map.of()),
            "2026-01-03", "r3", "A"));
    spark.createDataFrame(mrd, MRD).write().partitionBy("run_date", "run_id").parquet(out.resolve("mrd_results").toString());
    spark.createDataFrame(samples, samplesWithHash).select("sample_id", "patient_key", "collection_date", "timepoint",
            "manifest_extra", "file_sha256", "run_date", "run_id")
        .write().partitionBy("run_date", "run_id").parquet(out.resolve("samples").toString());

    OutcomesInputs.Measurements read = OutcomesInputs.readMeasurements(spark, out, false);

    assertThat(read.supersededByLaterRuns()).isEqualTo(1);
    assertThat(read.rows()).extracting(m -> m.sampleId() + " " + m.collectionDate() + " " + m.status())
        .containsExactlyInAnyOrder("P 2025-07-01 POSITIVE", "Q 2025-05-01 NEGATIVE");
  }

  @Test
  void aFolderWithoutTheTablesIsNamed() {
    assertThatThrownBy(() -> OutcomesInputs.readMeasurements(spark, dir.resolve("nothing-here"), false))
        .isInstanceOf(OutcomesInputException.class)
        .hasMessageEndingWith("nothing-here: no 'mrd_results' table (expected a pipeline output folder)");
  }

  @Test
  void clinicalCsvIsReadThroughTheColumnContract() throws IOException {
    Path csv = dir.resolve("clinical.csv");
    Files.writeString(csv,
        "patient_key,car_t_infusion_date,transplant_date,relapse_date,death_date,last_follow_up_date,age_years,sex,"
            + "prior_relapses,prior_allo_hsct,poor_risk_cytogenetics,ldh_above_uln,platelets_e9_per_l,car_t_source\n"
            + "K1,2025-03-01,2025-05-05,,,2026-01-01,41,M,2,no,yes,no,120,autologous\n");
    List<ClinicalRecord> rows = OutcomesInputs.readClinical(spark, csv);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).transplantDate()).hasToString("2025-05-05");
    assertThat(rows.get(0).covariates().carTSource()).isEqualTo(CarTSource.AUTOLOGOUS);
    assertThat(rows.get(0).covariates().ageAtLeast40()).isTrue();
  }

  @Test
  void aBadClinicalValueNamesTheFileAndRow() throws IOException {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv,
        "patient_key,car_t_infusion_date,last_follow_up_date,age_years,sex,prior_relapses,prior_allo_hsct,"
            + "poor_risk_cytogenetics,ldh_above_uln,car_t_source\n"
            + "K9,2025-03-01,2026-01-01,forty,F,0,no,no,no,autologous\n");
    assertThatThrownBy(() -> OutcomesInputs.readClinical(spark, csv))
        .isInstanceOf(OutcomesInputException.class)
        .hasMessage(csv + ": clinical row 1 (patient_key K9): age_years 'forty' is not a number");
  }

  /** The simulated inputs as a one-run warehouse, the way the pipeline would have written them. */
  private static Path warehouseOf(SimulatedCohort sim, Path out) {
    List<Row> mrd = new ArrayList<>();
    List<Row> samples = new ArrayList<>();
    for (MrdMeasurement m : sim.measurements()) {
      mrd.add(RowFactory.create(m.sampleId(), m.patientKey(), m.nucleatedEvents(), m.blastEvents(), m.mrdFraction(),
          m.status().name(), Double.isNaN(m.cd19PositiveBlastFraction()) ? null : m.cd19PositiveBlastFraction(),
          m.bCellAplasia(), "0.1", "2026-01-01", "sim"));
      samples.add(RowFactory.create(m.sampleId(), m.patientKey(), Date.valueOf(m.collectionDate()), m.timepoint(),
          CollectionConverters.asScala(Map.of("specimen_type", m.specimen())), "2026-01-01", "sim"));
    }
    spark.createDataFrame(mrd, MRD).write().partitionBy("run_date", "run_id").parquet(out.resolve("mrd_results").toString());
    spark.createDataFrame(samples, SAMPLES).write().partitionBy("run_date", "run_id").parquet(out.resolve("samples").toString());
    return out;
  }

  @Test
  void aSimulatedRunAndTheSameDataReadFromFilesGiveTheSameTables() throws IOException {
    OutcomesJob.Result simulated =
        OutcomesJob.run(new OutcomesRequest(null, null, 2020L, dir.resolve("run-sim"), FAST), spark);
    Path out = dir.resolve("run-sim");
    assertThat(out.resolve("outcomes.html")).content().contains("2-year LFS", "MRD-negative before HSCT", "Predicting relapse");
    for (String figure : List.of("lfs_by_group", "os_by_group", "cir_by_group", "nrm_by_group", "lfs_from_transplant")) {
      assertThat(out.resolve("figures/" + figure + ".png")).isNotEmptyFile();
      assertThat(out.resolve("figures/" + figure + ".svg")).isNotEmptyFile();
    }
    List<Row> estimates = spark.read().parquet(out.resolve("tables/estimates").toString())
        .where("analysis = 'infusion' AND endpoint = 'LFS' AND months = 24").collectAsList();
    assertThat(estimates).hasSize(3);
    for (Row r : estimates) {
      EstimateRow expected = simulated.report().estimates().stream()
          .filter(e -> e.analysis().equals("infusion") && e.endpoint().equals("LFS") && e.months() == 24
              && e.groupLabel().equals(r.getAs("group_label")))
          .findFirst().orElseThrow();
      assertThat(r.<Double>getAs("estimate")).isEqualTo(expected.estimate());
      assertThat(r.<Integer>getAs("patients")).isEqualTo(expected.patients());
    }
    // The simulated cohort again: saved models must reproduce the fitted ones on its risk rows.
    SimulatedCohort sim = CohortSimulator.simulate(SimulationSettings.seed002(2020));
    RiskData rows = RiskFeatures.build(CohortBuilder.build(sim.clinical(), sim.measurements(), CohortSettings.defaults()),
        RiskSettings.defaults());
    for (String model : List.of("logistic_regression", "random_forest", "gradient_boosting")) {
      RiskModelFile saved = RiskModelFile.read(out.resolve("models/" + model + ".json"));
      assertThat(saved.model().probabilities(rows.x()))
          .containsExactly(simulated.report().models().get(model).probabilities(rows.x()));
    }
    // Saved models score the written feature rows as the fitted ones do.
    RiskPredictions.Result scored = RiskPredictions.predict(spark, out.resolve("models/gradient_boosting.json"),
        out.resolve("tables/risk_features"), dir.resolve("scored"), true, false);
    assertThat(scored.scored()).isEqualTo(rows.rows());
    assertThat(scored.errors()).isEmpty();
    List<Row> predictions = spark.read().parquet(dir.resolve("scored/predictions").toString()).collectAsList();
    double[] expected = simulated.report().models().get("gradient_boosting").probabilities(rows.x());
    for (Row r : predictions) {
      int i = rows.patientKeys().indexOf(r.<String>getAs("patient_key"));
      assertThat(r.<Double>getAs(RiskPredictions.PROBABILITY)).isEqualTo(expected[i]);
    }
    assertThatThrownBy(() -> RiskPredictions.predict(spark, out.resolve("models/gradient_boosting.json"),
            out.resolve("tables/groups"), dir.resolve("scored-bad"), false, false))
        .isInstanceOf(OutcomesInputException.class)
        .hasMessageContaining("no column 'age_years', a feature of");

    // The same cohort through the file readers: clinical CSV + a warehouse.
    OutcomesJob.Result fromFiles =
        OutcomesJob.run(new OutcomesRequest(warehouseOf(sim, dir.resolve("wh-sim")), out.resolve("inputs/clinical.csv"),
            null, dir.resolve("run-files"), FAST), spark);
    assertThat(fromFiles.report().estimates()).isEqualTo(simulated.report().estimates());
    assertThat(fromFiles.report().tests()).isEqualTo(simulated.report().tests());
    assertThat(fromFiles.report().riskModels()).isEqualTo(simulated.report().riskModels());
    // Which marrows were used for which patient: one row per measurement, with the deciding one.
    List<Row> marrows = spark.read().parquet(dir.resolve("run-files/tables/marrows").toString()).collectAsList();
    assertThat(marrows).hasSize(sim.measurements().size());
    assertThat(marrows).extracting(r -> r.<String>getAs("patient_key") + "/" + r.<String>getAs("sample_id"))
        .containsExactlyInAnyOrderElementsOf(sim.measurements().stream()
            .map(m -> m.patientKey() + "/" + m.sampleId()).toList());
    long deciding = CohortBuilder.build(sim.clinical(), sim.measurements(), CohortSettings.defaults()).patients()
        .stream().filter(p -> p.preTransplantMarrow() != null).count();
    assertThat(marrows.stream().filter(r -> r.<Boolean>getAs("decides_pre_transplant_group")).count())
        .isEqualTo(deciding).isPositive();
  }
}
