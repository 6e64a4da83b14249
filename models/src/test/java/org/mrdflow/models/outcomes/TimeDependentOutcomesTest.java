package org.mrdflow.models.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mrdflow.models.cohort.CarTSource;
import org.mrdflow.models.cohort.ClinicalRecord;
import org.mrdflow.models.cohort.Cohort;
import org.mrdflow.models.cohort.CohortBuilder;
import org.mrdflow.models.cohort.CohortSettings;
import org.mrdflow.models.cohort.Covariates;
import org.mrdflow.models.cohort.Endpoints;
import org.mrdflow.models.cohort.MrdMeasurement;
import org.mrdflow.models.cohort.MrdStatus;
import org.mrdflow.models.cohort.Sex;
import org.mrdflow.models.outcomes.OutcomeTables.CoefficientRow;
import org.mrdflow.models.plot.StepFigure;
import org.mrdflow.models.risk.CrossValidationSettings;
import org.mrdflow.models.risk.RiskSettings;
import org.mrdflow.models.simulate.CohortSimulator;
import org.mrdflow.models.simulate.SimulationSettings;
import org.mrdflow.models.survival.CountingProcessRows;

class TimeDependentOutcomesTest {

  private static final LocalDate DAY0 = LocalDate.of(2024, 1, 1);
  private static final double M = Endpoints.DAYS_PER_MONTH;

  private static ClinicalRecord patient(String key, Integer transplant, Integer relapse,
      Integer death, int last) {
    return new ClinicalRecord(key, DAY0, day(transplant), day(relapse), day(death), DAY0.plusDays(last),
        new Covariates(30, Sex.MALE, 1, false, false, false, 150, CarTSource.AUTOLOGOUS));
  }

  private static LocalDate day(Integer d) {
    return d == null ? null : DAY0.plusDays(d);
  }

  private static MrdMeasurement marrow(String key, int day, MrdStatus status, String specimen) {
    return new MrdMeasurement(key, key + day + status, DAY0.plusDays(day), "d" + day, specimen,
        status == MrdStatus.POSITIVE ? 1e-3 : 0, status, 500_000, status == MrdStatus.POSITIVE ? 500 : 0,
        Double.NaN, null, null, Double.NaN, null);
  }

  /** The tmerge conventions on clinical dates and marrows, derived by hand. */
  @Test
  void cohortRowsFollowTmergesConventions() {
    List<ClinicalRecord> clinical = List.of(
        // died on the transplant day (60): a death before transplant, no transplanted row
        patient("A", 60, null, 60, 60),
        // MRD+ on 28, transplanted on 90 with an MRD- marrow that day, relapse on 400 with a marrow
        patient("B", 90, 400, null, 500),
        // never transplanted; an INDETERMINATE marrow, a PB sample and two marrows on one day
        patient("C", null, null, null, 300));
    List<MrdMeasurement> marrows = List.of(
        marrow("B", 28, MrdStatus.POSITIVE, "BM"), marrow("B", 90, MrdStatus.NEGATIVE, "BM"),
        marrow("B", 400, MrdStatus.POSITIVE, "BM"),
        marrow("C", 30, MrdStatus.INDETERMINATE, "BM"), marrow("C", 60, MrdStatus.POSITIVE, "PB"),
        marrow("C", 90, MrdStatus.NEGATIVE, "BM"), marrow("C", 90, MrdStatus.POSITIVE, "BM"));
    Cohort cohort = CohortBuilder.build(clinical, marrows, CohortSettings.defaults());
    CountingProcessRows rows = TimeDependentOutcomes.rows(cohort.patients());

    assertThat(rows.id()).containsExactly("A", "B", "B", "B", "C", "C");
    assertThat(rows.start()).containsExactly(0, 0, 28 / M, 90 / M, 0, 90 / M);
    assertThat(rows.stop()).containsExactly(60 / M, 28 / M, 90 / M, 400 / M, 90 / M, 300 / M);
    assertThat(rows.column("lfs")).containsExactly(1, 0, 0, 1, 0, 0);
    assertThat(rows.column("relapse")).containsExactly(0, 0, 0, 1, 0, 0);
    assertThat(rows.column("nrm")).containsExactly(1, 0, 0, 0, 0, 0);
    assertThat(rows.column("hsct")).containsExactly(0, 0, 0, 1, 0, 0);
    assertThat(rows.column("mrd_pos")).containsExactly(0, 0, 1, 0, 0, 1);
  }

