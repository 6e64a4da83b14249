package org.mrdflow.models.risk;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.mrdflow.models.cohort.CarTSource;
import org.mrdflow.models.cohort.Cohort;
import org.mrdflow.models.cohort.CohortPatient;
import org.mrdflow.models.cohort.CompetingOutcome;
import org.mrdflow.models.cohort.Covariates;
import org.mrdflow.models.cohort.Endpoints;
import org.mrdflow.models.cohort.MrdMeasurement;
import org.mrdflow.models.cohort.MrdStatus;
import org.mrdflow.models.cohort.PreTransplantGroup;
import org.mrdflow.models.cohort.Sex;

/**
 * Builds {@link RiskData} from a cohort: baseline covariates (domain.md section 5) and MRD features
 * from the marrows collected up to the landmark, so nothing after the prediction time leaks in.
 */
public final class RiskFeatures {

  /** MRD below this (including none detected) enters the log scale at this floor. */
  static final double MRD_FLOOR = 1e-6;

  /** Loss of B-cell aplasia by day 63 signals waning CAR-T function (paper 001). */
  static final int EARLY_APLASIA_LOSS_DAYS = 63;

  /** Feature names, the column order of {@link RiskData#x()}. */
  public static final List<String> NAMES =
      List.of(
          "age_years",
          "male",
          "prior_relapses",
          "prior_allo_hsct",
          "poor_risk_cytogenetics",
          "ldh_above_uln",
          "low_platelets",
          "autologous_car_t",
          "mrd_peak_log10",
          "mrd_positive_by_landmark",
          "early_b_cell_aplasia_loss",
          "transplanted_by_landmark",
          "pre_hsct_mrd_positive");

  private RiskFeatures() {}

  /**
   * One row per patient alive, relapse-free and followed at the landmark, with the competing
   * outcome after it. A patient censored before the horizon is kept (label unknown, weighted by
   * {@link Ipcw}), never dropped.
   */
  public static RiskData build(Cohort cohort, RiskSettings settings) {
    List<String> keys = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    List<Double> days = new ArrayList<>();
    List<Integer> status = new ArrayList<>();
    for (CohortPatient p : cohort.patients()) {
      Endpoints e = p.fromLandmark(settings.landmarkDays());
      if (e == null) {
        continue;
      }
      CompetingOutcome outcome = e.relapseOrNonRelapseDeath();
      keys.add(p.patientKey());
      rows.add(features(p, settings.landmarkDays()));
      days.add(outcome.days());
      status.add(outcome.cause());
    }
    return new RiskData(NAMES, keys, rows.toArray(double[][]::new), days.stream().mapToDouble(Double::doubleValue).toArray(),
        status.stream().mapToInt(Integer::intValue).toArray(), settings.horizonDays());
  }

  static double[] features(CohortPatient p, int landmarkDays) {
    Covariates c = p.covariates();
    LocalDate infusion = p.clinical().carTInfusionDate();
    LocalDate landmark = infusion.plusDays(landmarkDays);
    LocalDate earlyLimit = infusion.plusDays(EARLY_APLASIA_LOSS_DAYS);
    double peak = MRD_FLOOR;
    boolean positive = false;
    boolean earlyAplasiaLoss = false;
    for (MrdMeasurement m : p.samples()) {
      if (!m.isMarrow() || m.collectionDate().isAfter(landmark)) {
        continue;
      }
      if (m.mrdFraction() > peak) {
        peak = m.mrdFraction();
      }
      positive |= m.status() == MrdStatus.POSITIVE;
      earlyAplasiaLoss |= Boolean.FALSE.equals(m.bCellAplasia()) && !m.collectionDate().isAfter(earlyLimit);
    }
    LocalDate transplant = p.clinical().transplantDate();
    boolean transplanted = transplant != null && !transplant.isAfter(landmark);
    return new double[] {
      c.ageYears(),
      c.sex() == Sex.MALE ? 1 : 0,
      c.priorRelapses(),
      c.priorAlloHsct() ? 1 : 0,
      c.poorRiskCytogenetics() ? 1 : 0,
      c.ldhAboveUln() ? 1 : 0,
      c.lowPlatelets() ? 1 : 0,
      c.carTSource() == CarTSource.AUTOLOGOUS ? 1 : 0,
      Math.log10(peak),
      positive ? 1 : 0,
      earlyAplasiaLoss ? 1 : 0,
      transplanted ? 1 : 0,
      transplanted && p.group() == PreTransplantGroup.MRD_POSITIVE ? 1 : 0
    };
  }
}
