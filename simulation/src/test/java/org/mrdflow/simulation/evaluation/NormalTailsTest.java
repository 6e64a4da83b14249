package org.mrdflow.simulation.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.fcs.FcsFile;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.events.FcsEvents;
import org.mrdflow.gating.mrd.MrdAnalysis;
import org.mrdflow.gating.mrd.MrdAnalysisConfig;
import org.mrdflow.gating.mrd.MrdStatus;
import org.mrdflow.gating.mrd.MrdStatusReason;
import org.mrdflow.gating.mrd.SampleQuality;
import org.mrdflow.gating.strategy.PopulationResult;
import org.mrdflow.simulation.Population;
import org.mrdflow.simulation.SimulationTruth;

/**
 * Marrows of the independent generator (../shared/mrdsim; skipped without it or without python3
 * + numpy) where the blast arms took normal cells' tails for blasts: two blast-free regenerating
 * marrows called POSITIVE ({@code mrdsim/normal-tails.json}, realworld-dev instrument profiles;
 * truth NEGATIVE, no blast), and a clone near 1e-4 beside many hematogones whose MRD read double
 * ({@code mrdsim/hematogone-rich.json}, dev profiles).
 */
class NormalTailsTest {
  private static final String BIG_DIVA = "big-diva-regen-hg13";
  private static final String STALE_MATRIX = "rwz-canto-stale15-regen-hg10";
  private static final String HEMATOGONE_RICH = "big2-canto-regen-hg13-A-1.2e-4";
  private static final MrdAnalysis ANALYSIS = new MrdAnalysis(MrdAnalysisConfig.defaults());

  @TempDir static Path dir;

  @BeforeAll
  static void generate() throws IOException, InterruptedException {
    Path mrdsim = Mrdsim.home();
    generate(mrdsim, "normal-tails.json", "configs/realworld-dev/profiles");
    generate(mrdsim, "hematogone-rich.json", "configs/dev/profiles");
  }

  private static void generate(Path mrdsim, String config, String profiles)
      throws IOException, InterruptedException {
    String text;
    try (InputStream in = NormalTailsTest.class.getResourceAsStream("/mrdsim/" + config)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("PROFILES",
          mrdsim.resolve(profiles).toAbsolutePath().toString());
    }
    Path configFile = Files.writeString(dir.resolve(config), text);
    Mrdsim.generate(mrdsim, configFile.toString(), dir, null);
  }

  private static MrdAnalysis.SampleAnalysis analyse(String id) throws IOException {
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
    assertThat(SimulationTruth.read(dir.resolve(BIG_DIVA + ".truth.json")).calls().blasts())
        .isZero();
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
    assertThat(SimulationTruth.read(dir.resolve(STALE_MATRIX + ".truth.json")).calls().blasts())
        .isZero();
    MrdAnalysis.SampleAnalysis s = analyse(STALE_MATRIX);

    assertThat(s.gating().population("pro-b-blasts").events().cardinality()).isZero();
    assertThat(s.gating().population("pro-b-blasts").landmarks().get("cd19-edge-spreads"))
        .isLessThan(2.0);
    assertThat(s.result().qcFlags()).contains(SampleQuality.FLAG_CD19_SPILLOVER_TAIL);
    assertThat(s.result().mrdStatus()).isEqualTo(MrdStatus.INDETERMINATE);
    assertThat(s.result().statusReason()).isEqualTo(MrdStatusReason.CALIBRATION_FAILED);
  }

  /**
   * Archetype A (CD34+, CD10 bright: beside hematogone I) at 1.2e-4, 124 blasts in 1,000,000
   * cells with 13 % hematogones: its 114 seed blasts were rightly grown, but inside their
   * ellipsoid the tails of 38,000 hematogone I cells (normal CD38, CD45 a little dimmer than the
   * progenitors') outnumbered the clone's own dim tail, and the grown cluster took 113 of them:
   * 246 blasts, MRD 2.4e-4 (+96 %). Beside ten times more normal candidates than the clone,
   * joiners must now be more likely the clone's than the normal candidates' (per event, against
   * the labels): at most 25 normal events among the blasts, MRD within the 35 % of 1e-4.
   */
  @Test
  void aCloneBesideManyHematogonesDoesNotGrowIntoTheirTails() throws IOException {
    SimulationTruth truth = SimulationTruth.read(dir.resolve(HEMATOGONE_RICH + ".truth.json"));
    MrdAnalysis.SampleAnalysis s = analyse(HEMATOGONE_RICH);
    byte[] labels = truth.labels();
    EventMask blasts = s.gates().blasts();
    int normalAmongBlasts = 0;
    for (int i : blasts.indices()) {
      Population p = Population.ofCode(labels[i] & 0xff);
      if (p == null || !p.isBlast()) {
        normalAmongBlasts++;
      }
    }

    assertThat(truth.calls().blasts()).isEqualTo(124);
    assertThat(s.gating().population("blast-cluster").landmarks().get("normal-reference"))
        .isGreaterThan(10.0 * blasts.cardinality());
    assertThat(normalAmongBlasts).isLessThanOrEqualTo(25);
    assertThat(s.result().mrdFraction())
        .isCloseTo(truth.calls().mrdFraction(), within(0.35 * truth.calls().mrdFraction()));
    assertThat(s.result().mrdStatus()).isEqualTo(MrdStatus.POSITIVE);
  }
}
