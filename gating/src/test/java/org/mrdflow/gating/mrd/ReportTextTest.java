package org.mrdflow.gating.mrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportTextTest {

  /** Every public FLAG_ constant of the classes that raise QC flags in this module. */
  private static List<String> flagConstants() throws IllegalAccessException {
    List<String> flags = new ArrayList<>();
    for (Class<?> owner : List.of(MrdAnalysis.class, SampleQuality.class)) {
      for (Field f : owner.getDeclaredFields()) {
        if (f.getName().startsWith("FLAG_") && Modifier.isStatic(f.getModifiers())
            && f.getType() == String.class) {
          flags.add((String) f.get(null));
        }
      }
    }
    return flags;
  }

  @Test
  void everyQcFlagOfTheAnalysisHasItsOwnSentence() throws IllegalAccessException {
    List<String> flags = flagConstants();
    assertThat(flags).hasSizeGreaterThanOrEqualTo(13);
    Set<String> sentences = new HashSet<>();
    for (String flag : flags) {
      assertThat(ReportText.describedFlags()).as(flag).contains(flag);
      String sentence = ReportText.flag(flag);
      assertThat(sentence).as(flag).doesNotStartWith("QC flag ").hasSizeGreaterThan(30)
          .endsWith(".");
      sentences.add(sentence);
    }
    assertThat(sentences).as("one sentence per flag").hasSameSizeAs(flags);
  }

  @Test
  void anUnknownFlagIsShownAsItsCodeRatherThanDropped() {
    assertThat(ReportText.flag("from-a-newer-pipeline")).contains("from-a-newer-pipeline");
    assertThat(ReportText.failure("NEW_CODE")).contains("NEW_CODE");
  }

  @Test
  void everyStatusReasonHasItsOwnSentenceQuotingTheRulesNumbers() {
    MrdRules rules = new MrdRules(25, 60, 1e-4, 0.95, 3.0);
    Set<String> sentences = new HashSet<>();
    for (MrdStatusReason reason : MrdStatusReason.values()) {
      String sentence = ReportText.reason(reason, rules);
      assertThat(sentence).as(reason.name()).doesNotContain("_").endsWith(".");
      sentences.add(sentence);
    }
    assertThat(sentences).hasSize(MrdStatusReason.values().length);
    assertThat(ReportText.reason(MrdStatusReason.POSITIVE_NOT_QUANTIFIABLE, rules))
        .contains("0.01 %", "60 events");
    assertThat(ReportText.reason(MrdStatusReason.NOT_DETECTED, rules)).contains("25 events");
  }

  /** Percentages with two significant digits, as a cytometrist writes them; worked by hand. */
  @ParameterizedTest(name = "{0} -> {1} %")
  @CsvSource({
    "0.0092, 0.92",
    "9.19e-3, 0.92",
    "9.6e-5, 0.0096",
    "1e-4, 0.01",
    "0.43, 43",
    "1.0, 100",
    "4.6e-7, 0.000046"
  })
  void fractionsArePercentagesWithTwoSignificantDigitsAndNoExponent(double fraction,
      String percent) {
    assertThat(ReportText.percent(fraction)).isEqualTo(percent);
  }

  @Test
  void aNegativeSampleReadsAsBelowItsSensitivityAndAPositiveAsItsLevel() {
    MrdResult negative = result(MrdStatus.NEGATIVE, MrdStatusReason.NOT_DETECTED, 3, 217_391);
    MrdResult positive = result(MrdStatus.POSITIVE, MrdStatusReason.POSITIVE_ABOVE_THRESHOLD,
        1_759, 191_400);
    assertThat(ReportText.mrd(negative)).isEqualTo("< 0.0092 %");
    assertThat(ReportText.mrd(positive)).isEqualTo("0.92 %");
    assertThat(ReportText.status(MrdStatus.INDETERMINATE)).isEqualTo("MRD indeterminate");
  }

  @ParameterizedTest(name = "{0} / {1} / \"{2}\" -> {3}")
  @CsvSource(delimiter = '|', value = {
    "CD19 | FL5-A | CD19 PE-Cy7 | CD19 PE-Cy7 (FL5-A)",
    "CD19 | FL5-A | PE-Cy7 | CD19 PE-Cy7 (FL5-A)",
    "CD19 | FL5-A | '' | CD19 (FL5-A)",
    "CD10 | PE-A | cd10-pe | cd10-pe (PE-A)",
    "SSC-A | SSC-A | '' | SSC-A"
  })
  void anAxisIsTitledWithMarkerStainAndChannel(String marker, String channel, String stain,
      String title) {
    assertThat(MrdPlots.axisTitle(marker, channel, stain)).isEqualTo(title);
  }

  private static MrdResult result(MrdStatus status, MrdStatusReason reason, long blasts,
      long nucleated) {
    return new MrdResult(nucleated, blasts, (double) blasts / nucleated, status, reason,
        20.0 / nucleated, 20, 50, 0, Double.NaN, null, 0, 0, Double.NaN, null, 0, false,
        List.of(), "s", "h", List.of(), List.of(), 0, 0, 0, 0, 0, null, "file");
  }
}
