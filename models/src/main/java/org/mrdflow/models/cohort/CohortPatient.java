package org.mrdflow.models.cohort;

import java.time.LocalDate;
import java.util.List;

/**
 * One patient of the cohort with derived groups and endpoints.
 *
 * @param clinical the clinical row
 * @param samples this patient's MRD measurements, by collection date
 * @param group pre-transplant MRD group (paper 002)
 * @param preTransplantMarrow the marrow that decided the group, or null
 * @param fromInfusion endpoints from CAR-T infusion (the paper's time origin)
 * @param fromTransplant endpoints from the transplant date (landmark at HSCT for the pre-HSCT MRD
 *     question, free of the immortal time between infusion and transplant), or null when not
 *     transplanted or not event-free and followed at the transplant date
 */
public record CohortPatient(
    ClinicalRecord clinical,
    List<MrdMeasurement> samples,
    PreTransplantGroup group,
    MrdMeasurement preTransplantMarrow,
    Endpoints fromInfusion,
    Endpoints fromTransplant) {

  public CohortPatient {
    samples = List.copyOf(samples);
  }

  public String patientKey() {
    return clinical.patientKey();
  }

  public Covariates covariates() {
    return clinical.covariates();
  }

  /**
   * Endpoints from a landmark {@code days} after infusion, or null when the patient relapsed, died
   * or was lost on or before it (not in the landmark's at-risk set).
   */
  public Endpoints fromLandmark(int days) {
    LocalDate landmark = clinical.carTInfusionDate().plusDays(days);
    return CohortBuilder.eventFreeAndFollowedAfter(clinical, landmark) ? Endpoints.of(clinical, landmark) : null;
  }
}
