package org.mrdflow.pipeline.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mrdflow.models.cohort.ClinicalDataException;
import org.mrdflow.models.cohort.ClinicalRecord;
import org.mrdflow.models.cohort.MrdMeasurement;
import org.mrdflow.models.timeline.ClinicalEvent;
import org.mrdflow.models.timeline.PatientTimeline;
import org.mrdflow.models.timeline.PatientTimelines;
import org.mrdflow.models.timeline.TimelineFlag;
import org.mrdflow.pipeline.job.Warehouse;
import org.mrdflow.pipeline.outcomes.OutcomesInputException;
import org.mrdflow.pipeline.outcomes.OutcomesInputs;
import org.mrdflow.pipeline.privacy.CollectionDates;
import org.mrdflow.pipeline.schema.Tables;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@code mrdflow timeline}: each patient's MRD course over every run of a warehouse (a patient's
 * marrows arrive in many runs), written as the {@code patient_timeline} table. Spark reads the
 * warehouse and the clinical table as {@code outcomes} does ({@link OutcomesInputs}: one analysis
 * per content, the latest run's) and writes the table; the timelines are derived in plain Java by
 * models' {@link PatientTimelines}.
 *
 * <p>Dates: the samples' collection dates are what each run wrote under its {@code
 * --collection-date} policy (recorded in its provenance.json). Coarsened or shifted dates do not
 * line up with the clinical table's, so a clinical table is refused unless every run feeding the
 * timeline wrote exact dates, and a patient whose samples come from runs with different policies
 * is refused (the days between them would be meaningless).
 */
public final class TimelineJob {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TimelineJob() {}

  /**
   * What was written.
   *
   * @param timelines the derived timelines, by patient key (what the figure and the server show)
   * @param table where the table is
   * @param rows rows written
   * @param withoutPatientOrDate analysed samples left out: no patient_key or collection_date
   */
  public record Result(List<PatientTimeline> timelines, Path table, int rows, int withoutPatientOrDate) {}

  /**
   * Derives and writes {@code <warehouse>/patient_timeline}, replacing an earlier one.
   *
   * @param clinical the clinical table (CSV or Parquet, models/README.md), or null
   * @throws OutcomesInputException for a missing or unreadable table, an inconsistent clinical row,
   *     or collection dates that cannot be placed (see the class comment)
   */
  public static Result run(SparkSession spark, Path warehouse, Path clinical) throws IOException {
    checkInputs(warehouse, clinical);
    OutcomesInputs.Measurements read = OutcomesInputs.readMeasurements(spark, warehouse, false);
    Map<String, String> policyOfRun = collectionDatePolicies(warehouse, read.rows());
    checkPolicies(warehouse, read.rows(), policyOfRun, clinical);
    List<ClinicalRecord> records = clinical == null ? List.of() : OutcomesInputs.readClinical(spark, clinical);
    List<PatientTimeline> timelines;
    try {
      timelines = PatientTimelines.build(read.rows(), records);
    } catch (ClinicalDataException e) {
      throw new OutcomesInputException(clinical + ": " + e.getMessage(), e);
    }
    List<Row> rows = new ArrayList<>();
    for (PatientTimeline t : timelines) {
      rows.addAll(rows(t, policyOfRun));
    }
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(warehouse.toAbsolutePath().toUri());
    Warehouse target = new Warehouse(root.getFileSystem(spark.sparkContext().hadoopConfiguration()), root);
    org.apache.hadoop.fs.Path staged = target.beginDerived(Tables.PATIENT_TIMELINE);
    spark.createDataFrame(rows, Tables.PATIENT_TIMELINE_SCHEMA).coalesce(1).write().parquet(staged.toString());
    target.replaceDerived(Tables.PATIENT_TIMELINE, staged);
    return new Result(timelines, warehouse.resolve(Tables.PATIENT_TIMELINE), rows.size(), read.withoutPatientOrDate());
  }

