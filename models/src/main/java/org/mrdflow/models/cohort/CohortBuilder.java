package org.mrdflow.models.cohort;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins MRD measurements with the clinical table and derives, per patient, the pre-transplant MRD
 * group and the endpoints of domain.md section 5. Inconsistent clinical rows are rejected with a
 * {@link ClinicalDataException} naming the row, never silently repaired.
 */
public final class CohortBuilder {

  private static final Comparator<MrdMeasurement> BY_DATE =
      Comparator.comparing(MrdMeasurement::collectionDate)
          .thenComparing(m -> m.sampleId() == null ? "" : m.sampleId());

  private CohortBuilder() {}

  /**
   * Builds the cohort.
   *
   * @param clinical clinical rows; row numbers in error messages are 1-based positions in this list
   * @param measurements MRD measurements of any patients (others are reported as unmatched)
   * @throws ClinicalDataException for the first inconsistent clinical row
   */
  public static Cohort build(
      List<ClinicalRecord> clinical, Collection<MrdMeasurement> measurements, CohortSettings settings) {
    Map<String, Integer> rowOfPatient = new HashMap<>();
    for (int i = 0; i < clinical.size(); i++) {
      ClinicalRecord c = clinical.get(i);
      validate(i + 1, c);
      Integer earlier = rowOfPatient.putIfAbsent(c.patientKey(), i + 1);
      if (earlier != null) {
        throw new ClinicalDataException(
            i + 1, c.patientKey(), "duplicate patient_key, first seen in row " + earlier);
      }
    }

    Map<String, List<MrdMeasurement>> byPatient = new LinkedHashMap<>();
    List<MrdMeasurement> unmatched = new ArrayList<>();
    for (MrdMeasurement m : measurements) {
      if (rowOfPatient.containsKey(m.patientKey())) {
        byPatient.computeIfAbsent(m.patientKey(), k -> new ArrayList<>()).add(m);
      } else {
        unmatched.add(m);
      }
    }

    List<CohortPatient> patients = new ArrayList<>(clinical.size());
    for (ClinicalRecord c : clinical) {
      List<MrdMeasurement> samples = new ArrayList<>(byPatient.getOrDefault(c.patientKey(), List.of()));
      samples.sort(BY_DATE);
      patients.add(patient(c, samples, settings));
    }
    unmatched.sort(Comparator.comparing(MrdMeasurement::patientKey).thenComparing(BY_DATE));
    return new Cohort(patients, unmatched, settings);
  }

  private static CohortPatient patient(
      ClinicalRecord c, List<MrdMeasurement> samples, CohortSettings settings) {
    Endpoints fromInfusion = Endpoints.of(c, c.carTInfusionDate());
    LocalDate transplant = c.transplantDate();
    if (transplant == null) {
      return new CohortPatient(c, samples, PreTransplantGroup.NO_TRANSPLANT, null, fromInfusion, null);
    }
    MrdMeasurement decisive =
        lastMarrowBefore(samples, transplant.minusDays(settings.preTransplantWindowDays()), transplant);
    PreTransplantGroup group;
    if (decisive == null || decisive.status() == MrdStatus.INDETERMINATE) {
      group = PreTransplantGroup.MRD_UNKNOWN;
    } else {
      group =
          decisive.status() == MrdStatus.POSITIVE
              ? PreTransplantGroup.MRD_POSITIVE
              : PreTransplantGroup.MRD_NEGATIVE;
    }
    Endpoints fromTransplant =
        eventFreeAndFollowedAfter(c, transplant) ? Endpoints.of(c, transplant) : null;
    return new CohortPatient(c, samples, group, decisive, fromInfusion, fromTransplant);
  }

