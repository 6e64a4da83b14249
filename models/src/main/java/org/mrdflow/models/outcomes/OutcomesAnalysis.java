package org.mrdflow.models.outcomes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.mrdflow.models.ChiSquareResult;
import org.mrdflow.models.StatsInputException;
import org.mrdflow.models.cohort.Cohort;
import org.mrdflow.models.cohort.CohortPatient;
import org.mrdflow.models.cohort.CompetingOutcome;
import org.mrdflow.models.cohort.Endpoints;
import org.mrdflow.models.cohort.PreTransplantGroup;
import org.mrdflow.models.cohort.Sex;
import org.mrdflow.models.cohort.TimeToEvent;
import org.mrdflow.models.competing.CumulativeIncidence;
import org.mrdflow.models.competing.CumulativeIncidenceCurve;
import org.mrdflow.models.competing.FineGray;
import org.mrdflow.models.competing.FineGrayFit;
import org.mrdflow.models.competing.GrayTest;
import org.mrdflow.models.outcomes.OutcomeTables.CalibrationRow;
import org.mrdflow.models.outcomes.OutcomeTables.CoefficientRow;
import org.mrdflow.models.outcomes.OutcomeTables.CurveRow;
import org.mrdflow.models.outcomes.OutcomeTables.EstimateRow;
import org.mrdflow.models.outcomes.OutcomeTables.GroupRow;
import org.mrdflow.models.outcomes.OutcomeTables.OutOfFoldRow;
import org.mrdflow.models.outcomes.OutcomeTables.RiskModelRow;
import org.mrdflow.models.outcomes.OutcomeTables.TestRow;
import org.mrdflow.models.plot.StepCurve;
import org.mrdflow.models.plot.StepFigure;
import org.mrdflow.models.risk.CalibrationBin;
import org.mrdflow.models.risk.CrossValidation;
import org.mrdflow.models.risk.CrossValidationResult;
import org.mrdflow.models.risk.RiskData;
import org.mrdflow.models.risk.RiskFeatures;
import org.mrdflow.models.risk.RiskModel;
import org.mrdflow.models.risk.RiskTrainer;
import org.mrdflow.models.risk.SmileTrainers;
import org.mrdflow.models.survival.ConfidenceType;
import org.mrdflow.models.survival.Concordance;
import org.mrdflow.models.survival.CoxFit;
import org.mrdflow.models.survival.CoxModel;
import org.mrdflow.models.survival.Grouping;
import org.mrdflow.models.survival.KaplanMeier;
import org.mrdflow.models.survival.KaplanMeierCurve;
import org.mrdflow.models.survival.LogRankTest;
import org.mrdflow.models.survival.SurvivalAtTime;
import org.mrdflow.models.survival.SurvivalData;

/**
 * The analyses of paper 002 on a cohort, plus the relapse-risk models:
 *
 * <ul>
 *   <li>from CAR-T infusion, by group (no transplant, MRD-positive, MRD-negative before HSCT):
 *       Kaplan-Meier LFS and OS with log-rank tests (overall and pairwise), cumulative incidence of
 *       relapse and of NRM (competing) with Gray's tests, estimates at 12 and 24 months;
 *   <li>from the transplant date (landmark), MRD-positive vs negative: the same curves and tests,
 *       univariable and multivariable Cox models for LFS and OS (paper 002, Table 2) and Fine-Gray
 *       models for relapse;
 *   <li>relapse within the horizon after the landmark day (death without relapse competing):
 *       cross-validated logistic regression, random forest and gradient boosting trained and
 *       evaluated with inverse-probability-of-censoring weights, compared with a Fine-Gray model's
 *       linear predictor by time-dependent AUC and concordance.
 * </ul>
 *
 * Confidence intervals are 95%: log-log for Kaplan-Meier (reproduces the seeds' published
 * intervals, domain.md section 5) and for cumulative incidence (Choudhury 2002); Wald for ratios.
 */
public final class OutcomesAnalysis {

