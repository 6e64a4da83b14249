package org.mrdflow.review;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.mrdflow.models.cohort.ClinicalRecord;
import org.mrdflow.models.cohort.MrdMeasurement;
import org.mrdflow.models.cohort.MrdStatus;
import org.mrdflow.models.timeline.ClinicalEvent;
import org.mrdflow.models.timeline.PatientTimeline;
import org.mrdflow.models.timeline.PatientTimelines;
import org.mrdflow.models.timeline.TimelineFlag;
import org.mrdflow.review.warehouse.Analysis;
import org.mrdflow.review.warehouse.PatientSample;

/**
 * Each patient's MRD course as the server shows it, derived on every request from {@code
 * samples}/{@code mrd_results} by models' {@link PatientTimelines} (the rules {@code mrdflow
 * timeline} applies), with each analysis's reviewed values in place of the pipeline's: a
 * corrected call moves the flags at once. The clinical events come from the {@code
 * patient_timeline} table's event rows when {@code timeline --clinical} wrote them.
 */
final class Patients {
  /** patient_key is a keyed HMAC-SHA256 in hex (pipeline/README.md): the only patient value in URLs. */
  static final Pattern PATIENT_KEY = Pattern.compile("[0-9a-f]{16,128}");

  private Patients() {}

  /**
   * One patient's course.
   *
   * @param analyses the analysis behind each sample of the timeline, by sample_id
   * @param states their review states, by sample_id
   */
  record Course(PatientTimeline timeline, Map<String, Analysis> analyses, Map<String, ReviewState> states) {
    Analysis analysis(MrdMeasurement m) {
      return analyses.get(m.sampleId());
    }

    ReviewState state(MrdMeasurement m) {
      return states.get(m.sampleId());
    }
  }

  /** Every patient with at least one analysed sample, by patient_key. */
  static List<Course> all(ReviewService service) {
    return courses(service, null);
  }

  /** One patient's course; empty when the warehouse has no analysed sample of {@code patientKey}. */
  static Optional<Course> of(ReviewService service, String patientKey) {
    return courses(service, patientKey).stream().findFirst();
  }

  private static List<Course> courses(ReviewService service, String only) {
    Map<String, List<PatientSample>> byPatient = new LinkedHashMap<>();
    for (PatientSample p : service.warehouse().patientSamples()) {
      if (only == null || only.equals(p.analysis().patientKey())) {
        byPatient.computeIfAbsent(p.analysis().patientKey(), k -> new ArrayList<>()).add(p);
      }
    }
    Map<String, Map<String, LocalDate>> events = byPatient.isEmpty() ? Map.of() : service.warehouse().clinicalEvents();
    Map<String, Map<String, ReviewState>> statesOfRun = new HashMap<>(); // one trail query per run, not per sample
    List<Course> courses = new ArrayList<>();
    byPatient.forEach((key, samples) -> {
      Map<String, Analysis> analyses = new LinkedHashMap<>();
      Map<String, ReviewState> states = new LinkedHashMap<>();
      List<MrdMeasurement> measurements = new ArrayList<>();
      for (PatientSample p : samples) {
        Analysis a = p.analysis();
        ReviewState s = statesOfRun.computeIfAbsent(a.runId(), service::statesOfRun)
            .getOrDefault(a.sampleId(), ReviewState.of(List.of()));
        analyses.put(a.sampleId(), a);
        states.put(a.sampleId(), s);
        measurements.add(measurement(p, s));
      }
      courses.add(new Course(PatientTimelines.of(key, clinical(key, events.get(key)), measurements), analyses, states));
    });
    return courses;
  }

  /** The clinical dates of a patient, or null without a CAR-T infusion date (the timeline's day 0). */
  private static ClinicalRecord clinical(String key, Map<String, LocalDate> dates) {
    if (dates == null || !dates.containsKey(ClinicalEvent.Type.CAR_T_INFUSION.name())) {
      return null;
    }
    return ClinicalRecord.eventDates(key, dates.get(ClinicalEvent.Type.CAR_T_INFUSION.name()),
        dates.get(ClinicalEvent.Type.HSCT.name()), dates.get(ClinicalEvent.Type.RELAPSE.name()));
  }

