package org.mrdflow.models.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mrdflow.models.cohort.Cohort;
import org.mrdflow.models.cohort.CohortBuilder;
import org.mrdflow.models.cohort.CohortSettings;
import org.mrdflow.models.risk.RiskData;
import org.mrdflow.models.risk.RiskFeatures;
import org.mrdflow.models.risk.RiskSettings;
import org.mrdflow.models.simulate.CohortSimulator;
import org.mrdflow.models.simulate.SimulatedCohort;
import org.mrdflow.models.simulate.SimulationSettings;

/**
 * The demo of {@code mrdflow outcomes --simulate --seed 2020}: every model is scored on every
 * patient eligible at the landmark (none dropped for short follow-up), the Fine-Gray comparator
 * fits every cross-validation fold, and the report says how many patients were weighted and why.
 */
class OutcomesDemoCoxFoldsTest {

  @Test
  void everyEligiblePatientIsScoredAndTheWeightingIsReported() {
    SimulatedCohort sim = CohortSimulator.simulate(SimulationSettings.seed002(2020));
    Cohort cohort = CohortBuilder.build(sim.clinical(), sim.measurements(), CohortSettings.defaults());
    RiskData eligible = RiskFeatures.build(cohort, RiskSettings.defaults());

    OutcomesReport report = OutcomesAnalysis.run(cohort, OutcomesSettings.defaults(2020));

    // the numbers: 105 eligible at the landmark, 32 censored before the 2-year horizon
    assertThat(eligible.rows()).isEqualTo(105);
    assertThat(eligible.censoredBeforeHorizon()).isEqualTo(32);
    assertThat(report.riskModels()).extracting(OutcomeTables.RiskModelRow::model).contains("fine_gray_linear_predictor");
    assertThat(report.riskModels()).allSatisfy(m -> {
      assertThat(m.patients()).isEqualTo(105);
      assertThat(m.censoredBeforeHorizon()).isEqualTo(32);
      assertThat(m.completeCasePatients()).isEqualTo(73);
    });
    assertThat(report.outOfFold()).hasSize(4 * 10 * 105);
    assertThat(report.notes()).anyMatch(n -> n.startsWith("Risk models: 105 patients") && n.contains("32 censored before the horizon"));
    assertThat(report.notes()).noneMatch(n -> n.startsWith("Fine-Gray comparator of the risk models"));
  }
}