  static final double Z = 1.959963984540054;
  /** A log-ratio standard error this large means the estimate ran off to infinity. */
  static final double DIVERGED_SE = 20;
  static final double[] REPORT_MONTHS = {12, 24};
  static final String INFUSION = "infusion";
  static final String TRANSPLANT = "transplant";

  /** Paper 002's group order (Table 3). */
  static final List<PreTransplantGroup> GROUPS =
      List.of(PreTransplantGroup.NO_TRANSPLANT, PreTransplantGroup.MRD_POSITIVE, PreTransplantGroup.MRD_NEGATIVE);

  /** Candidate covariates of the transplant-landmark regressions (paper 002, Table 2 and S3-S5). */
  static final Map<String, Predicate<CohortPatient>> COVARIATES = covariates();

  /** The multivariable model of paper 002, Table 2. */
  static final List<String> MULTIVARIABLE =
      List.of("mrd_positive_before_hsct", "age_at_least_40", "more_than_one_prior_relapse");

  /**
   * The regression comparator of the risk models: a Fine-Gray model (proportional subdistribution
   * hazards of relapse, death competing), so it aims at the classifiers' target, the cumulative
   * incidence of relapse, and uses every eligible patient's follow-up.
   */
  static final String COMPARATOR = "fine_gray_linear_predictor";

  /** Terms of the comparator: a compact, clinically motivated subset of the features. */
  static final List<String> COMPARATOR_TERMS =
      List.of("age_years", "prior_relapses", "mrd_peak_log10", "transplanted_by_landmark", "pre_hsct_mrd_positive");

  private final OutcomesSettings settings;
  private final List<GroupRow> groups = new ArrayList<>();
  private final List<CurveRow> curves = new ArrayList<>();
  private final List<EstimateRow> estimates = new ArrayList<>();
  private final List<TestRow> tests = new ArrayList<>();
  private final List<CoefficientRow> coefficients = new ArrayList<>();
  private final List<RiskModelRow> riskModels = new ArrayList<>();
  private final List<CalibrationRow> calibration = new ArrayList<>();
  private final List<OutOfFoldRow> outOfFold = new ArrayList<>();
  private final Map<String, StepFigure> figures = new LinkedHashMap<>();
  private final Map<String, RiskModel> models = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private RiskData riskData;

  private OutcomesAnalysis(OutcomesSettings settings) {
    this.settings = settings;
  }

  public static OutcomesReport run(Cohort cohort, OutcomesSettings settings) {
    return new OutcomesAnalysis(settings).analyse(cohort);
  }

  /** Patients of one group with their endpoints from one origin. */
  private record Arm(String label, List<Endpoints> endpoints) {}

