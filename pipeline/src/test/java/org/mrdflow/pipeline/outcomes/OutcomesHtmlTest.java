package org.mrdflow.pipeline.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mrdflow.models.cohort.Cohort;
import org.mrdflow.models.cohort.CohortBuilder;
import org.mrdflow.models.cohort.CohortSettings;
import org.mrdflow.models.outcomes.OutcomeTables.EstimateRow;
import org.mrdflow.models.outcomes.OutcomesAnalysis;
import org.mrdflow.models.outcomes.OutcomesReport;
import org.mrdflow.models.outcomes.OutcomesSettings;
import org.mrdflow.models.risk.CrossValidationSettings;
import org.mrdflow.models.risk.RiskSettings;
import org.mrdflow.models.simulate.CohortSimulator;
import org.mrdflow.models.simulate.SimulatedCohort;
import org.mrdflow.models.simulate.SimulationSettings;

class OutcomesHtmlTest {

  /** 80 patients followed at most 400 days: no group reaches 24 months. */
  private static OutcomesReport shortFollowUp() {
    SimulatedCohort sim = CohortSimulator.simulate(
        new SimulationSettings(80, 11, 100, 400, SimulationSettings.SEED_002_TARGETS));
    Cohort cohort = CohortBuilder.build(sim.clinical(), sim.measurements(), CohortSettings.defaults());
    return OutcomesAnalysis.run(cohort, new OutcomesSettings(CohortSettings.defaults(),
        RiskSettings.defaults(), new CrossValidationSettings(3, 1, 5, 4), 5, false));
  }

  @Test
  void theHtmlLeadsWithTheTimeDependentAnalysesAndMarksTheNaiveOneBiased() {
    OutcomesReport report = shortFollowUp();
    String html = OutcomesHtml.render(report,
        new OutcomesRequest(Path.of("results"), Path.of("clinical.csv"), null, Path.of("out"), report.settings()));
    int main = html.indexOf("Transplant and MRD over time (main analysis)");
    int naive = html.indexOf("Naive comparison from CAR-T infusion by group (biased)");
    assertThat(main).isPositive();
    assertThat(naive).isGreaterThan(main);
    assertThat(html).contains("Biased by immortal time:</b> a patient must stay alive and leukemia-free until the "
        + "transplant to be counted as transplanted");
    assertThat(html).contains("Mantel-Byar").contains("figures/lfs_simon_makuch_by_transplant.png")
        .contains("figures/lfs_landmark_90d_by_transplant.png").contains("ever hsct");
  }

  @Test
  void twoYearEstimatesPastTheLastFollowUpAreNotEstimable() {
    OutcomesReport report = shortFollowUp();
    EstimateRow twoYear = report.estimates().stream()
        .filter(e -> e.analysis().equals("infusion") && e.endpoint().equals("LFS") && e.months() == 24)
        .findFirst().orElseThrow();
    assertThat(twoYear.followUpMonths()).isLessThan(24);
    assertThat(twoYear.estimate()).isNaN();
    assertThat(twoYear.lower()).isNaN();
    String html = OutcomesHtml.render(report,
        new OutcomesRequest(Path.of("results"), Path.of("clinical.csv"), null, Path.of("out"), report.settings()));
    assertThat(html).contains(String.format(java.util.Locale.ROOT,
        "not estimable: follow-up ends at %.1f months", twoYear.followUpMonths()));
    // an estimate is reported exactly when the group was followed that long
    assertThat(report.estimates()).filteredOn(e -> e.endpoint().equals("LFS"))
        .allMatch(e -> Double.isFinite(e.estimate()) == (e.months() <= e.followUpMonths()))
        .anyMatch(e -> Double.isFinite(e.estimate()));
  }
}
