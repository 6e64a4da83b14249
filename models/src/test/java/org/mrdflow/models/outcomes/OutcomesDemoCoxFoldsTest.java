package org.mrdflow.models.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mrdflow.models.cohort.Cohort;
import org.mrdflow.models.cohort.CohortBuilder;
import org.mrdflow.models.cohort.CohortSettings;
import org.mrdflow.models.simulate.CohortSimulator;
import org.mrdflow.models.simulate.SimulatedCohort;
import org.mrdflow.models.simulate.SimulationSettings;

/**
 * The demo of {@code mrdflow outcomes --simulate --seed 2020}: in some cross-validation folds the
 * Cox comparator's 5-term design has a coefficient that diverges (separation in a small fold).
 * Such a fold must be fitted on the full design, converging as coxph does, instead of failing.
 */
class OutcomesDemoCoxFoldsTest {

  @Test
  void everyCrossValidationFoldOfTheDemoFitsTheFullCoxDesign() {
    SimulatedCohort sim = CohortSimulator.simulate(SimulationSettings.seed002(2020));
    Cohort cohort = CohortBuilder.build(sim.clinical(), sim.measurements(), CohortSettings.defaults());

    OutcomesReport report = OutcomesAnalysis.run(cohort, OutcomesSettings.defaults(2020));

    assertThat(report.riskModels()).extracting(OutcomeTables.RiskModelRow::model).contains("cox_linear_predictor");
    assertThat(report.notes()).noneMatch(n -> n.startsWith("Cox comparator") && n.contains("leading terms"));
    assertThat(report.notes()).noneMatch(n -> n.contains("singular design") || n.contains("did not converge"));
    // the fold that used to fail: patients transplanted MRD-negative by the landmark all stay
    // relapse-free in its training set, so the MRD-positive contrast diverges
    assertThat(report.notes()).anyMatch(n -> n.startsWith("Cox comparator")
        && n.contains("'pre_hsct_mrd_positive'; coefficient may be infinite"));
  }
}
