package org.mrdflow.models.agreement;

import java.util.ArrayList;
import java.util.List;
import org.mrdflow.models.StatsInputException;

/**
 * Agreement of an MRD method with a reference (a lab's manual gating, or simulator truth) over
 * a set of samples, as a method comparison (CLSI EP09/H62) reports it:
 *
 * <ul>
 *   <li>categories at the 1e-4 clinical threshold: not detected (0 blasts), detected below
 *       1e-4, at or above 1e-4; the 3 x 3 table (rows reference, columns test), Cohen's kappa,
 *       and positive / negative percent agreement (positive = at or above 1e-4) with exact
 *       Clopper-Pearson intervals;
 *   <li>on log10 MRD of the samples where both methods detect blasts (log10 0 is undefined):
 *       Bland-Altman bias and limits, Passing-Bablok and Deming (equal error variances)
 *       regressions of test on reference;
 *   <li>eligibility calls (e.g. hCD19 CAR-T): agreement on the samples both could judge.
 * </ul>
 *
 * @param categories the three category names, in table order
 * @param table reference category (row) by test category (column)
 * @param kappa Cohen's kappa of the table (null with fewer than 2 samples)
 * @param positiveAgreement PPA: test positive among reference positive
 * @param negativeAgreement NPA: test negative among reference negative
 * @param log10Pairs samples in the log10 analyses
 * @param blandAltman on log10 MRD (null with fewer than 3 pairs)
 * @param passingBablok of log10 MRD (null with fewer than 3 pairs)
 * @param deming of log10 MRD (null with fewer than 3 pairs)
 * @param eligibilityJudged samples whose eligibility both methods judged
 * @param eligibilityAgreed of those, how many calls agree
 */
public record MrdAgreement(
    List<String> categories,
    long[][] table,
    CohenKappa kappa,
    Interval positiveAgreement,
    Interval negativeAgreement,
    int log10Pairs,
    BlandAltman blandAltman,
    PassingBablok passingBablok,
    DemingRegression deming,
    int eligibilityJudged,
    int eligibilityAgreed) {

  /** The clinical MRD threshold the categories use (0.01 %). */
  public static final double THRESHOLD = 1e-4;
  public static final List<String> CATEGORIES =
      List.of("not-detected", "below-1e-4", "at-or-above-1e-4");

  /** Category index of an MRD fraction: 0 not detected, 1 below 1e-4, 2 at or above. */
  public static int category(double mrdFraction) {
    return mrdFraction <= 0 ? 0 : mrdFraction < THRESHOLD ? 1 : 2;
  }

  /**
   * @param reference MRD fractions of the reference method; NaN = not evaluable (left out)
   * @param test MRD fractions of the method under test, same samples
   * @param referenceEligible eligibility calls of the reference (null entries: not judged); may
   *     be null when there are none
   * @param testEligible the test's calls, same convention
   */
  public static MrdAgreement of(double[] reference, double[] test, Boolean[] referenceEligible,
      Boolean[] testEligible, double level) {
    if (reference.length != test.length) {
      throw new StatsInputException("MRD agreement needs paired samples: " + reference.length
          + " reference, " + test.length + " test");
    }
    long[][] table = new long[3][3];
    List<double[]> logs = new ArrayList<>();
    int samples = 0;
    for (int i = 0; i < reference.length; i++) {
      if (Double.isNaN(reference[i]) || Double.isNaN(test[i])) {
        continue;
      }
      samples++;
      table[category(reference[i])][category(test[i])]++;
      if (reference[i] > 0 && test[i] > 0) {
        logs.add(new double[] {Math.log10(reference[i]), Math.log10(test[i])});
      }
    }
    long referencePositive = table[2][0] + table[2][1] + table[2][2];
    long referenceNegative = samples - referencePositive;
    long bothNegative = table[0][0] + table[0][1] + table[1][0] + table[1][1];
    double[] x = logs.stream().mapToDouble(p -> p[0]).toArray();
    double[] y = logs.stream().mapToDouble(p -> p[1]).toArray();
    boolean regress = x.length >= 3;
    int judged = 0;
    int agreed = 0;
    if (referenceEligible != null && testEligible != null) {
      for (int i = 0; i < referenceEligible.length; i++) {
        if (referenceEligible[i] != null && testEligible[i] != null) {
          judged++;
          if (referenceEligible[i].equals(testEligible[i])) {
            agreed++;
          }
        }
      }
    }
    return new MrdAgreement(CATEGORIES, table,
        samples >= 2 ? CohenKappa.of(table, level) : null,
        ClopperPearson.interval(table[2][2], referencePositive, level),
        ClopperPearson.interval(bothNegative, referenceNegative, level),
        x.length,
        regress ? BlandAltman.fit(x, y, level) : null,
        regress ? PassingBablok.fit(x, y, level) : null,
        regress ? DemingRegression.fit(x, y, 1, level) : null,
        judged, agreed);
  }
}