  /**
   * The last marrow in [windowStart, transplant], or null. Of several marrows of that date, the
   * call with the highest {@link MrdStatus#sameDayPrecedence()} (POSITIVE, then NEGATIVE).
   *
   * @param windowStart earliest collection date that counts; null for any date before the transplant
   */
  public static MrdMeasurement lastMarrowBefore(
      List<MrdMeasurement> samples, LocalDate windowStart, LocalDate transplant) {
    MrdMeasurement best = null;
    for (MrdMeasurement m : samples) {
      LocalDate d = m.collectionDate();
      if (!m.isMarrow() || (windowStart != null && d.isBefore(windowStart)) || d.isAfter(transplant)) {
        continue;
      }
      if (best == null
          || d.isAfter(best.collectionDate())
          || (d.isEqual(best.collectionDate()) && m.status().sameDayPrecedence() > best.status().sameDayPrecedence())) {
        best = m;
      }
    }
    return best;
  }

  /** Event-free and still followed strictly after {@code origin} (a landmark's at-risk set). */
  static boolean eventFreeAndFollowedAfter(ClinicalRecord c, LocalDate origin) {
    return (c.relapseDate() == null || c.relapseDate().isAfter(origin))
        && (c.deathDate() == null || c.deathDate().isAfter(origin))
        && c.lastFollowUpDate().isAfter(origin);
  }

  private static void validate(int row, ClinicalRecord c) {
    String key = c.patientKey();
    if (key == null || key.isBlank()) {
      throw new ClinicalDataException(row, String.valueOf(key), "patient_key is empty");
    }
    if (c.covariates() == null) {
      throw new ClinicalDataException(row, key, "covariates are missing");
    }
    LocalDate infusion = c.carTInfusionDate();
    if (infusion == null) {
      throw new ClinicalDataException(row, key, "car_t_infusion_date is missing");
    }
    if (c.lastFollowUpDate() == null) {
      throw new ClinicalDataException(row, key, "last_follow_up_date is missing");
    }
    notBefore(row, key, "transplant_date", c.transplantDate(), "car_t_infusion_date", infusion);
    notBefore(row, key, "relapse_date", c.relapseDate(), "car_t_infusion_date", infusion);
    notBefore(row, key, "death_date", c.deathDate(), "car_t_infusion_date", infusion);
    notBefore(row, key, "last_follow_up_date", c.lastFollowUpDate(), "car_t_infusion_date", infusion);
    notBefore(row, key, "death_date", c.deathDate(), "relapse_date", c.relapseDate());
    notBefore(row, key, "death_date", c.deathDate(), "transplant_date", c.transplantDate());
    notBefore(row, key, "last_follow_up_date", c.lastFollowUpDate(), "relapse_date", c.relapseDate());
    notBefore(row, key, "last_follow_up_date", c.lastFollowUpDate(), "transplant_date", c.transplantDate());
    if (c.deathDate() != null && !c.lastFollowUpDate().isEqual(c.deathDate())) {
      throw new ClinicalDataException(
          row, key,
          "last_follow_up_date " + c.lastFollowUpDate() + " differs from death_date " + c.deathDate()
              + " (a patient's follow-up ends at death)");
    }
    Covariates cov = c.covariates();
    if (!(cov.ageYears() >= 0 && cov.ageYears() < 130)) {
      throw new ClinicalDataException(row, key, "age_years " + cov.ageYears() + " is not an age");
    }
    if (cov.priorRelapses() < 0) {
      throw new ClinicalDataException(row, key, "prior_relapses " + cov.priorRelapses() + " is negative");
    }
    if (cov.plateletsPerNanoliter() < 0) {
      throw new ClinicalDataException(
          row, key, "platelets_e9_per_l " + cov.plateletsPerNanoliter() + " is negative");
    }
  }

  private static void notBefore(
      int row, String key, String name, LocalDate date, String referenceName, LocalDate reference) {
    if (date != null && reference != null && date.isBefore(reference)) {
      throw new ClinicalDataException(
          row, key, name + " " + date + " is before " + referenceName + " " + reference);
    }
  }
}
