package org.mrdflow.models.simulate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.mrdflow.models.cohort.CarTSource;
import org.mrdflow.models.cohort.ClinicalRecord;
import org.mrdflow.models.cohort.Covariates;
import org.mrdflow.models.cohort.MrdMeasurement;
import org.mrdflow.models.cohort.MrdStatus;
import org.mrdflow.models.cohort.PreTransplantGroup;
import org.mrdflow.models.cohort.Sex;

/**
 * Simulates a post-CAR-T cohort shaped like paper 002: non-transplanted patients and patients
 * transplanted after an MRD-negative or MRD-positive pre-HSCT marrow, with baseline covariates,
 * follow-up marrows on the published schedule, relapses, deaths and administrative censoring.
 *
 * <p>Event model. Each patient is at risk from day {@code a} (0 without transplant; the transplant
 * day otherwise, since the paper's transplanted patients were in remission at HSCT) with a constant
 * hazard {@code Lambda_g * exp(beta'x) / (730 - a)}, where x = (age >= 40, more than one prior
 * relapse) and exp(beta) = 3 for both (direction of paper 002, Table 2). The cumulative hazard at
 * day 730 is then {@code Lambda_g * exp(beta'x)} whatever {@code a}, and {@code Lambda_g} is solved
 * so that the expected 2-year LFS over the covariate distribution equals the group's target
 * exactly. An event is a relapse with the probability that splits the 2-year events into the
 * target CIR and NRM. After a relapse, death follows an exponential with the group's median.
 */
public final class CohortSimulator {

  /** 2 years, the horizon of the published rates. */
  static final double HORIZON_DAYS = 730;

  private static final double HAZARD_RATIO = 3.0;
  private static final double P_AGE_AT_LEAST_40 = 0.2;
  /** Prior relapses ~ Poisson(1), so P(more than one) = 1 - 2/e (paper 002: median 1, range 0-6). */
  private static final double PRIOR_RELAPSE_MEAN = 1.0;
  private static final double P_MORE_THAN_ONE_RELAPSE = 1 - 2 * Math.exp(-PRIOR_RELAPSE_MEAN);
  /** Follow-up marrows, months after CAR-T or after HSCT (paper 002, Methods), in days. */
  private static final int[] SCHEDULE_DAYS = {30, 61, 91, 183, 365, 548, 730, 1096, 1461};
  private static final LocalDate FIRST_INFUSION = LocalDate.of(2015, 6, 1);
  private static final int ENROLMENT_DAYS = 1645;
  private static final int LOD_EVENTS = 20;

  private final SimulationSettings settings;
  private final SplittableRandom random;
  private final List<MrdMeasurement> measurements = new ArrayList<>();

  private CohortSimulator(SimulationSettings settings) {
    this.settings = settings;
    this.random = new SplittableRandom(settings.seed());
  }

  /** Simulates a cohort; the same settings (seed included) always give the same cohort. */
  public static SimulatedCohort simulate(SimulationSettings settings) {
    return new CohortSimulator(settings).run();
  }

  private SimulatedCohort run() {
    List<PreTransplantGroup> groups = assignGroups();
    List<ClinicalRecord> clinical = new ArrayList<>(groups.size());
    for (int i = 0; i < groups.size(); i++) {
      clinical.add(patient(String.format("SIM%05d", i + 1), target(groups.get(i))));
    }
    return new SimulatedCohort(clinical, measurements, settings);
  }

