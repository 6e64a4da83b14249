package org.mrdflow.models.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CohortBuilderTest {

  private static final LocalDate DAY0 = LocalDate.of(2020, 1, 1);
  private static final Covariates COV =
      new Covariates(30, Sex.FEMALE, 1, false, false, false, 150, CarTSource.AUTOLOGOUS);

  private static LocalDate day(int d) {
    return DAY0.plusDays(d);
  }

  private static ClinicalRecord patient(
      String key, Integer transplant, Integer relapse, Integer death, int lastFollowUp) {
    return new ClinicalRecord(
        key,
        DAY0,
        transplant == null ? null : day(transplant),
        relapse == null ? null : day(relapse),
        death == null ? null : day(death),
        day(lastFollowUp),
        COV);
  }

  private static MrdMeasurement marrow(String key, int d, MrdStatus status) {
    return new MrdMeasurement(key, key + "-" + d + status, day(d), null, "BM", 0, status, 500_000, 0, Double.NaN, true, null, Double.NaN, null);
  }

  /*
   * Hand-worked cohort (days from infusion):
   *  A: no transplant, relapse d100, death d200             -> LFS 100 event, OS 200 event, CIR cause 1 at 100
   *  B: HSCT d60, marrow d40 NEG, d55 POS, alive d800         -> MRD+ (last marrow d55), all censored at 800
   *  C: HSCT d70, marrow d50 POS, d65 NEG, death d300 no rel. -> MRD-, LFS/OS 300 event, NRM cause 2 at 300
   *  D: HSCT d90, marrow d20 NEG only (outside 30-day window) -> MRD unknown
   *  E: HSCT d80, marrow d75 INDETERMINATE                    -> MRD unknown (last marrow decides)
   *  F: relapse d50, HSCT d80 (salvage), alive d400           -> from-transplant endpoints absent
   */
  private Cohort handWorked() {
    List<ClinicalRecord> clinical =
        List.of(
            patient("A", null, 100, 200, 200),
            patient("B", 60, null, null, 800),
            patient("C", 70, null, 300, 300),
            patient("D", 90, null, null, 500),
            patient("E", 80, null, null, 500),
            patient("F", 80, 50, null, 400));
    List<MrdMeasurement> mrd =
        List.of(
            marrow("B", 55, MrdStatus.POSITIVE),
            marrow("B", 40, MrdStatus.NEGATIVE),
            marrow("C", 50, MrdStatus.POSITIVE),
            marrow("C", 65, MrdStatus.NEGATIVE),
            marrow("D", 20, MrdStatus.NEGATIVE),
            marrow("E", 75, MrdStatus.INDETERMINATE),
            marrow("Z", 10, MrdStatus.POSITIVE));
    return CohortBuilder.build(clinical, mrd, CohortSettings.defaults());
  }

  @Test
  void leukemiaFreeSurvivalEndsAtTheFirstOfRelapseOrDeath() {
    Cohort cohort = handWorked();
    Endpoints a = cohort.patients().get(0).fromInfusion();
    assertThat(a.leukemiaFree()).isEqualTo(new TimeToEvent(100, true));
    assertThat(a.overall()).isEqualTo(new TimeToEvent(200, true));
    assertThat(a.relapseOrNonRelapseDeath()).isEqualTo(new CompetingOutcome(100, CompetingOutcome.RELAPSE));
  }

  @Test
  void deathWithoutRelapseIsNonRelapseMortality() {
    Endpoints c = handWorked().patients().get(2).fromInfusion();
    assertThat(c.leukemiaFree()).isEqualTo(new TimeToEvent(300, true));
    assertThat(c.relapseOrNonRelapseDeath())
        .isEqualTo(new CompetingOutcome(300, CompetingOutcome.NON_RELAPSE_DEATH));
  }

  @Test
  void mrdPositivityAloneIsNotARelapse() {
    CohortPatient b = handWorked().patients().get(1);
    assertThat(b.group()).isEqualTo(PreTransplantGroup.MRD_POSITIVE);
    assertThat(b.fromInfusion().leukemiaFree()).isEqualTo(new TimeToEvent(800, false));
    assertThat(b.fromInfusion().relapseOrNonRelapseDeath())
        .isEqualTo(new CompetingOutcome(800, CompetingOutcome.CENSORED));
  }

  @Test
  void theLastMarrowInTheWindowDecidesThePreTransplantGroup() {
    List<CohortPatient> p = handWorked().patients();
    assertThat(p).extracting(CohortPatient::group)
        .containsExactly(
            PreTransplantGroup.NO_TRANSPLANT,
            PreTransplantGroup.MRD_POSITIVE,
            PreTransplantGroup.MRD_NEGATIVE,
            PreTransplantGroup.MRD_UNKNOWN,
            PreTransplantGroup.MRD_UNKNOWN,
            PreTransplantGroup.MRD_UNKNOWN);
    assertThat(p.get(1).preTransplantMarrow().collectionDate()).isEqualTo(day(55));
    assertThat(p.get(2).preTransplantMarrow().collectionDate()).isEqualTo(day(65));
    assertThat(p.get(3).preTransplantMarrow()).isNull();
  }

  @Test
  void aWiderWindowReachesAnOlderMarrow() {
    Cohort cohort =
        CohortBuilder.build(
            List.of(patient("D", 90, null, null, 500)),
            List.of(marrow("D", 20, MrdStatus.NEGATIVE)),
            new CohortSettings(70));
    assertThat(cohort.patients().get(0).group()).isEqualTo(PreTransplantGroup.MRD_NEGATIVE);
  }

  @Test
  void aSameDayPositiveAliquotWinsOverANegativeOne() {
    Cohort cohort =
        CohortBuilder.build(
            List.of(patient("G", 60, null, null, 500)),
            List.of(marrow("G", 58, MrdStatus.NEGATIVE), marrow("G", 58, MrdStatus.POSITIVE)),
            CohortSettings.defaults());
    assertThat(cohort.patients().get(0).group()).isEqualTo(PreTransplantGroup.MRD_POSITIVE);
  }

  @Test
  void peripheralBloodDoesNotDecideThePreTransplantGroup() {
    MrdMeasurement blood =
        new MrdMeasurement("H", "H-pb", day(59), null, "PB", 0.01, MrdStatus.POSITIVE, 500_000, 5000, 1, true, null, Double.NaN, null);
    Cohort cohort =
        CohortBuilder.build(
            List.of(patient("H", 60, null, null, 500)),
            List.of(marrow("H", 50, MrdStatus.NEGATIVE), blood),
            CohortSettings.defaults());
    assertThat(cohort.patients().get(0).group()).isEqualTo(PreTransplantGroup.MRD_NEGATIVE);
  }

  @Test
  void theTransplantLandmarkMeasuresFromTheTransplantDate() {
    Cohort cohort = handWorked();
    CohortPatient c = cohort.patients().get(2);
    assertThat(c.fromTransplant().leukemiaFree()).isEqualTo(new TimeToEvent(230, true));
    assertThat(c.fromTransplant().overall()).isEqualTo(new TimeToEvent(230, true));
    CohortPatient b = cohort.patients().get(1);
    assertThat(b.fromTransplant().leukemiaFree()).isEqualTo(new TimeToEvent(740, false));
    // F relapsed before the transplant: not at risk at the landmark.
    assertThat(cohort.patients().get(5).fromTransplant()).isNull();
    assertThat(cohort.transplantLandmark()).extracting(CohortPatient::patientKey)
        .containsExactly("B", "C", "D", "E");
  }

  @Test
  void measurementsOfUnknownPatientsAreReportedNotDropped() {
    Cohort cohort = handWorked();
    assertThat(cohort.unmatchedMeasurements()).extracting(MrdMeasurement::patientKey).containsExactly("Z");
    assertThat(cohort.patients().get(1).samples()).extracting(MrdMeasurement::collectionDate)
        .containsExactly(day(40), day(55));
  }

  @Test
  void relapseAfterDeathIsRejectedNamingTheRow() {
    List<ClinicalRecord> rows = List.of(patient("A", null, null, null, 10), patient("B", null, 300, 200, 200));
    assertThatThrownBy(() -> CohortBuilder.build(rows, List.of(), CohortSettings.defaults()))
        .isInstanceOf(ClinicalDataException.class)
        .hasMessage("clinical row 2 (patient_key B): death_date 2020-07-19 is before relapse_date 2020-10-27")
        .satisfies(e -> assertThat(((ClinicalDataException) e).row()).isEqualTo(2));
  }

  @Test
  void aDateBeforeTheInfusionIsRejected() {
    List<ClinicalRecord> rows = List.of(patient("A", -5, null, null, 10));
    assertThatThrownBy(() -> CohortBuilder.build(rows, List.of(), CohortSettings.defaults()))
        .isInstanceOf(ClinicalDataException.class)
        .hasMessageContaining("row 1 (patient_key A): transplant_date 2019-12-27 is before car_t_infusion_date");
  }

  @Test
  void transplantAfterDeathIsRejected() {
    List<ClinicalRecord> rows = List.of(patient("A", 90, null, 60, 60));
    assertThatThrownBy(() -> CohortBuilder.build(rows, List.of(), CohortSettings.defaults()))
        .isInstanceOf(ClinicalDataException.class)
        .hasMessageContaining("death_date 2020-03-01 is before transplant_date");
  }

  @Test
  void followUpBeyondDeathIsRejected() {
    List<ClinicalRecord> rows = List.of(patient("A", null, null, 60, 90));
    assertThatThrownBy(() -> CohortBuilder.build(rows, List.of(), CohortSettings.defaults()))
        .isInstanceOf(ClinicalDataException.class)
        .hasMessageContaining("differs from death_date");
  }

  @Test
  void relapseAfterTheLastFollowUpIsRejected() {
    List<ClinicalRecord> rows = List.of(patient("A", null, 120, null, 90));
    assertThatThrownBy(() -> CohortBuilder.build(rows, List.of(), CohortSettings.defaults()))
        .isInstanceOf(ClinicalDataException.class)
        .hasMessageContaining("last_follow_up_date 2020-03-31 is before relapse_date");
  }

  @Test
  void duplicatePatientsAreRejected() {
    List<ClinicalRecord> rows = List.of(patient("A", null, null, null, 10), patient("A", null, null, null, 20));
    assertThatThrownBy(() -> CohortBuilder.build(rows, List.of(), CohortSettings.defaults()))
        .isInstanceOf(ClinicalDataException.class)
        .hasMessage("clinical row 2 (patient_key A): duplicate patient_key, first seen in row 1");
  }

  @Test
  void aMissingInfusionDateIsRejected() {
    List<ClinicalRecord> rows =
        List.of(new ClinicalRecord("A", null, null, null, null, day(5), COV));
    assertThatThrownBy(() -> CohortBuilder.build(rows, List.of(), CohortSettings.defaults()))
        .isInstanceOf(ClinicalDataException.class)
        .hasMessage("clinical row 1 (patient_key A): car_t_infusion_date is missing");
  }
}