  private OutcomesReport analyse(Cohort cohort) {
    List<Arm> fromInfusion = new ArrayList<>();
    for (PreTransplantGroup g : GROUPS) {
      fromInfusion.add(new Arm(g.label(), cohort.group(g).stream().map(CohortPatient::fromInfusion).toList()));
    }
    List<CohortPatient> landmark =
        cohort.transplantLandmark().stream()
            .filter(p -> p.group() == PreTransplantGroup.MRD_POSITIVE || p.group() == PreTransplantGroup.MRD_NEGATIVE)
            .toList();
    List<Arm> fromTransplant = new ArrayList<>();
    for (PreTransplantGroup g : List.of(PreTransplantGroup.MRD_POSITIVE, PreTransplantGroup.MRD_NEGATIVE)) {
      fromTransplant.add(
          new Arm(g.label(), landmark.stream().filter(p -> p.group() == g).map(CohortPatient::fromTransplant).toList()));
    }
    int unknown = cohort.group(PreTransplantGroup.MRD_UNKNOWN).size();
    if (unknown > 0) {
      notes.add(unknown + " transplanted patient(s) had no usable marrow within " + settings.cohort().preTransplantWindowDays()
          + " days before HSCT (or an INDETERMINATE one) and are left out of the group comparisons.");
    }

    describe(INFUSION, fromInfusion);
    describe(TRANSPLANT, fromTransplant);
    survival(INFUSION, "LFS", "Leukemia-free survival", fromInfusion, e -> e.leukemiaFree(), "lfs_by_group");
    survival(INFUSION, "OS", "Overall survival", fromInfusion, e -> e.overall(), "os_by_group");
    incidence(INFUSION, "CIR", "Cumulative incidence of relapse", CompetingOutcome.RELAPSE, fromInfusion, "cir_by_group");
    incidence(INFUSION, "NRM", "Non-relapse mortality", CompetingOutcome.NON_RELAPSE_DEATH, fromInfusion, "nrm_by_group");
    survival(TRANSPLANT, "LFS", "Leukemia-free survival after HSCT", fromTransplant, e -> e.leukemiaFree(), "lfs_from_transplant");
    survival(TRANSPLANT, "OS", "Overall survival after HSCT", fromTransplant, e -> e.overall(), "os_from_transplant");
    incidence(TRANSPLANT, "CIR", "Cumulative incidence of relapse after HSCT", CompetingOutcome.RELAPSE, fromTransplant,
        "cir_from_transplant");
    regressions(landmark);
    TimeDependentOutcomes.run(cohort, curves, tests, coefficients, figures, notes, settings.confidenceBands());
    riskModels(cohort);

    return new OutcomesReport(
        cohort.patients().size(), unknown, cohort.unmatchedMeasurements().size(), settings, groups, curves, estimates,
        tests, coefficients, riskModels, calibration, outOfFold, figures, models, riskData, notes);
  }

  private void describe(String analysis, List<Arm> arms) {
    for (Arm arm : arms) {
      int relapses = 0, nrm = 0, deaths = 0;
      for (Endpoints e : arm.endpoints()) {
        relapses += e.relapseOrNonRelapseDeath().cause() == CompetingOutcome.RELAPSE ? 1 : 0;
        nrm += e.relapseOrNonRelapseDeath().cause() == CompetingOutcome.NON_RELAPSE_DEATH ? 1 : 0;
        deaths += e.overall().event() ? 1 : 0;
      }
      groups.add(new GroupRow(analysis, arm.label(), arm.endpoints().size(), relapses, nrm, deaths));
    }
  }

  private static double months(double days) {
    return days / Endpoints.DAYS_PER_MONTH;
  }

  private static SurvivalData survivalData(List<Endpoints> endpoints, Function<Endpoints, TimeToEvent> endpoint) {
    double[] t = new double[endpoints.size()];
    int[] s = new int[endpoints.size()];
    for (int i = 0; i < t.length; i++) {
      TimeToEvent e = endpoint.apply(endpoints.get(i));
      t[i] = months(e.days());
      s[i] = e.event() ? 1 : 0;
    }
    return new SurvivalData(t, s);
  }

  private static SurvivalData competingData(List<Endpoints> endpoints) {
    double[] t = new double[endpoints.size()];
    int[] s = new int[endpoints.size()];
    for (int i = 0; i < t.length; i++) {
      CompetingOutcome c = endpoints.get(i).relapseOrNonRelapseDeath();
      t[i] = months(c.days());
      s[i] = c.cause();
    }
    return new SurvivalData(t, s);
  }