  /** Group sizes by largest remainder of the reference shares, then shuffled. */
  private List<PreTransplantGroup> assignGroups() {
    List<GroupTarget> targets = settings.targets();
    int total = targets.stream().mapToInt(GroupTarget::patients).sum();
    int n = settings.patients();
    int[] counts = new int[targets.size()];
    double[] remainders = new double[targets.size()];
    int assigned = 0;
    for (int g = 0; g < targets.size(); g++) {
      double exact = (double) n * targets.get(g).patients() / total;
      counts[g] = (int) Math.floor(exact);
      remainders[g] = exact - counts[g];
      assigned += counts[g];
    }
    while (assigned < n) {
      int best = 0;
      for (int g = 1; g < remainders.length; g++) {
        if (remainders[g] > remainders[best]) {
          best = g;
        }
      }
      counts[best]++;
      remainders[best] = -1;
      assigned++;
    }
    List<PreTransplantGroup> groups = new ArrayList<>(n);
    for (int g = 0; g < counts.length; g++) {
      for (int k = 0; k < counts[g]; k++) {
        groups.add(targets.get(g).group());
      }
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      PreTransplantGroup t = groups.get(i);
      groups.set(i, groups.get(j));
      groups.set(j, t);
    }
    return groups;
  }

  private GroupTarget target(PreTransplantGroup group) {
    return settings.targets().stream().filter(t -> t.group() == group).findFirst().orElseThrow();
  }

  private ClinicalRecord patient(String key, GroupTarget target) {
    boolean transplanted = target.group() != PreTransplantGroup.NO_TRANSPLANT;
    boolean older = random.nextDouble() < P_AGE_AT_LEAST_40;
    // Under 40: skewed towards young adults so the cohort median is near the published 27 years.
    double age = older ? 40 + 25 * random.nextDouble() : 40 - 37 * Math.pow(random.nextDouble(), 1.5);
    int priorRelapses = Math.min(6, poisson(PRIOR_RELAPSE_MEAN));
    Covariates covariates =
        new Covariates(
            Math.floor(age),
            random.nextDouble() < 0.57 ? Sex.MALE : Sex.FEMALE,
            priorRelapses,
            random.nextDouble() < (transplanted ? 0.055 : 0.33),
            random.nextDouble() < 0.32,
            random.nextDouble() < 0.44,
            Math.round(Math.exp(Math.log(135) + 0.6 * gaussian())),
            carTSource(transplanted));

    LocalDate infusion = FIRST_INFUSION.plusDays(random.nextInt(ENROLMENT_DAYS));
    // Transplant at a median of 67 days after CAR-T, range 34-345 (paper 002, Results).
    int transplantDay =
        transplanted ? (int) Math.min(345, 34 + Math.round(Math.exp(Math.log(33) + 0.8 * gaussian()))) : -1;
    double riskScore = (older ? 1 : 0) + (covariates.moreThanOnePriorRelapse() ? 1 : 0);
    if (transplanted && settings.plannedTransplants()) {
      // until the planned HSCT the patient faces the untransplanted group's hazard; an event
      // before it means the transplant never happens
      GroupTarget untransplanted = target(PreTransplantGroup.NO_TRANSPLANT);
      double before = exponential(baselineCumulativeHazard(untransplanted.leukemiaFree2y())
          * Math.pow(HAZARD_RATIO, riskScore) / HORIZON_DAYS);
      if (before < transplantDay) {
        return untransplantedEvent(key, infusion, covariates, untransplanted, before);
      }
    }
    int atRiskFrom = transplanted ? transplantDay : 0;

    double hazard =
        baselineCumulativeHazard(target.leukemiaFree2y())
            * Math.pow(HAZARD_RATIO, riskScore)
            / (HORIZON_DAYS - atRiskFrom);
    double eventDay = atRiskFrom + exponential(hazard);
    boolean relapse = random.nextDouble() < target.relapseShareOfEvents();
    double deathDay =
        relapse ? eventDay + exponential(Math.log(2) / target.postRelapseMedianDays()) : eventDay;
    int censorDay = settings.minFollowUpDays()
        + random.nextInt(settings.maxFollowUpDays() - settings.minFollowUpDays() + 1);
    if (transplanted) {
      censorDay = Math.max(censorDay, transplantDay + 30);
    }

    int relapseDay = relapse && eventDay <= censorDay ? (int) Math.ceil(eventDay) : -1;
    // deathDay >= eventDay, so a death is never recorded before its relapse.
    int deathObserved = deathDay <= censorDay ? (int) Math.ceil(deathDay) : -1;
    int lastFollowUp = deathObserved > 0 ? deathObserved : censorDay;

    marrows(key, infusion, target.group(), transplantDay, relapseDay, lastFollowUp, relapse ? eventDay : Double.NaN);
    return new ClinicalRecord(
        key,
        infusion,
        transplanted ? infusion.plusDays(transplantDay) : null,
        relapseDay > 0 ? infusion.plusDays(relapseDay) : null,
        deathObserved > 0 ? infusion.plusDays(deathObserved) : null,
        infusion.plusDays(lastFollowUp),
        covariates);
  }

