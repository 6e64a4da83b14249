package org.mrdflow.models.risk;

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
import org.mrdflow.models.cohort.MrdMeasurement;
import org.mrdflow.models.cohort.MrdStatus;
import org.mrdflow.models.cohort.Sex;

class RiskFeaturesTest {

  private static final LocalDate DAY0 = LocalDate.of(2021, 3, 1);

  private static LocalDate day(Integer d) {
    return d == null ? null : DAY0.plusDays(d);
  }

  private static ClinicalRecord row(String key, Integer hsct, Integer relapse, Integer death, int last) {
    Covariates cov = new Covariates(45, Sex.MALE, 2, true, false, true, 80, CarTSource.AUTOLOGOUS);
    return new ClinicalRecord(key, DAY0, day(hsct), day(relapse), day(death), day(last), cov);
  }

  private static MrdMeasurement marrow(String key, int d, double fraction, MrdStatus status, Boolean aplasia) {
    return new MrdMeasurement(key, key + d, day(d), null, "BM", fraction, status, 1_000_000, Math.round(fraction * 1e6), 1, aplasia, null, Double.NaN, null);
  }

  /*
   * Landmark day 90, horizon 730 days after it:
   *  R: relapse day 400 (310 after landmark)         -> label 1
   *  F: followed to day 1000 relapse-free             -> label 0
   *  N: death without relapse day 300                 -> label 0 (competing event)
   *  C: censored day 500, relapse-free                -> kept, label unknown (weighted by IPCW)
   *  E: relapse day 60, before the landmark           -> excluded (not at risk)
   *  L: relapse day 900 (810 after, beyond horizon)   -> label 0
   */
  @Test
  void labelsAndRowsFollowTheLandmarkAndHorizon() {
    Cohort cohort =
        CohortBuilder.build(
            List.of(row("R", null, 400, null, 500), row("F", null, null, null, 1000), row("N", null, null, 300, 300),
                row("C", null, null, null, 500), row("E", null, 60, null, 200), row("L", null, 900, null, 950)),
            List.of(), CohortSettings.defaults());
    RiskData data = RiskFeatures.build(cohort, RiskSettings.defaults());
    assertThat(data.patientKeys()).containsExactly("R", "F", "N", "C", "L");
    assertThat(data.labels()).containsExactly(1, 0, 0, RiskData.UNKNOWN, 0);
    assertThat(data.days()).containsExactly(310, 910, 210, 410, 810);
    assertThat(data.status()).containsExactly(1, 0, 2, 0, 1);
    assertThat(data.censoredBeforeHorizon()).isEqualTo(1);
    assertThat(data.competingDeaths()).isEqualTo(1);
  }

  @Test
  void mrdFeaturesUseOnlyMarrowsUpToTheLandmark() {
    Cohort cohort =
        CohortBuilder.build(
            List.of(row("T", 80, null, null, 1000)),
            List.of(
                marrow("T", 30, 0, MrdStatus.NEGATIVE, true),
                marrow("T", 60, 0, MrdStatus.NEGATIVE, false),
                marrow("T", 75, 2e-4, MrdStatus.POSITIVE, false),
                marrow("T", 120, 0.3, MrdStatus.POSITIVE, false)),
            CohortSettings.defaults());
    double[] x = RiskFeatures.build(cohort, RiskSettings.defaults()).x()[0];
    assertThat(x)
        .containsExactly(
            45, 1, 2, 1, 0, 1, 1, 1,
            Math.log10(2e-4), // peak by day 90, not the day-120 relapse marrow
            1, // positive by the landmark
            1, // B-cell aplasia lost on day 60 <= 63
            1, // transplanted on day 80
            1); // last marrow before HSCT (day 75) positive
  }
}