  /**
   * The demo cohort's report has the time-dependent analyses beside the naive one. (Which way the
   * naive ratio errs depends on how the hazards change over time; the Stanford and CAR-T
   * references show the classic case, naive HR 0.27 and 0.45 against 1.14 and 0.95 time-dependent,
   * reproduced in TimeDependentReferenceTest.)
   */
  @Test
  void outcomesReportTheTimeDependentAnalysesBesideTheNaiveOne() {
    OutcomesReport report = report(SimulationSettings.seed002(2020));
    CoefficientRow naive = coefficient(report, "naive (biased)", "Cox, ever transplanted (immortal-time biased)", "ever_hsct");
    CoefficientRow timeDependent = coefficient(report, "time-dependent", "Cox, time-dependent", "hsct");
    CoefficientRow robust = coefficient(report, "time-dependent", "Cox, time-dependent, robust SE", "hsct");
    assertThat(robust.coef()).isEqualTo(timeDependent.coef());
    assertThat(robust.se()).isNotEqualTo(timeDependent.se());
    assertThat(naive.patients()).isEqualTo(report.patients());
    assertThat(report.tests()).anyMatch(t -> t.test().equals("Mantel-Byar") && t.analysis().equals("time-dependent"));
    assertThat(report.tests()).anyMatch(t -> t.test().equals("log-rank") && t.analysis().equals("landmark 90d"));
    for (String figure : List.of("lfs_simon_makuch_by_transplant", "lfs_simon_makuch_by_mrd",
        "lfs_landmark_90d_by_transplant", "lfs_landmark_180d_by_transplant")) {
      assertThat(report.figures()).containsKey(figure);
    }
    // Simon-Makuch numbers at risk: nobody is transplanted at infusion; patients enter later
    StepFigure sm = report.figures().get("lfs_simon_makuch_by_transplant");
    assertThat(sm.atRisk().get(1)[0]).isZero();
    assertThat(sm.atRisk().get(1)[1]).isPositive();
    assertThat(sm.atRisk().get(0)[0]).isEqualTo(report.patients());
  }

  @Test
  void plannedTransplantsLoseThePatientsWhoHadAnEventBeforeTheirTransplantDay() {
    var plain = CohortSimulator.simulate(SimulationSettings.seed002(7));
    var planned = CohortSimulator.simulate(SimulationSettings.seed002(7).withPlannedTransplants());
    long transplantedPlain = plain.clinical().stream().filter(c -> c.transplantDate() != null).count();
    long transplantedPlanned = planned.clinical().stream().filter(c -> c.transplantDate() != null).count();
    assertThat(transplantedPlanned).isLessThan(transplantedPlain);
    // without planned transplants nobody transplanted has an event before the transplant
    assertThat(plain.clinical()).noneMatch(c -> c.transplantDate() != null && c.relapseDate() != null
        && c.relapseDate().isBefore(c.transplantDate()));
  }

  private static OutcomesReport report(SimulationSettings settings) {
    var sim = CohortSimulator.simulate(settings);
    Cohort cohort = CohortBuilder.build(sim.clinical(), sim.measurements(), CohortSettings.defaults());
    return OutcomesAnalysis.run(cohort, new OutcomesSettings(CohortSettings.defaults(),
        RiskSettings.defaults(), new CrossValidationSettings(3, 1, 5, 4), 5, true));
  }

  private static CoefficientRow coefficient(OutcomesReport r, String analysis, String model, String term) {
    return r.coefficients().stream()
        .filter(x -> x.analysis().equals(analysis) && x.endpoint().equals("LFS") && x.model().equals(model)
            && x.term().equals(term))
        .findFirst().orElseThrow();
  }
}
