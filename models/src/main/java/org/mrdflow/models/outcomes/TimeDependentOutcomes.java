package org.mrdflow.models.outcomes;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mrdflow.models.StatsInputException;
import org.mrdflow.models.cohort.Cohort;
import org.mrdflow.models.cohort.CohortPatient;
import org.mrdflow.models.cohort.CompetingOutcome;
import org.mrdflow.models.cohort.Endpoints;
import org.mrdflow.models.cohort.MrdMeasurement;
import org.mrdflow.models.cohort.MrdStatus;
import org.mrdflow.models.outcomes.OutcomeTables.CoefficientRow;
import org.mrdflow.models.outcomes.OutcomeTables.CurveRow;
import org.mrdflow.models.outcomes.OutcomeTables.TestRow;
import org.mrdflow.models.plot.StepCurve;
import org.mrdflow.models.plot.StepFigure;
import org.mrdflow.models.survival.ConfidenceType;
import org.mrdflow.models.survival.CountingProcessBuilder;
import org.mrdflow.models.survival.CountingProcessRows;
import org.mrdflow.models.survival.CoxFit;
import org.mrdflow.models.survival.CoxModel;
import org.mrdflow.models.survival.Grouping;
import org.mrdflow.models.survival.KaplanMeier;
import org.mrdflow.models.survival.KaplanMeierCurve;
import org.mrdflow.models.survival.Landmark;
import org.mrdflow.models.survival.LogRankTest;
import org.mrdflow.models.survival.MantelByarTest;
import org.mrdflow.models.survival.RobustCox;
import org.mrdflow.models.survival.SurvivalData;

/**
 * Transplant and MRD status as what they are, states that change during follow-up, free of
 * immortal-time bias: a patient must be alive and leukemia-free until his transplant to be counted
 * as transplanted, so grouping patients by "transplanted at any time" from CAR-T infusion credits
 * the transplanted group with the waiting time before HSCT.
 *
 * <p>Each patient's follow-up from infusion (until relapse, death or last follow-up) is cut into
 * counting-process rows with {@link CountingProcessBuilder} (R's {@code tmerge} conventions):
 * {@code hsct} becomes 1 from the transplant day, {@code mrd_pos} is the result of the last marrow
 * after infusion (carried forward, 0 before the first, INDETERMINATE marrows ignored, a positive
 * result winning among marrows of one day). On them:
 *
 * <ul>
 *   <li>Cox (Efron) of LFS on hsct + mrd_pos with model-based and robust (clustered by patient)
 *       SEs, and cause-specific Cox models of relapse and of non-relapse mortality;
 *   <li>the Mantel-Byar test of transplant (and of MRD positivity) for LFS;
 *   <li>Simon-Makuch LFS curves by current transplant and by current MRD status, with numbers at
 *       risk that change as patients switch group;
 *   <li>landmark analyses at 90 and 180 days: patients event-free and followed beyond the landmark,
 *       grouped by transplant by then, with Kaplan-Meier LFS from the landmark, log-rank and Cox;
 *   <li>for contrast only, the biased Cox model of "ever transplanted" from infusion.
 * </ul>
 *
 * Times are months (days / {@link Endpoints#DAYS_PER_MONTH}).
 */
final class TimeDependentOutcomes {

  static final String TIME_DEPENDENT = "time-dependent";
  static final String SIMON_MAKUCH = "simon-makuch";
  static final String NAIVE = "naive (biased)";
  static final double[] LANDMARK_DAYS = {90, 180};
  static final List<String> TERMS = List.of("hsct", "mrd_pos");

  private final List<CurveRow> curves;
  private final List<TestRow> tests;
  private final List<CoefficientRow> coefficients;
  private final Map<String, StepFigure> figures;
  private final List<String> notes;
  private final boolean bands;

  private TimeDependentOutcomes(List<CurveRow> curves, List<TestRow> tests,
      List<CoefficientRow> coefficients, Map<String, StepFigure> figures, List<String> notes,
      boolean bands) {
    this.curves = curves;
    this.tests = tests;
    this.coefficients = coefficients;
    this.figures = figures;
    this.notes = notes;
    this.bands = bands;
  }

