package org.mrdflow.simulation.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.fcs.FcsFile;
import org.mrdflow.gating.events.FcsEvents;
import org.mrdflow.gating.mrd.MrdAnalysis;
import org.mrdflow.gating.mrd.MrdAnalysisConfig;
import org.mrdflow.gating.mrd.MrdStatus;
import org.mrdflow.gating.mrd.MrdStatusReason;
import org.mrdflow.gating.mrd.SampleQuality;
import org.mrdflow.gating.strategy.PopulationResult;
import org.mrdflow.simulation.SimulationTruth;

/**
 * Two blast-free regenerating marrows of the independent generator (../shared/mrdsim, from
 * {@code mrdsim/normal-tails.json} with its realworld-dev instrument profiles; skipped without
 * it or without python3 + numpy) that the blast arms called POSITIVE from normal cells' tails.
 * Both truths are NEGATIVE with no blast.
 */
class NormalTailsTest {
  private static final String BIG_DIVA = "big-diva-regen-hg13";
  private static final String STALE_MATRIX = "rwz-canto-stale15-regen-hg10";
  private static final MrdAnalysis ANALYSIS = new MrdAnalysis(MrdAnalysisConfig.defaults());

  @TempDir static Path dir;

  @BeforeAll
  static void generate() throws IOException, InterruptedException {
    Path mrdsim = Mrdsim.home();
    String config;
    try (InputStream in = NormalTailsTest.class.getResourceAsStream("/mrdsim/normal-tails.json")) {
      config = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("PROFILES",
          mrdsim.resolve("configs/realworld-dev/profiles").toAbsolutePath().toString());
    }
    Path configFile = Files.writeString(dir.resolve("normal-tails.json"), config);
    Mrdsim.generate(mrdsim, configFile.toString(), dir, null);
  }

  private static MrdAnalysis.SampleAnalysis analyse(String id) throws IOException {
    assertThat(SimulationTruth.read(dir.resolve(id + ".truth.json")).calls().blasts())
        .isZero();
    try (FcsFile file = FcsFile.open(dir.resolve(id + ".fcs"), FcsEvents.SCALE)) {
      return ANALYSIS.analyzeWithEvents(file.first(), id);
    }
  }

  /**
   * 1,000,000 nucleated cells, 13 % hematogones: the seed rule (score > 4) takes 20 events from
   * the tails of neutrophils, hematogones and early lymphoid progenitors, a rate normal
   * candidates give (60,000 of them here). Grown within their wide ellipsoid they became 116
   * events and MRD 1.2e-4, POSITIVE. Seeds no more than the 99.9 % Poisson quantile of the
   * background (48) are not grown: no POSITIVE, MRD below 1e-4; and being no more than normal
   * tails give, they state no CAR19 eligibility (such tails of a blind Canto marrow were called
   * eligible).
   */
  @Test
  void seedsFromTheTailsOfAMillionNormalCellsAreNotGrownIntoAClone() throws IOException {
    MrdAnalysis.SampleAnalysis s = analyse(BIG_DIVA);
    PopulationResult cluster = s.gating().population("blast-cluster");
    PopulationResult seeds = s.gating().population("blast-seeds");

    assertThat(seeds.events().cardinality()).isBetween(10, 48);
    assertThat(cluster.landmarks().get("seed-background-max")).isEqualTo(48.0);
    assertThat(cluster.events().cardinality()).isEqualTo(seeds.events().cardinality());
    assertThat(s.result().mrdStatus()).isNotEqualTo(MrdStatus.POSITIVE);
    assertThat(s.result().mrdFraction()).isLessThan(1e-4);
    assertThat(s.result().qcFlags()).contains(MrdAnalysis.FLAG_BLASTS_WITHIN_NORMAL_TAILS);
    assertThat(s.result().hcd19CarEligible()).isNull();
  }

  /**
   * A Canto marrow written with a matrix 15 % off: spillover left in CD19 lifts 60 CD34+
   * myeloid progenitors just over the normal-B CD19 cut, and the pro-B arm called them a
   * CD10-negative clone (64 blasts, POSITIVE at 3e-4, CAR19 eligible). Their CD19 median is
   * 0.9 of their own SDs above the cut, a tail piled up at it, not a clone at the B level: no
   * pro-B blasts, and the calibration flag keeps the NEGATIVE from being called.
   */
  @Test
  void progenitorsLiftedToTheCd19CutBySpilloverAreACalibrationFlagNotAClone()
      throws IOException {
    MrdAnalysis.SampleAnalysis s = analyse(STALE_MATRIX);

    assertThat(s.gating().population("pro-b-blasts").events().cardinality()).isZero();
    assertThat(s.gating().population("pro-b-blasts").landmarks().get("cd19-edge-spreads"))
        .isLessThan(2.0);
    assertThat(s.result().qcFlags()).contains(SampleQuality.FLAG_CD19_SPILLOVER_TAIL);
    assertThat(s.result().mrdStatus()).isEqualTo(MrdStatus.INDETERMINATE);
    assertThat(s.result().statusReason()).isEqualTo(MrdStatusReason.CALIBRATION_FAILED);
  }
}