  private void survival(
      String analysis, String endpoint, String title, List<Arm> arms, Function<Endpoints, TimeToEvent> select,
      String figure) {
    List<StepCurve> steps = new ArrayList<>();
    List<double[]> followUp = new ArrayList<>();
    for (Arm arm : arms) {
      if (arm.endpoints().isEmpty()) {
        continue;
      }
      SurvivalData data = survivalData(arm.endpoints(), select);
      KaplanMeierCurve km = KaplanMeier.fit(data);
      double[][] limits = km.confidenceLimits(ConfidenceType.LOG_LOG, Z);
      for (int i = 0; i < km.size(); i++) {
        curves.add(new CurveRow(analysis, endpoint, arm.label(), km.time()[i], km.nRisk()[i], km.nEvent()[i],
            km.nCensor()[i], km.surv()[i], limits[0][i], limits[1][i]));
      }
      int events = Arrays.stream(data.status()).sum();
      for (SurvivalAtTime at : km.atTimes(REPORT_MONTHS, ConfidenceType.LOG_LOG, Z)) {
        // past the group's last follow-up the estimate is not estimable (R: extend = FALSE)
        boolean estimable = km.isEstimableAt(at.time());
        estimates.add(new EstimateRow(analysis, endpoint, arm.label(), data.size(), events, at.time(),
            estimable ? at.surv() : Double.NaN, estimable ? at.lower() : Double.NaN,
            estimable ? at.upper() : Double.NaN, km.lastTime()));
      }
      steps.add(new StepCurve(arm.label(), km.time(), km.surv(), limits[0], limits[1]));
      followUp.add(data.time());
    }
    compare(analysis, endpoint, "log-rank", arms, arm -> survivalData(arm.endpoints(), select), status -> status != 0,
        (data, grouping) -> LogRankTest.test(data, grouping, 0).test());
    addFigure(figure, title, 1, steps, followUp);
  }

  private void incidence(String analysis, String endpoint, String title, int cause, List<Arm> arms, String figure) {
    List<StepCurve> steps = new ArrayList<>();
    List<double[]> followUp = new ArrayList<>();
    for (Arm arm : arms) {
      if (arm.endpoints().isEmpty()) {
        continue;
      }
      SurvivalData data = competingData(arm.endpoints());
      CumulativeIncidenceCurve cif = CumulativeIncidence.fit(data, cause);
      double[] jumps = cif.jumpTimes();
      double[][] limits = cif.confidenceLimits(jumps, true, Z);
      for (int i = 0; i < jumps.length; i++) {
        curves.add(new CurveRow(analysis, endpoint, arm.label(), jumps[i], null, null, null, cif.estimate()[i],
            limits[0][i], limits[1][i]));
      }
      double[] at = cif.at(REPORT_MONTHS)[0];
      double[][] atLimits = cif.confidenceLimits(REPORT_MONTHS, true, Z);
      int events = (int) Arrays.stream(data.status()).filter(s -> s == cause).count();
      for (int k = 0; k < REPORT_MONTHS.length; k++) {
        estimates.add(new EstimateRow(analysis, endpoint, arm.label(), data.size(), events, REPORT_MONTHS[k], at[k],
            atLimits[0][k], atLimits[1][k], cif.lastTime()));
      }
      // Drawn to the group's last follow-up, as the Kaplan-Meier curves are.
      double[] t = Arrays.copyOf(jumps, jumps.length + 1);
      double[] e = Arrays.copyOf(cif.estimate(), jumps.length + 1);
      double[] lo = Arrays.copyOf(limits[0], jumps.length + 1);
      double[] hi = Arrays.copyOf(limits[1], jumps.length + 1);
      t[jumps.length] = Math.max(cif.lastTime(), jumps.length == 0 ? 0 : jumps[jumps.length - 1]);
      e[jumps.length] = jumps.length == 0 ? 0 : e[jumps.length - 1];
      lo[jumps.length] = jumps.length == 0 ? 0 : lo[jumps.length - 1];
      hi[jumps.length] = jumps.length == 0 ? 0 : hi[jumps.length - 1];
      steps.add(new StepCurve(arm.label(), t, e, lo, hi));
      followUp.add(data.time());
    }
    compare(analysis, endpoint, "Gray", arms, arm -> competingData(arm.endpoints()), status -> status == cause,
        (data, grouping) -> GrayTest.test(data, grouping, cause));
    addFigure(figure, title, 0, steps, followUp);
  }

  @FunctionalInterface
  private interface GroupTest {
    ChiSquareResult test(SurvivalData data, Grouping grouping);
  }