  /** Runs every analysis, appending rows, figures and notes to the report's lists. */
  static void run(Cohort cohort, List<CurveRow> curves, List<TestRow> tests,
      List<CoefficientRow> coefficients, Map<String, StepFigure> figures, List<String> notes,
      boolean bands) {
    TimeDependentOutcomes t =
        new TimeDependentOutcomes(curves, tests, coefficients, figures, notes, bands);
    // a relapse or death on the infusion day leaves no interval (0, 0] to analyse
    List<CohortPatient> followed = cohort.patients().stream()
        .filter(p -> p.fromInfusion().leukemiaFree().days() > 0).toList();
    if (followed.size() < cohort.patients().size()) {
      notes.add("Time-dependent analyses: " + (cohort.patients().size() - followed.size())
          + " patient(s) with relapse, death or last follow-up on the infusion day left out.");
    }
    if (followed.isEmpty()) {
      return;
    }
    CountingProcessRows rows = rows(followed);
    SurvivalData lfs = rows.survival("lfs");
    if (Arrays.stream(lfs.status()).noneMatch(s -> s != 0)) {
      notes.add("Time-dependent analyses: no relapse or death, nothing to estimate.");
      return;
    }
    t.cox("LFS", "Cox, time-dependent", lfs, rows, true);
    t.cox("CIR", "cause-specific Cox, time-dependent", rows.survival("relapse"), rows, false);
    t.cox("NRM", "cause-specific Cox, time-dependent", rows.survival("nrm"), rows, false);
    t.mantelByar(lfs, rows, "hsct", "transplanted vs not (current status)");
    t.mantelByar(lfs, rows, "mrd_pos", "MRD-positive vs negative (last marrow)");
    t.simonMakuch(lfs, rows.column("hsct"), List.of("not transplanted (yet)", "transplanted"),
        "lfs_simon_makuch_by_transplant", "LFS by current transplant status (Simon-Makuch)");
    t.simonMakuch(lfs, rows.column("mrd_pos"), List.of("last marrow MRD-negative",
        "last marrow MRD-positive"), "lfs_simon_makuch_by_mrd",
        "LFS by current MRD status (Simon-Makuch)");
    for (double days : LANDMARK_DAYS) {
      t.landmark(lfs, rows, days);
    }
    t.naive(followed);
  }