  /**
   * The checks that need no Spark, so that a mistyped folder or file fails within a second.
   *
   * @throws OutcomesInputException naming the folder or file
   */
  public static void checkInputs(Path warehouse, Path clinical) {
    for (String table : List.of(Tables.MRD_RESULTS, Tables.SAMPLES)) {
      if (!Files.isDirectory(warehouse.resolve(table))) {
        throw new OutcomesInputException(warehouse + ": no '" + table + "' table (expected a pipeline output folder)");
      }
    }
    if (clinical != null && !Files.exists(clinical)) {
      throw new OutcomesInputException(clinical + ": clinical table not found");
    }
  }

  /**
   * The table's rows of one patient by date, a day's samples before its clinical events: a marrow
   * taken on the infusion or transplant day is taken before the cells are given.
   */
  static List<Row> rows(PatientTimeline t, Map<String, String> policyOfRun) {
    TreeMap<LocalDate, List<Object>> byDay = new TreeMap<>();
    for (MrdMeasurement m : t.samples()) {
      byDay.computeIfAbsent(m.collectionDate(), d -> new ArrayList<>()).add(m);
    }
    for (ClinicalEvent e : t.events()) {
      byDay.computeIfAbsent(e.date(), d -> new ArrayList<>()).add(e);
    }
    List<Row> rows = new ArrayList<>();
    int sequence = 0;
    for (Map.Entry<LocalDate, List<Object>> day : byDay.entrySet()) {
      for (Object entry : day.getValue()) {
        Tables.RowBuilder b = Tables.row(Tables.PATIENT_TIMELINE_SCHEMA)
            .set("patient_key", t.patientKey())
            .set("sequence", ++sequence)
            .set("days_from_first_sample", Math.toIntExact(t.daysFromFirstSample(day.getKey())))
            .set("days_from_car_t", t.daysFromCarT(day.getKey()) == null ? null : Math.toIntExact(t.daysFromCarT(day.getKey())));
        if (entry instanceof MrdMeasurement m) {
          sample(b, t, m, policyOfRun.get(m.runId()));
        } else {
          event(b, t, (ClinicalEvent) entry);
        }
        rows.add(b.build());
      }
    }
    return rows;
  }

  private static void sample(Tables.RowBuilder b, PatientTimeline t, MrdMeasurement m, String policy) {
    List<TimelineFlag> flags = t.flagsOf(m);
    TimelineFlag loss = flags.stream().filter(f -> f.type() == TimelineFlag.Type.LOSS_OF_B_CELL_APLASIA).findFirst()
        .orElse(null);
    b.set("row_type", "SAMPLE")
        .set("sample_id", m.sampleId())
        .set("run_id", m.runId())
        .set("collection_date", Date.valueOf(m.collectionDate()))
        .set("collection_date_policy", policy)
        .set("event_date", null)
        .set("timepoint", m.timepoint())
        .set("specimen", m.specimen())
        .set("mrd_fraction", finite(m.mrdFraction()))
        .set("mrd_status", m.status().name())
        .set("nucleated_events", m.nucleatedEvents())
        .set("blast_events", m.blastEvents())
        .set("b_cell_fraction_of_lymphocytes", finite(m.bCellFractionOfLymphocytes()))
        .set("b_cell_aplasia", m.bCellAplasia())
        .set("cd19_pos_blast_fraction", finite(m.cd19PositiveBlastFraction()))
        .set("hcd19_car_eligible", m.hcd19CarEligible())
        .set("mrd_conversion", has(flags, TimelineFlag.Type.MRD_CONVERSION))
        .set("loss_of_b_cell_aplasia", loss != null)
        .set("early_loss_of_b_cell_aplasia", loss == null ? null : loss.early())
        .set("cd19_negative_emergence", has(flags, TimelineFlag.Type.CD19_NEGATIVE_EMERGENCE))
        .set("mrd_before_hsct", has(flags, TimelineFlag.Type.MRD_BEFORE_HSCT))
        .set("flags", descriptions(flags));
  }