  /** The test over all non-empty groups, then between each pair when there are more than two. */
  private void compare(
      String analysis, String endpoint, String test, List<Arm> arms, Function<Arm, SurvivalData> data,
      IntPredicate isEvent, GroupTest method) {
    List<Arm> present = arms.stream().filter(a -> !a.endpoints().isEmpty()).toList();
    if (present.size() < 2) {
      notes.add(analysis + " " + endpoint + ": fewer than two non-empty groups, no " + test + " test.");
      return;
    }
    List<List<Arm>> comparisons = new ArrayList<>();
    comparisons.add(present);
    if (present.size() > 2) {
      for (int a = 0; a < present.size(); a++) {
        for (int b = a + 1; b < present.size(); b++) {
          comparisons.add(List.of(present.get(a), present.get(b)));
        }
      }
    }
    for (List<Arm> compared : comparisons) {
      String name = String.join(" vs ", compared.stream().map(Arm::label).toList());
      List<Double> time = new ArrayList<>();
      List<Integer> status = new ArrayList<>();
      List<String> label = new ArrayList<>();
      for (Arm arm : compared) {
        SurvivalData d = data.apply(arm);
        for (int i = 0; i < d.size(); i++) {
          time.add(d.time()[i]);
          status.add(d.status()[i]);
          label.add(arm.label());
        }
      }
      SurvivalData pooled =
          new SurvivalData(time.stream().mapToDouble(Double::doubleValue).toArray(), status.stream().mapToInt(Integer::intValue).toArray());
      if (Arrays.stream(pooled.status()).noneMatch(isEvent)) {
        notes.add(analysis + " " + endpoint + " " + test + " (" + name + "): no events, nothing to compare.");
        continue;
      }
      try {
        ChiSquareResult r = method.test(pooled, Grouping.of(label.toArray(String[]::new)));
        tests.add(new TestRow(analysis, endpoint, test, name, r.statistic(), r.df(), r.p()));
      } catch (StatsInputException e) {
        notes.add(analysis + " " + endpoint + " " + test + " (" + name + "): " + e.getMessage());
      }
    }
  }

  private void addFigure(String name, String title, double start, List<StepCurve> steps, List<double[]> followUp) {
    if (steps.isEmpty()) {
      return;
    }
    double last = followUp.stream().flatMapToDouble(Arrays::stream).max().orElse(0);
    double xMax = Math.max(6, 6 * Math.ceil(Math.min(last, 60) / 6));
    double[] atRiskTimes = new double[(int) (xMax / 6) + 1];
    Arrays.setAll(atRiskTimes, k -> 6.0 * k);
    List<int[]> atRisk = followUp.stream().map(f -> StepFigure.numbersAtRisk(f, atRiskTimes)).toList();
    String axis = name.endsWith("from_transplant") ? "Months since HSCT" : "Months since CAR-T infusion";
    figures.put(name, new StepFigure(title, axis, title, start, steps, settings.confidenceBands(), atRiskTimes, atRisk, xMax));
  }

  private static Map<String, Predicate<CohortPatient>> covariates() {
    Map<String, Predicate<CohortPatient>> c = new LinkedHashMap<>();
    c.put("mrd_positive_before_hsct", p -> p.group() == PreTransplantGroup.MRD_POSITIVE);
    c.put("age_at_least_40", p -> p.covariates().ageAtLeast40());
    c.put("more_than_one_prior_relapse", p -> p.covariates().moreThanOnePriorRelapse());
    c.put("prior_allo_hsct", p -> p.covariates().priorAlloHsct());
    c.put("poor_risk_cytogenetics", p -> p.covariates().poorRiskCytogenetics());
    c.put("male", p -> p.covariates().sex() == Sex.MALE);
    c.put("ldh_above_uln", p -> p.covariates().ldhAboveUln());
    c.put("low_platelets", p -> p.covariates().lowPlatelets());
    return c;
  }

