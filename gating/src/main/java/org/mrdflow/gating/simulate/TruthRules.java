package org.mrdflow.gating.simulate;

import java.util.Map;

/**
 * The ground-truth MRD, CAR-eligibility and B-cell-aplasia calls of a sample from its true
 * population counts, with the rules of the shared truth format (domain brief sections 1 and 2):
 *
 * <ul>
 *   <li>N = nucleated singlets (everything but debris and doublets, CD45-negative erythroid
 *       included); B = true blasts among them.
 *   <li>POSITIVE when B >= LOD (20) and B/N >= 1e-4, tested exactly as {@code 10000 B >= N}.
 *   <li>NEGATIVE when B = 0 and N >= 200,000 (so 20/N <= 1e-4: the sensitivity is reached).
 *   <li>Otherwise INDETERMINATE: below 1e-4 with B >= LOD, detected below the LOD, or no blasts
 *       with too few cells.
 *   <li>CAR19 eligibility: B > 0 and CD19+ blasts / B >= 0.95 (paper 004); unknown without blasts.
 *       Evaluable when B >= LOD.
 *   <li>B-cell aplasia: normal B (hematogones + mature B) < 3% of lymphocytes (T, CAR-T, NK,
 *       normal B; paper 004).
 * </ul>
 */
public final class TruthRules {
  public static final int LOD_EVENTS = 20;
  public static final int LLOQ_EVENTS = 50;
  /** MRD threshold 1e-4, as the integer ratio used in the comparison {@code 10000 B >= N}. */
  public static final long THRESHOLD_DENOMINATOR = 10_000;
  /** Nucleated cells needed for LOD / N <= 1e-4. */
  public static final long NUCLEATED_FOR_SENSITIVITY = LOD_EVENTS * THRESHOLD_DENOMINATOR;
  public static final double CAR19_MIN_CD19POS_FRACTION = 0.95;
  public static final double APLASIA_MAX_B_PCT_OF_LYMPHOCYTES = 3.0;

  public static final String POSITIVE = "POSITIVE";
  public static final String NEGATIVE = "NEGATIVE";
  public static final String INDETERMINATE = "INDETERMINATE";
  public static final String REASON_POSITIVE = "BLASTS_GE_LOD_AND_GE_0.01PCT";
  public static final String REASON_NEGATIVE = "NO_BLASTS_SENSITIVITY_0.01PCT_REACHED";
  public static final String REASON_BELOW_THRESHOLD = "LOW_LEVEL_POSITIVE_BELOW_0.01PCT";
  public static final String REASON_BELOW_LOD = "DETECTED_BELOW_LOD";
  public static final String REASON_INSUFFICIENT = "INSUFFICIENT_SENSITIVITY";

  private TruthRules() {}

  /** The calls; nullable fields are null where the rule cannot be judged. */
  public record Calls(
      long nucleatedSinglets,
      long blasts,
      long blastsCd19pos,
      long blastsCd19neg,
      Double cd19posFractionOfBlasts,
      double mrdFraction,
      String mrdCategory,
      String mrdCategoryReason,
      double achievedSensitivity,
      boolean blastsQuantifiableGeLloq,
      long hematogones,
      long matureB,
      long lymphocytes,
      double bPctOfLymphocytes,
      boolean bCellAplasia,
      Boolean car19Eligible,
      boolean car19Evaluable) {}

  /** Applies the rules to true counts per population (absent populations count 0). */
  public static Calls apply(Map<Population, Long> counts) {
    long nucleated = 0;
    long lymphocytes = 0;
    long hematogones = 0;
    for (Map.Entry<Population, Long> e : counts.entrySet()) {
      Population p = e.getKey();
      long n = e.getValue();
      nucleated += p.isNucleatedSinglet() ? n : 0;
      lymphocytes += p.isLymphocyte() ? n : 0;
      hematogones += p.isHematogone() ? n : 0;
    }
    long matureB = counts.getOrDefault(Population.MATURE_B, 0L);
    long cd19pos = counts.getOrDefault(Population.BLAST_CD19POS, 0L);
    long cd19neg = counts.getOrDefault(Population.BLAST_CD19NEG, 0L);
    long blasts = cd19pos + cd19neg;

    String category;
    String reason;
    if (blasts >= LOD_EVENTS && THRESHOLD_DENOMINATOR * blasts >= nucleated) {
      category = POSITIVE;
      reason = REASON_POSITIVE;
    } else if (blasts == 0 && nucleated >= NUCLEATED_FOR_SENSITIVITY) {
      category = NEGATIVE;
      reason = REASON_NEGATIVE;
    } else {
      category = INDETERMINATE;
      reason =
          blasts >= LOD_EVENTS
              ? REASON_BELOW_THRESHOLD
              : blasts > 0 ? REASON_BELOW_LOD : REASON_INSUFFICIENT;
    }
    Double cd19posFraction = blasts == 0 ? null : (double) cd19pos / blasts;
    Boolean eligible = blasts == 0 ? null : cd19posFraction >= CAR19_MIN_CD19POS_FRACTION;
    // No lymphocytes at all means no B cells either: counted as aplasia (0%).
    double bPct = lymphocytes == 0 ? 0 : 100.0 * (hematogones + matureB) / lymphocytes;
    return new Calls(
        nucleated,
        blasts,
        cd19pos,
        cd19neg,
        cd19posFraction,
        nucleated == 0 ? 0 : (double) blasts / nucleated,
        category,
        reason,
        nucleated == 0 ? Double.POSITIVE_INFINITY : (double) LOD_EVENTS / nucleated,
        blasts >= LLOQ_EVENTS,
        hematogones,
        matureB,
        lymphocytes,
        bPct,
        bPct < APLASIA_MAX_B_PCT_OF_LYMPHOCYTES,
        eligible,
        blasts >= LOD_EVENTS);
  }
}
