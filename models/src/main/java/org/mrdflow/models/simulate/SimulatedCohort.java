package org.mrdflow.models.simulate;

import java.util.List;
import org.mrdflow.models.cohort.ClinicalRecord;
import org.mrdflow.models.cohort.MrdMeasurement;

/**
 * A simulated clinical table and its marrow MRD measurements.
 *
 * @param clinical one row per patient
 * @param measurements all marrows, patient by patient in date order
 * @param settings the settings that produced them
 */
public record SimulatedCohort(
    List<ClinicalRecord> clinical, List<MrdMeasurement> measurements, SimulationSettings settings) {

  public SimulatedCohort {
    clinical = List.copyOf(clinical);
    measurements = List.copyOf(measurements);
  }
}