  private static double[][] design(List<CohortPatient> patients, List<String> terms) {
    double[][] x = new double[patients.size()][terms.size()];
    for (int i = 0; i < patients.size(); i++) {
      for (int j = 0; j < terms.size(); j++) {
        x[i][j] = COVARIATES.get(terms.get(j)).test(patients.get(i)) ? 1 : 0;
      }
    }
    return x;
  }

  /** Cox (LFS, OS) and Fine-Gray (relapse) models from the transplant date. */
  private void regressions(List<CohortPatient> landmark) {
    if (landmark.isEmpty()) {
      notes.add("No transplanted patient is analysable from the transplant date: no regression models.");
      return;
    }
    List<Endpoints> endpoints = landmark.stream().map(CohortPatient::fromTransplant).toList();
    SurvivalData lfs = survivalData(endpoints, Endpoints::leukemiaFree);
    SurvivalData os = survivalData(endpoints, Endpoints::overall);
    SurvivalData competing = competingData(endpoints);
    List<List<String>> models = new ArrayList<>();
    for (String term : COVARIATES.keySet()) {
      models.add(List.of(term));
    }
    models.add(MULTIVARIABLE);
    for (List<String> candidate : models) {
      String kind = candidate.size() == 1 ? "univariable" : "multivariable";
      List<String> lfsTerms = estimable(landmark, candidate, lfs, s -> s != 0, "Cox " + kind + " LFS");
      List<String> osTerms = estimable(landmark, candidate, os, s -> s != 0, "Cox " + kind + " OS");
      List<String> cirTerms = estimable(landmark, candidate, competing, s -> s == CompetingOutcome.RELAPSE, "Fine-Gray " + kind + " CIR");
      cox("LFS", "Cox " + kind, lfs, design(landmark, lfsTerms), lfsTerms);
      cox("OS", "Cox " + kind, os, design(landmark, osTerms), osTerms);
      if (cirTerms.isEmpty()) {
        continue;
      }
      try {
        FineGrayFit fit = FineGray.fit(competing, CompetingOutcome.RELAPSE, design(landmark, cirTerms), cirTerms);
        double[] lo = fit.subdistributionHazardRatioLimit(-Z);
        double[] hi = fit.subdistributionHazardRatioLimit(Z);
        int events = (int) Arrays.stream(competing.status()).filter(s -> s == CompetingOutcome.RELAPSE).count();
        for (int j = 0; j < cirTerms.size(); j++) {
          coefficients.add(new CoefficientRow(TRANSPLANT, "CIR", "Fine-Gray " + kind, cirTerms.get(j), competing.size(),
              events, fit.coef()[j], fit.se()[j], fit.subdistributionHazardRatio()[j], lo[j], hi[j], fit.p()[j]));
        }
      } catch (StatsInputException e) {
        notes.add("Fine-Gray " + kind + " CIR " + cirTerms + ": " + e.getMessage());
      }
    }
  }

  /**
   * The terms whose two categories both contain events. With no events among patients with (or
   * without) a binary factor its ratio is 0 or infinite (monotone likelihood); such a term is
   * left out, with a note, rather than reported with a meaningless interval.
   */
  private List<String> estimable(
      List<CohortPatient> patients, List<String> terms, SurvivalData data, IntPredicate isEvent, String model) {
    List<String> kept = new ArrayList<>();
    for (String term : terms) {
      int[] events = new int[2];
      for (int i = 0; i < patients.size(); i++) {
        if (isEvent.test(data.status()[i])) {
          events[COVARIATES.get(term).test(patients.get(i)) ? 1 : 0]++;
        }
      }
      if (events[0] > 0 && events[1] > 0) {
        kept.add(term);
      } else {
        notes.add(model + ": " + term + " left out, no events among patients " + (events[1] == 0 ? "with" : "without")
            + " it (the ratio would be 0 or infinite).");
      }
    }
    return kept;
  }

