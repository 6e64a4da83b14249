package org.mrdflow.models.cohort;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * One analysed sample of one patient: the columns of {@code mrd_results} (joined with the
 * collection date, timepoint and specimen from {@code samples}) that outcome models use.
 *
 * @param patientKey pseudonymized patient key
 * @param sampleId sample identifier (for messages and tie-breaking only)
 * @param collectionDate date the specimen was collected
 * @param timepoint free-text timepoint label from the manifest ("d28", "pre-HSCT"), may be null
 * @param specimen specimen type from the manifest ("BM", "PB"), null when unknown (treated as
 *     marrow, the specimen the MRD panel is validated for)
 * @param mrdFraction leukemic events / nucleated events; NaN when not computed
 * @param status the MRD call
 * @param nucleatedEvents nucleated events (the denominator)
 * @param blastEvents leukemic blast events
 * @param cd19PositiveBlastFraction fraction of blasts that are CD19-positive; NaN without blasts
 * @param bCellAplasia B-cell aplasia (CD19+ lymphocytes under 3%, domain.md section 1); null when
 *     not assessable
 * @param runId the run whose analysis this is (a content analysed in several runs keeps the
 *     latest); null when unknown (simulated cohorts)
 * @param bCellFractionOfLymphocytes normal B cells / lymphocytes; NaN when not measured
 * @param hcd19CarEligible humanized CD19 CAR-T eligibility (>= 95% of blasts CD19-positive, paper
 *     004); null when not assessable (fewer blasts than the LOD, CD19 expression not established)
 */
public record MrdMeasurement(
    String patientKey,
    String sampleId,
    LocalDate collectionDate,
    String timepoint,
    String specimen,
    double mrdFraction,
    MrdStatus status,
    long nucleatedEvents,
    long blastEvents,
    double cd19PositiveBlastFraction,
    Boolean bCellAplasia,
    String runId,
    double bCellFractionOfLymphocytes,
    Boolean hcd19CarEligible) {

  public MrdMeasurement {
    Objects.requireNonNull(patientKey, "patientKey");
    Objects.requireNonNull(collectionDate, "collectionDate");
    Objects.requireNonNull(status, "status");
  }

  /**
   * Whether the specimen is bone marrow. MRD before transplant is a marrow question (paper 002,
   * Methods); peripheral-blood samples are kept out of it. Unknown specimen counts as marrow.
   */
  public boolean isMarrow() {
    if (specimen == null || specimen.isBlank()) {
      return true;
    }
    String s = specimen.strip().toLowerCase(Locale.ROOT);
    return s.equals("bm") || s.contains("marrow");
  }
}
