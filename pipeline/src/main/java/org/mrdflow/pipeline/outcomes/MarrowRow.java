package org.mrdflow.pipeline.outcomes;

import java.util.ArrayList;
import java.util.List;
import org.mrdflow.models.cohort.Cohort;
import org.mrdflow.models.cohort.CohortPatient;
import org.mrdflow.models.cohort.MrdMeasurement;

/**
 * One row of {@code tables/marrows}: which marrow (MRD result, one per content) {@code outcomes}
 * used for which patient, so a reader can check that no marrow was dropped or confused.
 *
 * @param sampleId the result's sample_id (content-based since sample identity is the file's bytes)
 * @param collectionDate ISO 8601
 * @param decidesPreTransplantGroup whether this marrow set the patient's pre-transplant MRD group
 * @param inClinicalTable false for results of patients the clinical table does not list (not used)
 */
record MarrowRow(
    String patientKey,
    String sampleId,
    String collectionDate,
    String timepoint,
    String specimen,
    String mrdStatus,
    double mrdFraction,
    boolean decidesPreTransplantGroup,
    boolean inClinicalTable) {

  static List<MarrowRow> of(Cohort cohort) {
    List<MarrowRow> rows = new ArrayList<>();
    for (CohortPatient p : cohort.patients()) {
      for (MrdMeasurement m : p.samples()) {
        rows.add(row(m, m.equals(p.preTransplantMarrow()), true));
      }
    }
    for (MrdMeasurement m : cohort.unmatchedMeasurements()) {
      rows.add(row(m, false, false));
    }
    return rows;
  }

  private static MarrowRow row(MrdMeasurement m, boolean decides, boolean inClinical) {
    return new MarrowRow(m.patientKey(), m.sampleId(), m.collectionDate().toString(), m.timepoint(), m.specimen(),
        m.status().name(), m.mrdFraction(), decides, inClinical);
  }
}