  private void cox(String endpoint, String model, SurvivalData data, double[][] x, List<String> terms) {
    if (terms.isEmpty()) {
      return;
    }
    try {
      CoxFit fit = CoxModel.fit(data, x, terms, CoxModel.Ties.EFRON);
      double[] lo = fit.hazardRatioLower(Z);
      double[] hi = fit.hazardRatioUpper(Z);
      for (int j = 0; j < terms.size(); j++) {
        coefficients.add(new CoefficientRow(TRANSPLANT, endpoint, model, terms.get(j), fit.n(), fit.eventCount(),
            fit.coef()[j], fit.se()[j], fit.hazardRatio()[j], lo[j], hi[j], fit.p()[j]));
        if (!(fit.se()[j] < DIVERGED_SE)) {
          notes.add(model + " " + endpoint + ": the hazard ratio of " + terms.get(j) + " is not estimable (standard error "
              + (Double.isFinite(fit.se()[j]) ? Math.round(fit.se()[j]) : "infinite")
              + "): no events in one of its categories (monotone likelihood).");
        }
      }
    } catch (StatsInputException e) {
      notes.add(model + " " + endpoint + " " + terms + ": " + e.getMessage());
    }
  }

  private void riskModels(Cohort cohort) {
    RiskData data = RiskFeatures.build(cohort, settings.risk());
    riskData = data;
    int folds = settings.crossValidation().folds();
    if (data.cases() < folds || data.controls() < folds) {
      notes.add("Risk models skipped: " + data.cases() + " relapses and " + data.controls()
          + " non-relapses within the horizon after the landmark cannot fill " + folds + " folds.");
      return;
    }
    notes.add("Risk models: " + data.rows() + " patients alive, relapse-free and followed at the landmark; "
        + data.censoredBeforeHorizon() + " censored before the horizon are kept: they weigh 0 themselves and their "
        + "share is carried by inverse-probability-of-censoring weights (IPCW) on the patients still followed; "
        + data.competingDeaths() + " died without relapse within the horizon (a competing event, counted as no relapse). "
        + "The complete-case numbers leave the censored patients out and describe a relapse-enriched sample.");
    Map<String, RiskTrainer> trainers = new LinkedHashMap<>();
    trainers.put("logistic_regression", SmileTrainers.logistic(SmileTrainers.LogisticOptions.defaults()));
    trainers.put("random_forest", SmileTrainers.randomForest(SmileTrainers.ForestOptions.defaults(settings.modelSeed())));
    trainers.put("gradient_boosting", SmileTrainers.gradientBoosting(SmileTrainers.BoostingOptions.defaults(settings.modelSeed())));
    for (Map.Entry<String, RiskTrainer> t : trainers.entrySet()) {
      record(CrossValidation.evaluate(t.getKey(), data, t.getValue(), settings.crossValidation()), data);
      models.put(t.getKey(), t.getValue().fitWeighted(data));
    }
    int[] reducedFolds = {0};
    int[] unconverged = {0};
    CrossValidation.FoldScorer fineGray = training -> {
      // A term constant in a training fold (no one transplanted by the landmark) cannot be estimated
      // and is left out of that fold.
      int[] used =
          COMPARATOR_TERMS.stream().mapToInt(RiskFeatures.NAMES::indexOf).filter(j -> varies(training.x(), j)).toArray();
      FineGrayFit fit = FineGray.fit(new SurvivalData(training.days(), training.status()), RiskData.RELAPSE,
          select(training.x(), used), Arrays.stream(used).mapToObj(RiskFeatures.NAMES::get).toList());
      reducedFolds[0] += used.length < COMPARATOR_TERMS.size() ? 1 : 0;
      unconverged[0] += fit.converged() ? 0 : 1;
      double[] coef = fit.coef();
      return row -> {
        double lp = 0;
        for (int j = 0; j < used.length; j++) {
          lp += coef[j] * row[used[j]];
        }
        return lp;
      };
    };
    try {
      record(CrossValidation.evaluate(COMPARATOR, data, fineGray, false, settings.crossValidation()), data);
      if (reducedFolds[0] > 0) {
        notes.add("Fine-Gray comparator: in " + reducedFolds[0] + " cross-validation fold(s) a term of " + COMPARATOR_TERMS
            + " was constant in the training fold and left out of that fold's fit.");
      }
      if (unconverged[0] > 0) {
        notes.add("Fine-Gray comparator: " + unconverged[0] + " cross-validation fold fit(s) stopped after crr's 10 "
            + "iterations without meeting its convergence rule (a coefficient diverging in a small fold); the fold used "
            + "the last estimate, whose ranking of patients is what the AUC uses.");
      }
    } catch (StatsInputException e) {
      notes.add("Fine-Gray comparator of the risk models: " + e.getMessage());
    }
  }

