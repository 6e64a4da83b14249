package org.mrdflow.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TruthRulesTest {

  static java.util.List<Path> mrdsimTruthFiles() {
    return SharedMrdsim.truthFiles();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mrdsimTruthFiles")
  void theRulesApplied_toMrdsimPopulationCountsGiveTheCallsMrdsimRecorded(Path truthFile) throws IOException {
    SimulationTruth truth = SimulationTruth.read(truthFile);

    TruthRules.Calls calls = TruthRules.apply(truth.countsByPopulation());

    assertThat(calls.nucleatedSinglets()).isEqualTo(truth.calls().nucleatedSinglets());
    assertThat(calls.blasts()).isEqualTo(truth.calls().blasts());
    assertThat(calls.blastsCd19pos()).isEqualTo(truth.calls().blastsCd19pos());
    assertThat(calls.mrdCategory()).isEqualTo(truth.calls().mrdCategory());
    assertThat(calls.mrdCategoryReason()).isEqualTo(truth.calls().mrdCategoryReason());
    assertThat(calls.mrdFraction()).isCloseTo(truth.calls().mrdFraction(), within(1e-15));
    assertThat(calls.achievedSensitivity()).isCloseTo(truth.calls().achievedSensitivity(), within(1e-15));
    assertThat(calls.blastsQuantifiableGeLloq()).isEqualTo(truth.calls().blastsQuantifiableGeLloq());
    assertThat(calls.cd19posFractionOfBlasts()).isEqualTo(truth.calls().cd19posFractionOfBlasts());
    assertThat(calls.car19Eligible()).isEqualTo(truth.calls().car19Eligible());
    assertThat(calls.car19Evaluable()).isEqualTo(truth.calls().car19Evaluable());
    assertThat(calls.hematogones()).isEqualTo(truth.calls().hematogones());
    assertThat(calls.matureB()).isEqualTo(truth.calls().matureB());
    assertThat(calls.lymphocytes()).isEqualTo(truth.calls().lymphocytes());
    assertThat(calls.bPctOfLymphocytes()).isCloseTo(truth.calls().bPctOfLymphocytes(), within(1e-12));
    assertThat(calls.bCellAplasia()).isEqualTo(truth.calls().bCellAplasia());
  }

  /** Boundaries worked out by hand from the rule text (10000 B >= N, LOD 20, N >= 200,000). */
  @ParameterizedTest(name = "B={0} N={1} -> {2} {3}")
  @CsvSource({
    "20, 200000, POSITIVE, BLASTS_GE_LOD_AND_GE_0.01PCT",
    "20, 200001, INDETERMINATE, LOW_LEVEL_POSITIVE_BELOW_0.01PCT",
    "19, 100000, INDETERMINATE, DETECTED_BELOW_LOD",
    "1, 300000, INDETERMINATE, DETECTED_BELOW_LOD",
    "0, 200000, NEGATIVE, NO_BLASTS_SENSITIVITY_0.01PCT_REACHED",
    "0, 199999, INDETERMINATE, INSUFFICIENT_SENSITIVITY",
    "50, 40000, POSITIVE, BLASTS_GE_LOD_AND_GE_0.01PCT"
  })
  void theMrdCategoryBoundariesFallWhereTheRulesPutThem(
      long blasts, long nucleated, String category, String reason) {
    Map<Population, Long> counts = new EnumMap<>(Population.class);
    counts.put(Population.BLAST_CD19POS, blasts);
    counts.put(Population.NEUTROPHIL_MATURE, nucleated - blasts);
    counts.put(Population.DEBRIS, 5000L);
    counts.put(Population.DOUBLET, 700L);

    TruthRules.Calls calls = TruthRules.apply(counts);

    assertThat(calls.nucleatedSinglets()).isEqualTo(nucleated);
    assertThat(calls.mrdCategory()).isEqualTo(category);
    assertThat(calls.mrdCategoryReason()).isEqualTo(reason);
  }

  @ParameterizedTest(name = "CD19+ {0} of {1} blasts -> eligible {2}")
  @CsvSource({"95, 100, true", "94, 100, false", "0, 30, false", "0, 0, "})
  void car19EligibilityNeedsAtLeast95PercentCd19PositiveBlasts(long pos, long all, Boolean eligible) {
    Map<Population, Long> counts = new EnumMap<>(Population.class);
    counts.put(Population.BLAST_CD19POS, pos);
    counts.put(Population.BLAST_CD19NEG, all - pos);
    counts.put(Population.T, 100_000L);

    assertThat(TruthRules.apply(counts).car19Eligible()).isEqualTo(eligible);
  }

  @ParameterizedTest(name = "{0} B of {1} lymphocytes -> aplasia {2}")
  @CsvSource({"3, 100, false", "2, 100, true", "0, 100, true"})
  void bCellAplasiaIsFewerThanThreePercentBCellsAmongLymphocytes(long b, long lymphocytes, boolean aplasia) {
    Map<Population, Long> counts = new EnumMap<>(Population.class);
    counts.put(Population.MATURE_B, b);
    counts.put(Population.T, lymphocytes - b);
    // Plasma cells and blasts are not lymphocytes here.
    counts.put(Population.PLASMA, 50L);
    counts.put(Population.BLAST_CD19POS, 50L);

    TruthRules.Calls calls = TruthRules.apply(counts);

    assertThat(calls.lymphocytes()).isEqualTo(lymphocytes);
    assertThat(calls.bCellAplasia()).isEqualTo(aplasia);
  }
}