  /** A planned transplant that never happened: relapse or death on {@code eventDay}. */
  private ClinicalRecord untransplantedEvent(
      String key, LocalDate infusion, Covariates covariates, GroupTarget target, double eventDay) {
    boolean relapse = random.nextDouble() < target.relapseShareOfEvents();
    int censorDay = settings.minFollowUpDays()
        + random.nextInt(settings.maxFollowUpDays() - settings.minFollowUpDays() + 1);
    double deathDay =
        relapse ? eventDay + exponential(Math.log(2) / target.postRelapseMedianDays()) : eventDay;
    int relapseDay = relapse && eventDay <= censorDay ? Math.max(1, (int) Math.ceil(eventDay)) : -1;
    int deathObserved = deathDay <= censorDay ? Math.max(1, (int) Math.ceil(deathDay)) : -1;
    int lastFollowUp = deathObserved > 0 ? deathObserved : censorDay;
    marrows(key, infusion, PreTransplantGroup.NO_TRANSPLANT, -1, relapseDay, lastFollowUp,
        relapse ? eventDay : Double.NaN);
    return new ClinicalRecord(key, infusion, null,
        relapseDay > 0 ? infusion.plusDays(relapseDay) : null,
        deathObserved > 0 ? infusion.plusDays(deathObserved) : null,
        infusion.plusDays(lastFollowUp), covariates);
  }