  private void record(CrossValidationResult r, RiskData data) {
    SurvivalData relapse = relapseConcordanceData(data);
    double concordance = 0;
    for (double[] scores : r.outOfFold()) {
      concordance += Concordance.of(relapse, scores).c();
    }
    concordance /= r.outOfFold().length;
    CrossValidationResult.Metrics w = r.weighted();
    CrossValidationResult.Metrics cc = r.completeCase();
    riskModels.add(new RiskModelRow(r.model(), data.rows(), data.cases(), r.settings().folds(), r.settings().repeats(),
        r.settings().seed(), w.auc(), w.aucLower(), w.aucUpper(), w.brier(), w.calibrationSlope(),
        w.calibrationInTheLarge(), concordance, data.controls(), data.competingDeaths(), data.censoredBeforeHorizon(),
        data.rows() - data.censoredBeforeHorizon(), cc.auc(), cc.aucLower(), cc.aucUpper(), cc.brier(),
        cc.calibrationSlope(), cc.calibrationInTheLarge()));
    for (CalibrationBin bin : w.bins()) {
      calibration.add(new CalibrationRow(r.model(), bin.bin(), bin.rows(), bin.meanPredicted(), bin.observedRate(), "ipcw"));
    }
    for (CalibrationBin bin : cc.bins()) {
      calibration.add(new CalibrationRow(r.model(), bin.bin(), bin.rows(), bin.meanPredicted(), bin.observedRate(),
          "complete_case"));
    }
    int[] label = data.labels();
    for (int rep = 0; rep < r.outOfFold().length; rep++) {
      for (int i = 0; i < data.rows(); i++) {
        double score = r.outOfFold()[rep][i];
        outOfFold.add(new OutOfFoldRow(data.patientKeys().get(i), rep + 1, r.folds()[rep][i] + 1, r.model(),
            r.probabilities() ? score : null, r.probabilities() ? null : score,
            label[i] == RiskData.UNKNOWN ? null : label[i], data.days()[i], data.status()[i], r.weights()[i]));
      }
    }
  }

  /**
   * Harrell's C against the time to relapse with a competing death treated as never relapsing (its
   * time set beyond all follow-up, censored; Wolbers et al. 2009), so the C-index ranks the same
   * target as the AUC: relapse with death competing, not relapse in a world without deaths.
   */
  private static SurvivalData relapseConcordanceData(RiskData data) {
    double beyond = Arrays.stream(data.days()).max().orElse(0) + 1;
    double[] t = new double[data.rows()];
    int[] s = new int[t.length];
    for (int i = 0; i < s.length; i++) {
      boolean death = data.status()[i] == RiskData.NON_RELAPSE_DEATH;
      t[i] = death ? beyond : data.days()[i];
      s[i] = data.status()[i] == RiskData.RELAPSE ? 1 : 0;
    }
    return new SurvivalData(t, s);
  }

  private static boolean varies(double[][] x, int column) {
    return Arrays.stream(x).mapToDouble(r -> r[column]).distinct().limit(2).count() > 1;
  }

  private static double[][] select(double[][] x, int[] columns) {
    double[][] out = new double[x.length][columns.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < columns.length; j++) {
        out[i][j] = x[i][columns[j]];
      }
    }
    return out;
  }
}