  /** The counting-process rows of the cohort, in months from infusion. */
  static CountingProcessRows rows(List<CohortPatient> patients) {
    int n = patients.size();
    List<String> ids = new ArrayList<>(n);
    double[] exit = new double[n];
    double[] age = new double[n];
    int[] lfs = new int[n];
    int[] relapse = new int[n];
    int[] nrm = new int[n];
    List<String> txId = new ArrayList<>();
    List<Double> txTime = new ArrayList<>();
    List<String> mrdId = new ArrayList<>();
    List<Double> mrdTime = new ArrayList<>();
    List<Double> mrdValue = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      CohortPatient p = patients.get(i);
      ids.add(p.patientKey());
      CompetingOutcome outcome = p.fromInfusion().relapseOrNonRelapseDeath();
      exit[i] = months(outcome.days());
      age[i] = p.covariates().ageYears();
      lfs[i] = outcome.cause() == CompetingOutcome.CENSORED ? 0 : 1;
      relapse[i] = outcome.cause() == CompetingOutcome.RELAPSE ? 1 : 0;
      nrm[i] = outcome.cause() == CompetingOutcome.NON_RELAPSE_DEATH ? 1 : 0;
      if (p.clinical().transplantDate() != null) {
        txId.add(p.patientKey());
        txTime.add(months(ChronoUnit.DAYS.between(p.clinical().carTInfusionDate(),
            p.clinical().transplantDate())));
      }
      // the last marrow of each day after infusion; a positive one wins (as CohortBuilder)
      TreeMap<Long, Boolean> positiveByDay = new TreeMap<>();
      for (MrdMeasurement m : p.samples()) {
        long day = ChronoUnit.DAYS.between(p.clinical().carTInfusionDate(), m.collectionDate());
        if (m.isMarrow() && day > 0 && m.status() != MrdStatus.INDETERMINATE) {
          positiveByDay.merge(day, m.status() == MrdStatus.POSITIVE, Boolean::logicalOr);
        }
      }
      positiveByDay.forEach((day, positive) -> {
        mrdId.add(p.patientKey());
        mrdTime.add(months(day));
        mrdValue.add(positive ? 1.0 : 0.0);
      });
    }
    return CountingProcessBuilder.of(ids, new double[n], exit)
        .fixed("age", age)
        .event("lfs", exit, lfs)
        .event("relapse", exit, relapse)
        .event("nrm", exit, nrm)
        .timeDependent("hsct", txId, doubles(txTime), ones(txTime.size()), 0)
        .timeDependent("mrd_pos", mrdId, doubles(mrdTime), doubles(mrdValue), 0)
        .build();
  }

  private static double months(double days) {
    return days / Endpoints.DAYS_PER_MONTH;
  }

  private void cox(String endpoint, String model, SurvivalData data, CountingProcessRows rows,
      boolean withRobust) {
    List<String> terms = new ArrayList<>();
    for (String term : TERMS) {
      if (eventsInBothStates(data, rows.column(term))) {
        terms.add(term);
      } else {
        notes.add(model + " " + endpoint + ": " + term + " left out, no events in one of its"
            + " states (the ratio would be 0 or infinite).");
      }
    }
    if (terms.isEmpty()) {
      return;
    }
    try {
      CoxFit fit = CoxModel.fit(data, rows.matrix(terms), terms, CoxModel.Ties.EFRON);
      addCoefficients(TIME_DEPENDENT, endpoint, model, fit, patients(data), null);
      if (withRobust) {
        addCoefficients(TIME_DEPENDENT, endpoint, model + ", robust SE", fit, patients(data),
            fit.robust());
      }
    } catch (StatsInputException e) {
      notes.add(model + " " + endpoint + " " + terms + ": " + e.getMessage());
    }
  }

  private void addCoefficients(String analysis, String endpoint, String model, CoxFit fit,
      int patients, RobustCox robust) {
    double z = OutcomesAnalysis.Z;
    double[] se = robust == null ? fit.se() : robust.table().se();
    double[] lo = robust == null ? fit.hazardRatioLower(z) : robust.table().hazardRatioLimit(-z);
    double[] hi = robust == null ? fit.hazardRatioUpper(z) : robust.table().hazardRatioLimit(z);
    double[] p = robust == null ? fit.p() : robust.table().p();
    for (int j = 0; j < fit.terms().size(); j++) {
      coefficients.add(new CoefficientRow(analysis, endpoint, model, fit.terms().get(j), patients,
          fit.eventCount(), fit.coef()[j], se[j], fit.hazardRatio()[j], lo[j], hi[j], p[j]));
    }
  }

  private static boolean eventsInBothStates(SurvivalData data, double[] state) {
    boolean[] seen = new boolean[2];
    for (int i = 0; i < state.length; i++) {
      if (data.isEvent(i)) {
        seen[state[i] == 1 ? 1 : 0] = true;
      }
    }
    return seen[0] && seen[1];
  }

  private static int patients(SurvivalData data) {
    return (int) Arrays.stream(data.id()).distinct().count();
  }

  private void mantelByar(SurvivalData lfs, CountingProcessRows rows, String state,
      String comparison) {
    double[] values = rows.column(state);
    if (Arrays.stream(values).distinct().count() < 2) {
      notes.add("Mantel-Byar (" + comparison + "): every patient is in one state, no test.");
      return;
    }
    MantelByarTest.Result r = MantelByarTest.test(lfs, values);
    tests.add(new TestRow(TIME_DEPENDENT, "LFS", "Mantel-Byar", comparison, r.test().statistic(),
        r.test().df(), r.test().p()));
  }

  private void simonMakuch(SurvivalData lfs, double[] state, List<String> labels, String figure,
      String title) {
    List<StepCurve> steps = new ArrayList<>();
    List<int[]> atRisk = new ArrayList<>();
    double[] grid = grid(lfs.time());
    for (int g = 0; g < 2; g++) {
      boolean[] member = new boolean[state.length];
      for (int i = 0; i < member.length; i++) {
        member[i] = state[i] == g;
      }
      if (!anyTrue(member)) {
        continue;
      }
      SurvivalData group = lfs.subset(member);
      steps.add(curve(SIMON_MAKUCH, labels.get(g), group));
      atRisk.add(StepFigure.numbersAtRisk(group.start(), group.time(), grid));
    }
    if (!steps.isEmpty()) {
      figures.put(figure, new StepFigure(title, "Months since CAR-T infusion",
          "Leukemia-free survival", 1, steps, bands, grid, atRisk, grid[grid.length - 1]));
    }
  }

  private void landmark(SurvivalData lfs, CountingProcessRows rows, double days) {
    String analysis = String.format(java.util.Locale.ROOT, "landmark %.0fd", days);
    Landmark set;
    try {
      set = Landmark.select(lfs, months(days));
    } catch (StatsInputException e) {
      notes.add(analysis + ": " + e.getMessage());
      return;
    }
    SurvivalData data = set.data();
    double[] transplanted = set.valuesAt(rows.column("hsct"));
    String[] label = new String[transplanted.length];
    List<StepCurve> steps = new ArrayList<>();
    List<int[]> atRisk = new ArrayList<>();
    double[] grid = grid(data.time());
    List<String> names = List.of("not transplanted by day " + (int) days,
        "transplanted by day " + (int) days);
    for (int g = 0; g < 2; g++) {
      boolean[] member = new boolean[transplanted.length];
      for (int i = 0; i < member.length; i++) {
        member[i] = transplanted[i] == g;
        if (member[i]) {
          label[i] = names.get(g);
        }
      }
      if (!anyTrue(member)) {
        continue;
      }
      SurvivalData group = data.subset(member);
      steps.add(curve(analysis, names.get(g), group));
      atRisk.add(StepFigure.numbersAtRisk(group.time(), grid));
    }
    figures.put(String.format(java.util.Locale.ROOT, "lfs_landmark_%.0fd_by_transplant", days),
        new StepFigure("LFS from day " + (int) days + " by transplant by then (landmark)",
            "Months since day " + (int) days, "Leukemia-free survival", 1, steps, bands, grid,
            atRisk, grid[grid.length - 1]));
    if (steps.size() < 2 || Arrays.stream(data.status()).noneMatch(s -> s != 0)) {
      notes.add(analysis + ": fewer than two groups with patients, or no events: no test.");
      return;
    }
    var test = LogRankTest.test(data, Grouping.of(label), 0).test();
    tests.add(new TestRow(analysis, "LFS", "log-rank", String.join(" vs ", names),
        test.statistic(), test.df(), test.p()));
    if (!eventsInBothStates(data, transplanted)) {
      notes.add(analysis + ": no events in one group, no hazard ratio.");
      return;
    }
    double[][] x = new double[transplanted.length][];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {transplanted[i]};
    }
    addCoefficients(analysis, "LFS", "Cox", CoxModel.fit(data, x, List.of("hsct"),
        CoxModel.Ties.EFRON), data.size(), null);
  }

  /** The LFS Kaplan-Meier curve of one group: its table rows, and its step curve for a figure. */
  private StepCurve curve(String analysis, String label, SurvivalData group) {
    KaplanMeierCurve km = KaplanMeier.fit(group);
    double[][] limits = km.confidenceLimits(ConfidenceType.LOG_LOG, OutcomesAnalysis.Z);
    for (int i = 0; i < km.size(); i++) {
      curves.add(new CurveRow(analysis, "LFS", label, km.time()[i], km.nRisk()[i],
          km.nEvent()[i], km.nCensor()[i], km.surv()[i], limits[0][i], limits[1][i]));
    }
    return new StepCurve(label, km.time(), km.surv(), limits[0], limits[1]);
  }

  /** The biased contrast: "ever transplanted" as if known at infusion. */
  private void naive(List<CohortPatient> patients) {
    double[] time = new double[patients.size()];
    int[] status = new int[patients.size()];
    double[][] x = new double[patients.size()][1];
    for (int i = 0; i < time.length; i++) {
      CohortPatient p = patients.get(i);
      time[i] = months(p.fromInfusion().leukemiaFree().days());
      status[i] = p.fromInfusion().leukemiaFree().event() ? 1 : 0;
      x[i][0] = p.clinical().transplantDate() != null ? 1 : 0;
    }
    SurvivalData data = new SurvivalData(time, status);
    if (!eventsInBothStates(data, Arrays.stream(x).mapToDouble(r -> r[0]).toArray())) {
      notes.add("Naive ever-transplanted Cox: no events in one group, no hazard ratio.");
      return;
    }
    addCoefficients(NAIVE, "LFS", "Cox, ever transplanted (immortal-time biased)",
        CoxModel.fit(data, x, List.of("ever_hsct"), CoxModel.Ties.EFRON), time.length, null);
  }

  /** Numbers-at-risk times every 6 months up to the follow-up (at most 60 months). */
  private static double[] grid(double[] followUp) {
    double last = Arrays.stream(followUp).max().orElse(0);
    double xMax = Math.max(6, 6 * Math.ceil(Math.min(last, 60) / 6));
    double[] times = new double[(int) (xMax / 6) + 1];
    Arrays.setAll(times, k -> 6.0 * k);
    return times;
  }

  private static boolean anyTrue(boolean[] v) {
    for (boolean b : v) {
      if (b) {
        return true;
      }
    }
    return false;
  }

  private static double[] doubles(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] ones(int n) {
    double[] v = new double[n];
    Arrays.fill(v, 1);
    return v;
  }
}
