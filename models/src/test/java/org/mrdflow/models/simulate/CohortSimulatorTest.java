package org.mrdflow.models.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mrdflow.models.cohort.Cohort;
import org.mrdflow.models.cohort.CohortBuilder;
import org.mrdflow.models.cohort.CohortPatient;
import org.mrdflow.models.cohort.CohortSettings;
import org.mrdflow.models.cohort.CompetingOutcome;
import org.mrdflow.models.cohort.PreTransplantGroup;

class CohortSimulatorTest {

  @Test
  void theDemoCohortHasThePublishedGroupSizes() {
    Cohort cohort = build(SimulationSettings.seed002(2020));
    Map<PreTransplantGroup, Long> sizes =
        cohort.patients().stream().collect(Collectors.groupingBy(CohortPatient::group, Collectors.counting()));
    // Paper 002: 67 without transplant, 15 MRD-positive and 40 MRD-negative before HSCT.
    assertThat(sizes)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                PreTransplantGroup.NO_TRANSPLANT, 67L,
                PreTransplantGroup.MRD_POSITIVE, 15L,
                PreTransplantGroup.MRD_NEGATIVE, 40L));
    assertThat(cohort.unmatchedMeasurements()).isEmpty();
  }

  @Test
  void theSameSeedGivesTheSameCohortAndAnotherSeedAnotherOne() {
    SimulatedCohort a = CohortSimulator.simulate(SimulationSettings.seed002(7));
    SimulatedCohort b = CohortSimulator.simulate(SimulationSettings.seed002(7));
    SimulatedCohort c = CohortSimulator.simulate(SimulationSettings.seed002(8));
    assertThat(a.clinical()).isEqualTo(b.clinical());
    assertThat(a.measurements()).hasSameSizeAs(b.measurements());
    assertThat(a.clinical()).isNotEqualTo(c.clinical());
  }

  /**
   * With follow-up beyond 2 years for everyone, 2-year LFS and CIR are binomial proportions: each
   * group's estimate must lie within 4 binomial standard errors, sqrt(p (1 - p) / n), of paper
   * 002's Table 3 (a 4-SE band is exceeded by chance with probability 6e-5 per comparison).
   */
  @Test
  void twoYearRatesOfALargeCohortMatchThePublishedTargets() {
    SimulationSettings settings =
        new SimulationSettings(60_000, 11, 800, 1500, SimulationSettings.SEED_002_TARGETS);
    Cohort cohort = build(settings);
    for (GroupTarget target : SimulationSettings.SEED_002_TARGETS) {
      List<CohortPatient> group = cohort.group(target.group());
      int n = group.size();
      double leukemiaFree =
          group.stream().filter(p -> !(p.fromInfusion().leukemiaFree().event()
              && p.fromInfusion().leukemiaFree().days() <= 730)).count() / (double) n;
      double relapsed =
          group.stream().filter(p -> p.fromInfusion().relapseOrNonRelapseDeath().cause() == CompetingOutcome.RELAPSE
              && p.fromInfusion().relapseOrNonRelapseDeath().days() <= 730).count() / (double) n;
      double seLfs = Math.sqrt(target.leukemiaFree2y() * (1 - target.leukemiaFree2y()) / n);
      double seCir = Math.sqrt(target.relapse2y() * (1 - target.relapse2y()) / n);
      assertThat(leukemiaFree).as("2-year LFS of %s", target.group()).isCloseTo(target.leukemiaFree2y(), within(4 * seLfs));
      assertThat(relapsed).as("2-year CIR of %s", target.group()).isCloseTo(target.relapse2y(), within(4 * seCir));
    }
  }

  @Test
  void everyTransplantedPatientHasAPreTransplantMarrowWithinAWeek() {
    Cohort cohort = build(SimulationSettings.seed002(3));
    assertThat(cohort.group(PreTransplantGroup.MRD_UNKNOWN)).isEmpty();
    for (CohortPatient p : cohort.patients()) {
      if (p.preTransplantMarrow() != null) {
        assertThat(p.preTransplantMarrow().collectionDate())
            .isBetween(p.clinical().transplantDate().minusDays(7), p.clinical().transplantDate());
      }
    }
  }

  private static Cohort build(SimulationSettings settings) {
    SimulatedCohort sim = CohortSimulator.simulate(settings);
    return CohortBuilder.build(sim.clinical(), sim.measurements(), CohortSettings.defaults());
  }
}