  /** The analysis as a timeline measurement, with the reviewer's value of each overridden field. */
  static MrdMeasurement measurement(PatientSample p, ReviewState s) {
    Analysis a = p.analysis();
    String eligible = Pages.effective(a, s, ReviewField.HCD19_CAR_ELIGIBLE);
    return new MrdMeasurement(a.patientKey(), a.sampleId(), LocalDate.parse(a.collectionDate()), a.timepoint(),
        p.specimen(), number(Pages.effective(a, s, ReviewField.MRD_FRACTION)),
        MrdStatus.parse(Pages.effective(a, s, ReviewField.MRD_STATUS)), orZero(a.nucleatedEvents()),
        orZero(a.blastEvents()), number(Pages.effective(a, s, ReviewField.CD19_POS_BLAST_FRACTION)), a.bCellAplasia(),
        a.runId(), a.bCellFractionOfLymphocytes() == null ? Double.NaN : a.bCellFractionOfLymphocytes(),
        eligible == null ? null : Boolean.valueOf(eligible));
  }

  /** The patient list's row, for {@code GET /api/patients}. */
  static Map<String, Object> summaryJson(Course c) {
    PatientTimeline t = c.timeline();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("patient_key", t.patientKey());
    m.put("samples", t.samples().size());
    m.put("first_sample_date", t.firstSampleDate().toString());
    m.put("last_sample_date", t.samples().get(t.samples().size() - 1).collectionDate().toString());
    m.put("car_t_infusion_date", t.carTInfusionDate() == null ? null : t.carTInfusionDate().toString());
    m.put("flags", t.flags().stream().map(f -> f.type().name()).distinct().toList());
    m.put("reviewed_samples", c.states().values().stream().filter(s -> !s.trail().isEmpty()).count());
    return m;
  }

  /** One patient's timeline, for {@code GET /api/patients/{patient_key}}. */
  static Map<String, Object> json(Course c) {
    PatientTimeline t = c.timeline();
    Map<String, Object> m = summaryJson(c);
    List<Map<String, Object>> events = new ArrayList<>();
    for (ClinicalEvent e : t.events()) {
      events.add(Map.of("type", e.type().name(), "date", e.date().toString()));
    }
    m.put("events", events);
    List<Map<String, Object>> samples = new ArrayList<>();
    for (MrdMeasurement s : t.samples()) {
      Analysis a = c.analysis(s);
      ReviewState state = c.state(s);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("sample_id", s.sampleId());
      row.put("run_id", s.runId());
      row.put("collection_date", s.collectionDate().toString());
      row.put("days_from_first_sample", t.daysFromFirstSample(s.collectionDate()));
      row.put("days_from_car_t", t.daysFromCarT(s.collectionDate()));
      row.put("timepoint", s.timepoint());
      row.put("specimen", s.specimen());
      row.put("mrd_status", s.status().name());
      row.put("mrd_fraction", finite(s.mrdFraction()));
      row.put("nucleated_events", s.nucleatedEvents());
      row.put("blast_events", s.blastEvents());
      row.put("b_cell_fraction_of_lymphocytes", finite(s.bCellFractionOfLymphocytes()));
      row.put("b_cell_aplasia", s.bCellAplasia());
      row.put("cd19_pos_blast_fraction", finite(s.cd19PositiveBlastFraction()));
      row.put("hcd19_car_eligible", s.hcd19CarEligible());
      row.put("reviewed_fields", state.overrides().keySet().stream().map(ReviewField::column).toList());
      row.put("review_state", state.status().id());
      row.put("status_reason", a.statusReason());
      samples.add(row);
    }
    m.put("timeline", samples);
    List<Map<String, Object>> flags = new ArrayList<>();
    for (TimelineFlag f : t.flags()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("type", f.type().name());
      row.put("sample_id", f.sample() == null ? null : f.sample().sampleId());
      row.put("reference_sample_id", f.reference() == null ? null : f.reference().sampleId());
      row.put("early", f.early());
      row.put("description", f.description());
      flags.add(row);
    }
    m.put("flags", flags);
    return m;
  }

  private static double number(String decimal) {
    return decimal == null ? Double.NaN : Double.parseDouble(decimal);
  }

  private static long orZero(Long n) {
    return n == null ? 0 : n;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
