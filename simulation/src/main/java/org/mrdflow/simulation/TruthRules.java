package org.mrdflow.simulation;

import java.util.Map;
import org.mrdflow.gating.mrd.MrdRules;

/**
 * The ground-truth MRD, CAR-eligibility and B-cell-aplasia calls of a sample from its true
 * population counts, in the shared truth format (mrdsim README "Exact rules"; domain brief
 * sections 1 and 2). The rules themselves are {@link MrdRules#DEFAULTS}, the ones the analysis
 * reports with (LOD 20, LLOQ 50, threshold 1e-4, CAR19 share 0.95, aplasia below 3 %):
 *
 * <ul>
 *   <li>N = nucleated singlets (everything but debris and doublets, CD45-negative erythroid
 *       included); B = true blasts among them.
 *   <li>POSITIVE when B >= LOD and B/N >= 1e-4 ({@link MrdRules#call}; the format writes it as
 *       {@code 10000 B >= N}, which the double comparison equals exactly for counts below 1e12).
 *   <li>NEGATIVE when B = 0 and N >= 200,000 (so 20/N <= 1e-4: the sensitivity is reached).
 *   <li>Otherwise INDETERMINATE: below 1e-4 with B >= LOD, detected below the LOD, or no blasts
 *       with too few cells.
 *   <li>CAR19 eligibility: CD19+ blasts / B >= 0.95 (paper 004). Evaluable when B >= LOD.
 *   <li>B-cell aplasia: normal B (hematogones + mature B) < 3% of lymphocytes (T, CAR-T, NK,
 *       normal B; paper 004).
 * </ul>
 *
 * <p>Deliberate differences from what the analysis reports (the truth format is shared with an
 * independent generator and is not ours to change; both sides are tested against it):
 *
 * <ul>
 *   <li>0 < B < LOD with the sensitivity reached: the truth says INDETERMINATE
 *       ({@code DETECTED_BELOW_LOD}); the report says NEGATIVE ({@code NOT_DETECTED}, "not
 *       detected (< sensitivity)": fewer events than the LOD are not a detection).
 *   <li>{@code car19_eligible} is given whenever B > 0 (with {@code car19_evaluable} saying
 *       whether B >= LOD); the report leaves it null below the LOD.
 *   <li>No lymphocytes at all: the truth counts that as aplasia (0 %); the report says null.
 *   <li>The reason codes are the format's strings, not {@code MrdStatusReason}; the format has
 *       no separate "positive below the LLOQ" reason ({@code blasts_quantifiable_ge_lloq}
 *       says it).
 * </ul>
 */
public final class TruthRules {
  /** The rules of the truth format: the reporting defaults. */
  public static final MrdRules RULES = MrdRules.DEFAULTS;

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

    MrdRules.MrdCall call = RULES.call(nucleated, blasts);
    String[] category = inTruthWords(call, blasts);
    Double cd19posFraction = blasts == 0 ? null : (double) cd19pos / blasts;
    Boolean eligible = blasts == 0 ? null : RULES.meetsCar19Share(cd19posFraction);
    // No lymphocytes at all means no B cells either: counted as aplasia (0%).
    double bPct = lymphocytes == 0 ? 0 : MrdRules.bCellPercent(lymphocytes, hematogones + matureB);
    return new Calls(
        nucleated,
        blasts,
        cd19pos,
        cd19neg,
        cd19posFraction,
        nucleated == 0 ? 0 : (double) blasts / nucleated,
        category[0],
        category[1],
        call.sensitivity(),
        blasts >= RULES.lloqEvents(),
        hematogones,
        matureB,
        lymphocytes,
        bPct,
        RULES.isAplastic(bPct),
        eligible,
        blasts >= RULES.lodEvents());
  }

  /** {category, reason} of the truth format for a reporting call. */
  private static String[] inTruthWords(MrdRules.MrdCall call, long blasts) {
    return switch (call.reason()) {
      case POSITIVE_ABOVE_THRESHOLD, POSITIVE_NOT_QUANTIFIABLE ->
          new String[] {POSITIVE, REASON_POSITIVE};
      // The one place the format differs: a few blasts below the LOD are never NEGATIVE.
      case NOT_DETECTED -> blasts == 0
          ? new String[] {NEGATIVE, REASON_NEGATIVE}
          : new String[] {INDETERMINATE, REASON_BELOW_LOD};
      case LOW_LEVEL_POSITIVE_BELOW_THRESHOLD -> new String[] {INDETERMINATE, REASON_BELOW_THRESHOLD};
      case DETECTED_BELOW_LOD -> new String[] {INDETERMINATE, REASON_BELOW_LOD};
      case INSUFFICIENT_SENSITIVITY -> new String[] {INDETERMINATE, REASON_INSUFFICIENT};
      // The truth is the count alone (MrdRules.call): the fail-closed codes judge a measured
      // sample and never come out of it.
      case UNCOMPENSATED, CALIBRATION_FAILED, REFERENCE_MISSING, BLASTS_NOT_SEPARABLE,
          POOR_SAMPLE_QUALITY, HEMODILUTED -> throw new IllegalStateException("truth call " + call.reason());
    };
  }
}
