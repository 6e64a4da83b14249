package org.mrdflow.models.cohort;

/**
 * A clinical row that cannot describe a real course (relapse after death, a date before the
 * infusion, a duplicate patient). The message names the row and the patient.
 */
public final class ClinicalDataException extends IllegalArgumentException {

  private final int row;
  private final String patientKey;

  public ClinicalDataException(int row, String patientKey, String problem) {
    super("clinical row " + row + " (patient_key " + patientKey + "): " + problem);
    this.row = row;
    this.patientKey = patientKey;
  }

  /** 1-based data row of the clinical table (header not counted). */
  public int row() {
    return row;
  }

  public String patientKey() {
    return patientKey;
  }
}
