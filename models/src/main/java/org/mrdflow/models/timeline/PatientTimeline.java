package org.mrdflow.models.timeline;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.mrdflow.models.cohort.ClinicalRecord;
import org.mrdflow.models.cohort.MrdMeasurement;

/**
 * One patient's MRD course: the analysed samples by collection date, the clinical events when a
 * clinical table was given, and the flags derived from them ({@link PatientTimelines#build}).
 *
 * @param patientKey pseudonymized key, as {@code mrd_results.patient_key}
 * @param clinical the patient's clinical row, or null without a clinical table (or without a row)
 * @param samples at least one; by collection date, then sample_id
 * @param events CAR-T infusion, HSCT and relapse by date (same-day events in that order); empty
 *     without a clinical row
 * @param flags in the order of {@link TimelineFlag.Type}, then by date
 */
public record PatientTimeline(
    String patientKey,
    ClinicalRecord clinical,
    List<MrdMeasurement> samples,
    List<ClinicalEvent> events,
    List<TimelineFlag> flags) {

  public PatientTimeline {
    Objects.requireNonNull(patientKey, "patientKey");
    samples = List.copyOf(samples);
    events = List.copyOf(events);
    flags = List.copyOf(flags);
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("a timeline needs at least one sample (patient " + patientKey + ")");
    }
  }

  public LocalDate firstSampleDate() {
    return samples.get(0).collectionDate();
  }

  /** The CAR-T infusion date, or null when no clinical row gives it. */
  public LocalDate carTInfusionDate() {
    return clinical == null ? null : clinical.carTInfusionDate();
  }

  /** Days from the first sample to {@code date} (negative for an event before it). */
  public long daysFromFirstSample(LocalDate date) {
    return ChronoUnit.DAYS.between(firstSampleDate(), date);
  }

  /** Days from the CAR-T infusion to {@code date} (negative before it); null when the infusion date is unknown. */
  public Long daysFromCarT(LocalDate date) {
    LocalDate infusion = carTInfusionDate();
    return infusion == null ? null : ChronoUnit.DAYS.between(infusion, date);
  }

  /** The flags shown by {@code sample}. */
  public List<TimelineFlag> flagsOf(MrdMeasurement sample) {
    return flags.stream().filter(f -> f.sample() != null && f.sample().equals(sample)).toList();
  }

  /** The first flag of {@code type}, or null. */
  public TimelineFlag flag(TimelineFlag.Type type) {
    return flags.stream().filter(f -> f.type() == type).findFirst().orElse(null);
  }
}
