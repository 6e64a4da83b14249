package org.mrdflow.models.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mrdflow.models.cohort.Cohort;
import org.mrdflow.models.cohort.CohortBuilder;
import org.mrdflow.models.cohort.CohortPatient;
import org.mrdflow.models.cohort.CohortSettings;
import org.mrdflow.models.cohort.CompetingOutcome;
import org.mrdflow.models.cohort.PreTransplantGroup;
import org.mrdflow.models.outcomes.OutcomeTables.EstimateRow;
import org.mrdflow.models.risk.CrossValidationSettings;
import org.mrdflow.models.risk.RiskSettings;
import org.mrdflow.models.simulate.CohortSimulator;
import org.mrdflow.models.simulate.SimulatedCohort;
import org.mrdflow.models.simulate.SimulationSettings;

class OutcomesAnalysisTest {

  static Cohort cohort;
  static OutcomesReport report;

  /** 600 patients all followed beyond 2 years: no censoring before 24 months. */
  @BeforeAll
  static void analyse() {
    SimulatedCohort sim =
        CohortSimulator.simulate(new SimulationSettings(600, 17, 760, 1400, SimulationSettings.SEED_002_TARGETS));
    cohort = CohortBuilder.build(sim.clinical(), sim.measurements(), CohortSettings.defaults());
    report =
        OutcomesAnalysis.run(
            cohort,
            new OutcomesSettings(CohortSettings.defaults(), RiskSettings.defaults(), new CrossValidationSettings(3, 2, 5, 4), 5, true));
  }

  private static EstimateRow estimate(String analysis, String endpoint, PreTransplantGroup group, double months) {
    return report.estimates().stream()
        .filter(e -> e.analysis().equals(analysis) && e.endpoint().equals(endpoint) && e.groupLabel().equals(group.label())
            && e.months() == months)
        .findFirst()
        .orElseThrow();
  }

  /**
   * Without censoring before 24 months, Kaplan-Meier LFS at 24 months is the fraction still
   * event-free, and the Aalen-Johansen incidence of relapse the fraction relapsed (24 months =
   * 730.5 days, so day 730 is inside).
   */
  @Test
  void twoYearEstimatesEqualTheEmpiricalFractionsWithoutCensoring() {
    for (PreTransplantGroup g : List.of(PreTransplantGroup.NO_TRANSPLANT, PreTransplantGroup.MRD_POSITIVE, PreTransplantGroup.MRD_NEGATIVE)) {
      List<CohortPatient> group = cohort.group(g);
      double eventFree = group.stream().filter(p -> !(p.fromInfusion().leukemiaFree().event() && p.fromInfusion().leukemiaFree().days() <= 730)).count();
      double relapsed = group.stream().filter(p -> p.fromInfusion().relapseOrNonRelapseDeath().cause() == CompetingOutcome.RELAPSE
          && p.fromInfusion().relapseOrNonRelapseDeath().days() <= 730).count();
      assertThat(estimate("infusion", "LFS", g, 24).estimate()).isCloseTo(eventFree / group.size(), within(1e-12));
      assertThat(estimate("infusion", "CIR", g, 24).estimate()).isCloseTo(relapsed / group.size(), within(1e-12));
      assertThat(estimate("infusion", "LFS", g, 24).patients()).isEqualTo(group.size());
    }
  }

  @Test
  void groupsAreComparedOverallAndPairwise() {
    // LFS, OS (log-rank) and CIR, NRM (Gray) from infusion: 1 overall + 3 pairwise each.
    assertThat(report.tests().stream().filter(t -> t.analysis().equals("infusion"))).hasSize(16);
    assertThat(report.tests()).allSatisfy(t -> assertThat(t.p()).isBetween(0.0, 1.0));
  }

  @Test
  void theMultivariableModelOfThePaperIsFitted() {
    assertThat(report.coefficients().stream().filter(c -> c.model().equals("Cox multivariable") && c.endpoint().equals("LFS")))
        .extracting(OutcomeTables.CoefficientRow::term)
        .containsExactly("mrd_positive_before_hsct", "age_at_least_40", "more_than_one_prior_relapse");
    // The simulation multiplies the hazard by 3 for age >= 40: the estimate must lie above 1.
    assertThat(report.coefficients().stream()
        .filter(c -> c.model().equals("Cox multivariable") && c.endpoint().equals("LFS") && c.term().equals("age_at_least_40"))
        .findFirst().orElseThrow().lower()).isGreaterThan(1);
  }

  @Test
  void everyRiskModelIsCrossValidatedAndComparedWithFineGray() {
    assertThat(report.riskModels()).extracting(OutcomeTables.RiskModelRow::model)
        .containsExactly("logistic_regression", "random_forest", "gradient_boosting", "fine_gray_linear_predictor");
    assertThat(report.riskModels()).allSatisfy(m -> {
      assertThat(m.auc()).isBetween(m.aucLower(), m.aucUpper());
      assertThat(m.concordance()).isBetween(0.0, 1.0);
    });
    assertThat(report.models()).containsOnlyKeys("logistic_regression", "random_forest", "gradient_boosting");
    assertThat(report.figures()).containsKeys("lfs_by_group", "os_by_group", "cir_by_group", "nrm_by_group", "lfs_from_transplant");
  }
}