  private static void event(Tables.RowBuilder b, PatientTimeline t, ClinicalEvent e) {
    // the one flag without a sample: no marrow before the transplant, told on the HSCT row
    List<TimelineFlag> unplaced = e.type() == ClinicalEvent.Type.HSCT
        ? t.flags().stream().filter(f -> f.sample() == null).toList()
        : List.of();
    b.set("row_type", e.type().name())
        .set("sample_id", null).set("run_id", null).set("collection_date", null).set("collection_date_policy", null)
        .set("event_date", Date.valueOf(e.date()))
        .set("timepoint", null).set("specimen", null)
        .set("mrd_fraction", null).set("mrd_status", null).set("nucleated_events", null).set("blast_events", null).set("b_cell_fraction_of_lymphocytes", null)
        .set("b_cell_aplasia", null).set("cd19_pos_blast_fraction", null).set("hcd19_car_eligible", null)
        .set("mrd_conversion", null).set("loss_of_b_cell_aplasia", null).set("early_loss_of_b_cell_aplasia", null)
        .set("cd19_negative_emergence", null).set("mrd_before_hsct", null)
        .set("flags", descriptions(unplaced));
  }

  private static boolean has(List<TimelineFlag> flags, TimelineFlag.Type type) {
    return flags.stream().anyMatch(f -> f.type() == type);
  }

  private static Object descriptions(List<TimelineFlag> flags) {
    return CollectionConverters.asScala(flags.stream().map(TimelineFlag::description).toList()).toSeq();
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /**
   * The {@code --collection-date} policy of each run that analysed a sample, from its
   * provenance.json ({@code privacy.collection_dates}); runs written before the option existed
   * wrote the manifest's dates as given, which is {@code exact}.
   */
  static Map<String, String> collectionDatePolicies(Path warehouse, List<MrdMeasurement> samples) throws IOException {
    Map<String, String> policies = new HashMap<>();
    for (MrdMeasurement m : samples) {
      if (m.runId() == null || policies.containsKey(m.runId())) {
        continue;
      }
      Path provenance = warehouse.resolve(Warehouse.RUNS).resolve(m.runId()).resolve("provenance.json");
      String policy = CollectionDates.EXACT.optionValue();
      if (Files.isRegularFile(provenance)) {
        JsonNode written = JSON.readTree(provenance.toFile()).path("privacy").path("collection_dates");
        if (written.isTextual()) {
          policy = written.asText();
        }
      }
      policies.put(m.runId(), policy);
    }
    return policies;
  }

  private static void checkPolicies(
      Path warehouse, List<MrdMeasurement> samples, Map<String, String> policyOfRun, Path clinical) {
    Map<String, TreeSet<String>> runsOfPatient = new HashMap<>();
    TreeSet<String> inexact = new TreeSet<>();
    for (MrdMeasurement m : samples) {
      String policy = policyOfRun.getOrDefault(m.runId(), CollectionDates.EXACT.optionValue());
      runsOfPatient.computeIfAbsent(m.patientKey(), k -> new TreeSet<>()).add(policy + " (run " + m.runId() + ")");
      if (!policy.equals(CollectionDates.EXACT.optionValue())) {
        inexact.add("run " + m.runId() + ": " + policy);
      }
    }
    if (clinical != null && !inexact.isEmpty()) {
      throw new OutcomesInputException(clinical + ": the clinical table's dates are exact, but the warehouse "
          + warehouse + " holds collection dates written with --collection-date " + String.join(", ", inexact)
          + "; they cannot be placed against CAR-T, HSCT or relapse dates (leave out --clinical)");
    }
    for (Map.Entry<String, TreeSet<String>> p : runsOfPatient.entrySet()) {
      long distinct = p.getValue().stream().map(s -> s.substring(0, s.indexOf(' '))).distinct().count();
      if (distinct > 1) {
        throw new OutcomesInputException(warehouse + ": patient_key " + p.getKey() + " has samples from runs with"
            + " different --collection-date policies (" + String.join(", ", p.getValue())
            + "); the days between them would be meaningless");
      }
    }
  }
}
