package org.mrdflow.models.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MrdAgreementTest {
  @Test
  void categoriesTableAndPercentAgreementsCountedByHand() {
    // reference:  0,    5e-5, 2e-4, 1e-3, 3e-5, NaN (not evaluable), 0
    // test:       0,    8e-5, 9e-5, 2e-3, 0,    1e-4,                2e-5
    double[] reference = {0, 5e-5, 2e-4, 1e-3, 3e-5, Double.NaN, 0};
    double[] test = {0, 8e-5, 9e-5, 2e-3, 0, 1e-4, 2e-5};
    Boolean[] refEligible = {null, true, true, false, null, true, null};
    Boolean[] testEligible = {null, true, false, false, true, null, null};
    MrdAgreement agreement = MrdAgreement.of(reference, test, refEligible, testEligible, 0.95);
    assertThat(agreement.table()).isEqualTo(new long[][] {{1, 1, 0}, {1, 1, 0}, {0, 1, 1}});
    // PPA: 1 of 2 reference positives; NPA: 4 of 4 reference negatives stay below 1e-4.
    assertThat(agreement.positiveAgreement().estimate()).isEqualTo(0.5);
    assertThat(agreement.negativeAgreement().estimate()).isEqualTo(1.0);
    assertThat(agreement.positiveAgreement())
        .isEqualTo(ClopperPearson.interval(1, 2, 0.95));
    // Both detected: (5e-5, 8e-5), (2e-4, 9e-5), (1e-3, 2e-3): 3 log10 pairs.
    assertThat(agreement.log10Pairs()).isEqualTo(3);
    assertThat(agreement.blandAltman().bias().estimate()).isEqualTo(
        BlandAltman.fit(new double[] {Math.log10(5e-5), Math.log10(2e-4), Math.log10(1e-3)},
            new double[] {Math.log10(8e-5), Math.log10(9e-5), Math.log10(2e-3)}, 0.95)
            .bias().estimate());
    assertThat(agreement.eligibilityJudged()).isEqualTo(3);
    assertThat(agreement.eligibilityAgreed()).isEqualTo(2);
    assertThat(agreement.kappa().kappa()).isEqualTo(CohenKappa.of(agreement.table(), 0.95).kappa());
  }
}
