package org.mrdflow.models.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mrdflow.models.StatsInputException;

/**
 * Agreement statistics against values computed with base R from the published formulas
 * ({@code agreement/agreement-reference.R}, output in {@code agreement-reference.csv}), and
 * against Bland & Altman's published worked example.
 */
class AgreementReferenceTest {
  static final double[] X = {-4.62, -3.10, -2.05, -5.00, -3.71, -4.20, -1.52, -2.88, -3.33,
      -4.95, -2.41, -3.96, -1.98, -4.48, -3.05, -2.67, -4.01, -3.55, -1.75, -2.30};
  static final double[] Y = {-4.51, -3.22, -2.10, -4.80, -3.60, -4.41, -1.49, -2.95, -3.20,
      -5.00, -2.38, -3.80, -2.05, -4.52, -3.11, -2.60, -3.88, -3.62, -1.70, -2.41};
  static final long[][] TABLE = {{21, 2, 0}, {3, 9, 1}, {0, 2, 12}};
  static Map<String, Double> r;

  @BeforeAll
  static void readReference() throws IOException {
    r = new HashMap<>();
    try (InputStream in = AgreementReferenceTest.class
        .getResourceAsStream("/agreement/agreement-reference.csv")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        String[] fields = line.split(",");
        if (!fields[0].equals("name")) {
          r.put(fields[0], Double.parseDouble(fields[1]));
        }
      }
    }
  }

  @Test
  void clopperPearsonEqualsRsBinomTest() {
    for (long[] kn : new long[][] {{12, 15}, {0, 10}, {10, 10}, {21, 23}}) {
      Interval ci = ClopperPearson.interval(kn[0], kn[1], 0.95);
      String key = "cp_" + kn[0] + "_" + kn[1];
      assertThat(ci.lower()).as(key).isCloseTo(r.get(key + "_lower"), within(1e-9));
      assertThat(ci.upper()).as(key).isCloseTo(r.get(key + "_upper"), within(1e-9));
      assertThat(ci.estimate()).isEqualTo((double) kn[0] / kn[1]);
    }
    assertThat(ClopperPearson.interval(0, 0, 0.95).estimate()).isNaN();
  }

  @Test
  void kappaAndItsFleissCohenEverittIntervalEqualR() {
    CohenKappa kappa = CohenKappa.of(TABLE, 0.95);
    assertThat(kappa.kappa()).isCloseTo(r.get("kappa"), within(1e-12));
    assertThat(kappa.standardError()).isCloseTo(r.get("kappa_se"), within(1e-12));
    assertThat(kappa.interval().lower()).isCloseTo(r.get("kappa_lower"), within(1e-9));
    assertThat(kappa.interval().upper()).isCloseTo(r.get("kappa_upper"), within(1e-9));
    // Perfect agreement on a diagonal table is kappa 1 with no spread.
    CohenKappa perfect = CohenKappa.of(new long[][] {{5, 0}, {0, 7}}, 0.95);
    assertThat(perfect.kappa()).isEqualTo(1.0);
    assertThat(perfect.standardError()).isEqualTo(0.0);
  }

  @Test
  void blandAltmanEqualsR() {
    BlandAltman ba = BlandAltman.fit(X, Y, 0.95);
    assertThat(ba.bias().estimate()).isCloseTo(r.get("ba_bias"), within(1e-12));
    assertThat(ba.standardDeviation()).isCloseTo(r.get("ba_sd"), within(1e-12));
    assertThat(ba.bias().lower()).isCloseTo(r.get("ba_bias_lower"), within(1e-9));
    assertThat(ba.bias().upper()).isCloseTo(r.get("ba_bias_upper"), within(1e-9));
    assertThat(ba.lowerLimit().estimate()).isCloseTo(r.get("ba_loa_lower"), within(1e-12));
    assertThat(ba.upperLimit().estimate()).isCloseTo(r.get("ba_loa_upper"), within(1e-12));
    assertThat(ba.lowerLimit().lower()).isCloseTo(r.get("ba_loa_lower_lower"), within(1e-9));
    assertThat(ba.lowerLimit().upper()).isCloseTo(r.get("ba_loa_lower_upper"), within(1e-9));
    assertThat(ba.upperLimit().lower()).isCloseTo(r.get("ba_loa_upper_lower"), within(1e-9));
    assertThat(ba.upperLimit().upper()).isCloseTo(r.get("ba_loa_upper_upper"), within(1e-9));
  }

  @Test
  void blandAltmanReproducesThePublishedPeakFlowExample() {
    // Bland & Altman 1986 (Lancet i:307), table 1: Wright vs mini Wright peak flow (l/min),
    // first measurements. Published: mean difference -2.1, SD 38.8, limits -79.7 to 75.5
    // (the 1986 paper used mean +- 2 SD; 1.96 SD is the usual choice and ours).
    double[] mini = {512, 430, 520, 428, 500, 600, 364, 380, 658, 445, 432, 626, 260, 477, 259,
        350, 451};
    double[] wright = {494, 395, 516, 434, 476, 557, 413, 442, 650, 433, 417, 656, 267, 478, 178,
        423, 427};
    BlandAltman ba = BlandAltman.fit(mini, wright, 0.95);
    assertThat(ba.bias().estimate()).isCloseTo(-2.1, within(0.05));
    assertThat(ba.standardDeviation()).isCloseTo(38.8, within(0.05));
    double bias = ba.bias().estimate();
    double sd = ba.standardDeviation();
    assertThat(bias - 2 * sd).isCloseTo(-79.7, within(0.1)); // published from rounded parts
    assertThat(bias + 2 * sd).isCloseTo(75.5, within(0.1));
    assertThat(ba.lowerLimit().estimate()).isEqualTo(bias - 1.96 * sd);
    assertThat(ba.upperLimit().estimate()).isEqualTo(bias + 1.96 * sd);
  }

  @Test
  void passingBablokEqualsR() {
    PassingBablok pb = PassingBablok.fit(X, Y, 0.95);
    assertThat(pb.slope().estimate()).isCloseTo(r.get("pb_slope"), within(1e-12));
    assertThat(pb.slope().lower()).isCloseTo(r.get("pb_slope_lower"), within(1e-12));
    assertThat(pb.slope().upper()).isCloseTo(r.get("pb_slope_upper"), within(1e-12));
    assertThat(pb.intercept().estimate()).isCloseTo(r.get("pb_intercept"), within(1e-12));
    assertThat(pb.intercept().lower()).isCloseTo(r.get("pb_intercept_lower"), within(1e-12));
    assertThat(pb.intercept().upper()).isCloseTo(r.get("pb_intercept_upper"), within(1e-12));
  }

  @Test
  void demingWithJackknifeIntervalsEqualsR() {
    DemingRegression deming = DemingRegression.fit(X, Y, 1, 0.95);
    assertThat(deming.slope().estimate()).isCloseTo(r.get("deming_slope"), within(1e-12));
    assertThat(deming.intercept().estimate())
        .isCloseTo(r.get("deming_intercept"), within(1e-12));
    assertThat(deming.slope().lower()).isCloseTo(r.get("deming_slope_lower"), within(1e-9));
    assertThat(deming.slope().upper()).isCloseTo(r.get("deming_slope_upper"), within(1e-9));
    assertThat(deming.intercept().lower())
        .isCloseTo(r.get("deming_intercept_lower"), within(1e-9));
    assertThat(deming.intercept().upper())
        .isCloseTo(r.get("deming_intercept_upper"), within(1e-9));
  }

  @Test
  void identicalMethodsGiveSlopeOneInterceptZeroBiasZero() {
    PassingBablok pb = PassingBablok.fit(X, X, 0.95);
    assertThat(pb.slope().estimate()).isEqualTo(1.0);
    assertThat(pb.intercept().estimate()).isEqualTo(0.0);
    assertThat(DemingRegression.fit(X, X, 1, 0.95).slope().estimate())
        .isCloseTo(1.0, within(1e-12));
    assertThat(BlandAltman.fit(X, X, 0.95).bias().estimate()).isEqualTo(0.0);
  }

  @Test
  void unpairedOrTooFewValuesAreInputErrors() {
    assertThatThrownBy(() -> BlandAltman.fit(new double[] {1, 2, 3}, new double[] {1, 2}, 0.95))
        .isInstanceOf(StatsInputException.class).hasMessageContaining("paired");
    assertThatThrownBy(() -> PassingBablok.fit(new double[] {1, 2}, new double[] {1, 2}, 0.95))
        .isInstanceOf(StatsInputException.class).hasMessageContaining("at least 3");
    assertThatThrownBy(() -> CohenKappa.of(new long[][] {{1, 2}}, 0.95))
        .isInstanceOf(StatsInputException.class).hasMessageContaining("square");
  }

  @Test
  void passingBablokWithTooFewPairsHasNaNBoundsNotEndSlopes() {
    // 5 pairs: C = 1.96 sqrt(5 * 4 * 15 / 18) = 8.0, M1 = round((10 - 8.0) / 2) = 1, M2 = 10.
    // Slopes: six of 1 and, to the last point, -1/4, -2/3, -3/2, -4, so K = 2 and the upper
    // rank M2 + K = 12 lies beyond the 10 slopes (R's S[12] is NA).
    PassingBablok pb = PassingBablok.fit(new double[] {1, 2, 3, 4, 5},
        new double[] {1, 2, 3, 4, 0}, 0.95);
    assertThat(pb.slope().estimate()).isEqualTo(1.0); // mean of ranks 5 + K and 6 + K
    assertThat(pb.slope().lower()).isCloseTo(-2.0 / 3, within(1e-15)); // rank 1 + K
    assertThat(pb.slope().upper()).isNaN();
    assertThat(pb.intercept().lower()).isNaN();
    assertThat(pb.intercept().upper()).isNaN();
  }

  @Test
  void samplesThatAreOnePointGiveUndefinedRegressionsNotACrash() {
    double[] same = {1e-3, 1e-3, 1e-3};
    MrdAgreement agreement = MrdAgreement.of(same, same, null, null, 0.95);
    assertThat(agreement.log10Pairs()).isEqualTo(3);
    assertThat(agreement.passingBablok().slope().estimate()).isNaN();
    assertThat(agreement.passingBablok().intercept().upper()).isNaN();
    assertThat(agreement.blandAltman().bias().estimate()).isEqualTo(0.0);
  }
}