  /**
   * Solves Lambda in E[exp(-Lambda * HR^(age40 + relapses>1))] = target by bisection; the
   * expectation is exact over the four covariate combinations.
   */
  static double baselineCumulativeHazard(double leukemiaFree2y) {
    double lo = 0;
    double hi = 50;
    for (int i = 0; i < 200; i++) {
      double mid = 0.5 * (lo + hi);
      if (expectedSurvival(mid) > leukemiaFree2y) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  private static double expectedSurvival(double lambda) {
    double s = 0;
    for (int age = 0; age <= 1; age++) {
      for (int rel = 0; rel <= 1; rel++) {
        double p = (age == 1 ? P_AGE_AT_LEAST_40 : 1 - P_AGE_AT_LEAST_40)
            * (rel == 1 ? P_MORE_THAN_ONE_RELAPSE : 1 - P_MORE_THAN_ONE_RELAPSE);
        s += p * Math.exp(-lambda * Math.pow(HAZARD_RATIO, age + rel));
      }
    }
    return s;
  }

  private CarTSource carTSource(boolean transplanted) {
    // Paper 002, Table 1.
    double u = random.nextDouble();
    if (transplanted) {
      return u < 0.909 ? CarTSource.AUTOLOGOUS : u < 0.964 ? CarTSource.RECIPIENT_DERIVED_ALLOGENEIC : CarTSource.THIRD_PARTY;
    }
    return u < 0.657 ? CarTSource.AUTOLOGOUS
        : u < 0.881 ? CarTSource.RECIPIENT_DERIVED_ALLOGENEIC
        : u < 0.985 ? CarTSource.DONOR_DERIVED_ALLOGENEIC
        : CarTSource.THIRD_PARTY;
  }

  /**
   * Marrows on the follow-up schedule (after CAR-T, and again after HSCT), one within a week
   * before HSCT carrying the group's status, MRD rising in the 60 days before a relapse, and the
   * diagnostic marrow at relapse. B-cell aplasia is lost earlier in patients who will relapse
   * (paper 001: early loss signals relapse risk).
   */
  private void marrows(
      String key, LocalDate infusion, PreTransplantGroup group, int transplantDay, int relapseDay,
      int lastFollowUp, double latentRelapseDay) {
    int endDay = relapseDay > 0 ? relapseDay : lastFollowUp;
    boolean willRelapse = !Double.isNaN(latentRelapseDay);
    double aplasiaLossDay = exponential(1.0 / (willRelapse ? 90 : 300));
    boolean cd19NegativeRelapse = random.nextDouble() < 0.25;
    int index = 0;
    for (int day : SCHEDULE_DAYS) {
      if (transplantDay > 0 && day >= transplantDay - 7) {
        break;
      }
      if (day >= endDay) {
        break;
      }
      add(key, ++index, infusion, day, "d" + day, beforeRelapse(day, latentRelapseDay),
          day < aplasiaLossDay, cd19NegativeRelapse);
    }
    if (transplantDay > 0) {
      int preDay = transplantDay - 1 - random.nextInt(7);
      boolean positive = group == PreTransplantGroup.MRD_POSITIVE;
      add(key, ++index, infusion, preDay, "pre-HSCT", positive ? lowLevelMrd() : 0,
          preDay < aplasiaLossDay, cd19NegativeRelapse);
      for (int after : SCHEDULE_DAYS) {
        int day = transplantDay + after;
        if (day >= endDay) {
          break;
        }
        add(key, ++index, infusion, day, "HSCT+d" + after, beforeRelapse(day, latentRelapseDay),
            null, cd19NegativeRelapse);
      }
    }
    if (relapseDay > 0) {
      add(key, ++index, infusion, relapseDay, "relapse", Math.exp(Math.log(0.05) + 1.5 * gaussian()),
          false, cd19NegativeRelapse);
    }
  }

  /** MRD before a relapse: detectable in the 60 days before it, otherwise none. */
  private double beforeRelapse(int day, double latentRelapseDay) {
    return latentRelapseDay - day <= 60 && random.nextDouble() < 0.6 ? lowLevelMrd() : 0;
  }

  /** Log-uniform between 1e-4 and 1e-2. */
  private double lowLevelMrd() {
    return Math.pow(10, -4 + 2 * random.nextDouble());
  }

  private void add(
      String key, int index, LocalDate infusion, int day, String timepoint, double leukemicFraction,
      Boolean bCellAplasia, boolean cd19Negative) {
    long nucleated = 300_000 + random.nextInt(1_700_000);
    long blasts;
    MrdStatus status;
    if (leukemicFraction > 0) {
      // Rounded up, so blasts / nucleated stays at or above the drawn fraction (>= 1e-4).
      blasts = Math.max(LOD_EVENTS, (long) Math.ceil(leukemicFraction * nucleated));
      status = MrdStatus.POSITIVE;
    } else {
      blasts = random.nextInt(3);
      status = MrdStatus.NEGATIVE;
    }
    double fraction = (double) blasts / nucleated;
    double cd19Fraction = leukemicFraction > 0 ? (cd19Negative ? 0.02 : 0.98) : Double.NaN;
    measurements.add(
        new MrdMeasurement(key, key + "-" + index, infusion.plusDays(day), timepoint, "BM", fraction,
            status, nucleated, blasts, cd19Fraction, bCellAplasia, null, Double.NaN,
            leukemicFraction > 0 ? cd19Fraction >= 0.95 : null));
  }

  private double exponential(double rate) {
    return -Math.log(1 - random.nextDouble()) / rate;
  }

  private double gaussian() {
    // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  private int poisson(double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int k = 0;
    while (product > limit) {
      product *= random.nextDouble();
      k++;
    }
    return k;
  }
}
