package org.mrdflow.models.cohort;

import java.util.List;

/**
 * The analysed cohort.
 *
 * @param patients one entry per clinical row, in the clinical table's order
 * @param unmatchedMeasurements MRD measurements whose patient is not in the clinical table
 * @param settings how the cohort was derived
 */
public record Cohort(
    List<CohortPatient> patients, List<MrdMeasurement> unmatchedMeasurements, CohortSettings settings) {

  public Cohort {
    patients = List.copyOf(patients);
    unmatchedMeasurements = List.copyOf(unmatchedMeasurements);
  }

  /** Patients of one pre-transplant group, in cohort order. */
  public List<CohortPatient> group(PreTransplantGroup group) {
    return patients.stream().filter(p -> p.group() == group).toList();
  }

  /** Patients analysable from the transplant date (landmark at HSCT). */
  public List<CohortPatient> transplantLandmark() {
    return patients.stream().filter(p -> p.fromTransplant() != null).toList();
  }
}
