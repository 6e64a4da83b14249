package org.mrdflow.models.cohort;

import java.time.LocalDate;

/**
 * One patient's row of the clinical table. Dates that did not happen (no transplant, no relapse,
 * alive) are null. Consistency is checked by {@link CohortBuilder}, which names the row.
 *
 * @param patientKey pseudonymized key, the same as {@code patient_key} in {@code mrd_results}
 * @param carTInfusionDate CAR-T infusion date, the time origin (day 0)
 * @param transplantDate allogeneic HSCT after CAR-T, or null
 * @param relapseDate morphological or extramedullary relapse, or null; MRD positivity alone is not
 *     a relapse (paper 002, Methods)
 * @param deathDate death from any cause, or null
 * @param lastFollowUpDate last date the patient was known alive (or the death date)
 * @param covariates baseline covariates
 */
public record ClinicalRecord(
    String patientKey,
    LocalDate carTInfusionDate,
    LocalDate transplantDate,
    LocalDate relapseDate,
    LocalDate deathDate,
    LocalDate lastFollowUpDate,
    Covariates covariates) {

  /**
   * Only the dates a patient timeline marks (e.g. read back from the {@code patient_timeline}
   * table's event rows), without covariates or follow-up: for {@code PatientTimelines.of}, which
   * uses nothing else; {@link CohortBuilder} refuses it.
   */
  public static ClinicalRecord eventDates(
      String patientKey, LocalDate carTInfusionDate, LocalDate transplantDate, LocalDate relapseDate) {
    return new ClinicalRecord(patientKey, carTInfusionDate, transplantDate, relapseDate, null, null, null);
  }
}
