package org.mrdflow.gating.mrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MrdRulesTest {
  private final MrdRules rules = MrdRules.DEFAULTS;

  /** Cases worked by hand from domain brief section 2 (LOD 20, LLOQ 50, threshold 1e-4). */
  @ParameterizedTest(name = "{1} blasts of {0} nucleated -> {2} {3}")
  @CsvSource({
    "500000, 50, POSITIVE, POSITIVE_ABOVE_THRESHOLD",
    "200000, 20, POSITIVE, POSITIVE_NOT_QUANTIFIABLE",
    "200000, 49, POSITIVE, POSITIVE_NOT_QUANTIFIABLE",
    "200001, 20, INDETERMINATE, LOW_LEVEL_POSITIVE_BELOW_THRESHOLD",
    "1000000, 99, INDETERMINATE, LOW_LEVEL_POSITIVE_BELOW_THRESHOLD",
    "40000, 19, INDETERMINATE, DETECTED_BELOW_LOD",
    "40000, 0, INDETERMINATE, INSUFFICIENT_SENSITIVITY",
    "199999, 0, INDETERMINATE, INSUFFICIENT_SENSITIVITY",
    "200000, 0, NEGATIVE, NOT_DETECTED",
    "300000, 19, NEGATIVE, NOT_DETECTED",
    "50000, 512, POSITIVE, POSITIVE_ABOVE_THRESHOLD"
  })
  void theCallFollowsTheReportingCategoriesOfTheDomainBrief(
      long nucleated, long blasts, MrdStatus status, MrdStatusReason reason) {
    MrdRules.MrdCall call = rules.call(nucleated, blasts);
    assertThat(call.status()).isEqualTo(status);
    assertThat(call.reason()).isEqualTo(reason);
    assertThat(call.fraction()).isEqualTo((double) blasts / nucleated);
    assertThat(call.sensitivity()).isEqualTo(20.0 / nucleated);
  }

  @Test
  void theThresholdAndLodAreConfigurable() {
    MrdRules strict = new MrdRules(10, 30, 1e-5, 0.95, 3.0);
    assertThat(strict.call(1_000_000, 10).status()).isEqualTo(MrdStatus.POSITIVE);
    assertThat(strict.call(1_000_000, 9).status()).isEqualTo(MrdStatus.NEGATIVE);
  }

  @Test
  void eligibilityNeedsNinetyFivePercentCd19PositiveBlastsAndIsUndefinedBelowTheLod() {
    assertThat(rules.car19Eligible(100, 0.95)).isTrue();
    assertThat(rules.car19Eligible(100, 0.949)).isFalse();
    assertThat(rules.car19Eligible(19, 1.0)).isNull();
    assertThat(rules.car19Eligible(0, Double.NaN)).isNull();
  }

  @Test
  void bCellAplasiaIsBelowThreePercentOfLymphocytes() {
    assertThat(rules.bCellAplasia(1000, 29)).isTrue();
    assertThat(rules.bCellAplasia(1000, 30)).isFalse();
    assertThat(rules.bCellAplasia(0, 0)).isNull();
  }

  @Test
  void inconsistentCountsAndRulesAreRejected() {
    assertThatThrownBy(() -> rules.call(10, 11)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MrdRules(50, 20, 1e-4, 0.95, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LOD");
  }

  /** Fail closed (issue 10): a NEGATIVE that rests on something unmet is INDETERMINATE. */
  @Test
  void aNegativeWithAnUnmetPreconditionIsIndeterminateWithTheMostSeriousReason() {
    MrdRules.MrdCall negative = rules.call(300_000, 0);
    assertThat(negative.status()).isEqualTo(MrdStatus.NEGATIVE);
    MrdRules.MrdCall closed = rules.failClosed(negative,
        List.of(MrdStatusReason.HEMODILUTED, MrdStatusReason.UNCOMPENSATED,
            MrdStatusReason.REFERENCE_MISSING));
    assertThat(closed.status()).isEqualTo(MrdStatus.INDETERMINATE);
    assertThat(closed.reason()).isEqualTo(MrdStatusReason.UNCOMPENSATED);
    assertThat(closed.fraction()).isEqualTo(0.0);
    assertThat(closed.sensitivity()).isEqualTo(20.0 / 300_000);
    assertThat(rules.failClosed(negative, List.of(MrdStatusReason.HEMODILUTED,
        MrdStatusReason.CALIBRATION_FAILED)).reason())
        .isEqualTo(MrdStatusReason.CALIBRATION_FAILED);
    assertThat(rules.failClosed(negative, List.of())).isEqualTo(negative);
  }

  @Test
  void failingClosedKeepsPositiveAndIndeterminateCalls() {
    MrdRules.MrdCall positive = rules.call(100_000, 500);
    MrdRules.MrdCall lowCells = rules.call(40_000, 0);
    List<MrdStatusReason> unmet = List.of(MrdStatusReason.UNCOMPENSATED);
    assertThat(rules.failClosed(positive, unmet)).isEqualTo(positive);
    assertThat(rules.failClosed(lowCells, unmet).reason())
        .isEqualTo(MrdStatusReason.INSUFFICIENT_SENSITIVITY);
    assertThatThrownBy(() -> rules.failClosed(rules.call(300_000, 0),
        List.of(MrdStatusReason.NOT_DETECTED))).isInstanceOf(IllegalArgumentException.class);
  }
}
