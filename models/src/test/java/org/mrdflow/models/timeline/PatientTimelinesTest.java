package org.mrdflow.models.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mrdflow.models.cohort.MrdStatus.INDETERMINATE;
import static org.mrdflow.models.cohort.MrdStatus.NEGATIVE;
import static org.mrdflow.models.cohort.MrdStatus.POSITIVE;
import static org.mrdflow.models.timeline.TimelineFlag.Type.CD19_NEGATIVE_EMERGENCE;
import static org.mrdflow.models.timeline.TimelineFlag.Type.LOSS_OF_B_CELL_APLASIA;
import static org.mrdflow.models.timeline.TimelineFlag.Type.MRD_BEFORE_HSCT;
import static org.mrdflow.models.timeline.TimelineFlag.Type.MRD_CONVERSION;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mrdflow.models.cohort.CarTSource;
import org.mrdflow.models.cohort.ClinicalDataException;
import org.mrdflow.models.cohort.ClinicalRecord;
import org.mrdflow.models.cohort.Covariates;
import org.mrdflow.models.cohort.MrdMeasurement;
import org.mrdflow.models.cohort.MrdStatus;
import org.mrdflow.models.cohort.Sex;

/** Hand-built histories whose flags are known; days are counted from the CAR-T infusion (DAY0). */
class PatientTimelinesTest {

  private static final LocalDate DAY0 = LocalDate.of(2026, 3, 2);
  private static final Covariates COV = new Covariates(30, Sex.FEMALE, 1, false, false, false, 150, CarTSource.AUTOLOGOUS);

  private static LocalDate day(int d) {
    return DAY0.plusDays(d);
  }

  /** A marrow with only an MRD call (no lymphocytes, no CD19 call). */
  private static MrdMeasurement mrd(String key, int d, MrdStatus status) {
    return sample(key, key + "-d" + d + "-" + status, d, "BM", status, status == POSITIVE ? 2e-3 : 0, Double.NaN, null,
        Double.NaN, null);
  }

  /** A marrow with only a B-cell measurement (aplasia = fraction below 3%). */
  private static MrdMeasurement bCells(String key, int d, double fractionOfLymphocytes) {
    Boolean aplasia = Double.isNaN(fractionOfLymphocytes) ? null : fractionOfLymphocytes < 0.03;
    return sample(key, key + "-d" + d + "-b" + fractionOfLymphocytes, d, "BM", NEGATIVE, 0, fractionOfLymphocytes, aplasia,
        Double.NaN, null);
  }

  /** A POSITIVE marrow with a CD19 call; eligible null = CD19 status not established. */
  private static MrdMeasurement cd19(String key, int d, double share, Boolean eligible) {
    return sample(key, key + "-d" + d + "-cd19-" + share, d, "BM", POSITIVE, 1e-3, 0.2, false, share, eligible);
  }

  private static MrdMeasurement sample(String key, String id, int d, String specimen, MrdStatus status, double mrd,
      double bCells, Boolean aplasia, double cd19Share, Boolean eligible) {
    long nucleated = 500_000;
    long blasts = Math.round(mrd * nucleated);
    return new MrdMeasurement(key, id, day(d), "d" + d, specimen, mrd, status, nucleated, blasts,
        blasts > 0 ? cd19Share : Double.NaN, aplasia, "run-1", bCells, eligible);
  }

  private static ClinicalRecord clinical(String key, Integer transplant, Integer relapse) {
    return new ClinicalRecord(key, DAY0, transplant == null ? null : day(transplant), relapse == null ? null : day(relapse),
        null, day(400), COV);
  }

  private static PatientTimeline only(List<MrdMeasurement> samples, ClinicalRecord clinical) {
    List<PatientTimeline> timelines = PatientTimelines.build(samples, clinical == null ? List.of() : List.of(clinical));
    assertThat(timelines).hasSize(1);
    return timelines.get(0);
  }

  private static List<TimelineFlag> flags(PatientTimeline t, TimelineFlag.Type type) {
    return t.flags().stream().filter(f -> f.type() == type).toList();
  }

  @Test
  void aNegativeMarrowFollowedByAPositiveOneIsAnMrdConversionAtThePositive() {
    MrdMeasurement neg = mrd("A", 28, NEGATIVE);
    MrdMeasurement pos = mrd("A", 90, POSITIVE);
    PatientTimeline t = only(List.of(mrd("A", -7, POSITIVE), neg, pos), clinical("A", null, null));

    assertThat(flags(t, MRD_CONVERSION)).singleElement().satisfies(f -> {
      assertThat(f.sample()).isEqualTo(pos);
      assertThat(f.reference()).isEqualTo(neg);
      assertThat(f.description()).isEqualTo(
          "MRD conversion: NEGATIVE on 2026-03-30, POSITIVE (0.2 %) on 2026-05-31.");
    });
    assertThat(t.flagsOf(pos)).extracting(TimelineFlag::type).containsExactly(MRD_CONVERSION);
    assertThat(t.flagsOf(neg)).isEmpty();
  }

  @Test
  void positiveThenNegativeAndPersistentNegativesAreNoConversion() {
    assertThat(only(List.of(mrd("A", -7, POSITIVE), mrd("A", 28, NEGATIVE), mrd("A", 90, NEGATIVE)), null).flags()).isEmpty();
    assertThat(only(List.of(mrd("A", -7, POSITIVE), mrd("A", 28, POSITIVE)), null).flags()).isEmpty();
  }

  @Test
  void anIndeterminateMarrowCountsAsNeitherNegativeNorPositive() {
    MrdMeasurement neg = mrd("A", 28, NEGATIVE);
    PatientTimeline between = only(List.of(neg, mrd("A", 60, INDETERMINATE), mrd("A", 90, POSITIVE)), null);
    assertThat(flags(between, MRD_CONVERSION)).singleElement().satisfies(f -> {
      assertThat(f.reference()).isEqualTo(neg);
      assertThat(f.description()).endsWith("the INDETERMINATE marrows between them count as neither.");
    });

    // nothing showed this patient negative: an INDETERMINATE marrow is not a negative one
    assertThat(only(List.of(mrd("A", 28, INDETERMINATE), mrd("A", 90, POSITIVE)), null).flags()).isEmpty();
    // nor is it a positive one
    assertThat(only(List.of(mrd("A", 28, NEGATIVE), mrd("A", 90, INDETERMINATE)), null).flags()).isEmpty();
  }

  @Test
  void everyConversionIsFlaggedEachFromTheLastNegativeBeforeIt() {
    MrdMeasurement neg1 = mrd("A", 28, NEGATIVE);
    MrdMeasurement neg2 = mrd("A", 45, NEGATIVE);
    MrdMeasurement pos1 = mrd("A", 60, POSITIVE);
    MrdMeasurement neg3 = mrd("A", 120, NEGATIVE);
    MrdMeasurement pos2 = mrd("A", 180, POSITIVE);
    PatientTimeline t = only(List.of(neg1, neg2, pos1, neg3, pos2), null);
    assertThat(flags(t, MRD_CONVERSION)).extracting(TimelineFlag::reference, TimelineFlag::sample)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(neg2, pos1), org.assertj.core.groups.Tuple.tuple(neg3, pos2));
  }

  @Test
  void sameDayAliquotsAreOneTimePointWhosePositiveCallStands() {
    // a NEGATIVE and a POSITIVE aliquot of one day: no conversion within the day
    assertThat(only(List.of(mrd("A", 28, NEGATIVE), mrd("A", 28, POSITIVE)), null).flags()).isEmpty();
    // after an earlier NEGATIVE, the day is POSITIVE: one conversion, shown by the POSITIVE aliquot
    MrdMeasurement pos = mrd("A", 60, POSITIVE);
    PatientTimeline t = only(List.of(mrd("A", 28, NEGATIVE), mrd("A", 60, NEGATIVE), pos, mrd("A", 60, INDETERMINATE)), null);
    assertThat(flags(t, MRD_CONVERSION)).singleElement().satisfies(f -> {
      assertThat(f.sample()).isEqualTo(pos);
      assertThat(f.reference().collectionDate()).isEqualTo(day(28));
    });
  }

  @Test
  void samplesInAnyOrderGiveTheSameTimelineOrderedByDateThenSampleId() {
    List<MrdMeasurement> samples = new ArrayList<>(List.of(mrd("A", -7, POSITIVE), mrd("A", 28, NEGATIVE),
        bCells("A", 28, 0.01), bCells("A", 56, 0.12), mrd("A", 90, POSITIVE), cd19("A", 90, 1.0, true),
        cd19("A", 120, 0.0, false)));
    PatientTimeline sorted = only(samples, clinical("A", null, null));
    Random random = new Random(12);
    for (int i = 0; i < 5; i++) {
      List<MrdMeasurement> shuffled = new ArrayList<>(samples);
      Collections.shuffle(shuffled, random);
      assertThat(only(shuffled, clinical("A", null, null))).isEqualTo(sorted);
    }
    assertThat(sorted.samples()).extracting(MrdMeasurement::collectionDate).isSorted();
    assertThat(sorted.samples().get(1).sampleId()).isLessThan(sorted.samples().get(2).sampleId());
    assertThat(sorted.flags()).extracting(TimelineFlag::type)
        .containsExactly(MRD_CONVERSION, LOSS_OF_B_CELL_APLASIA, CD19_NEGATIVE_EMERGENCE);
  }

  @Test
  void lossOfBCellAplasiaWithinTwoMonthsOfInfusionIsEarly() {
    MrdMeasurement aplastic = bCells("A", 28, 0.014);
    MrdMeasurement back = bCells("A", 56, 0.12);
    PatientTimeline t = only(List.of(aplastic, back, bCells("A", 90, 0.2)), clinical("A", null, null));
    assertThat(flags(t, LOSS_OF_B_CELL_APLASIA)).singleElement().satisfies(f -> {
      assertThat(f.sample()).isEqualTo(back);
      assertThat(f.reference()).isEqualTo(aplastic);
      assertThat(f.early()).isTrue();
      assertThat(f.description()).isEqualTo("Loss of B-cell aplasia: B cells 1.4 % of lymphocytes on 2026-03-30, 12 % on"
          + " 2026-04-27 (day 56 after CAR-T: early, within 63 days, a sign of waning CAR-T function).");
    });

    // day 63 is still early, day 64 is not
    assertThat(only(List.of(aplastic, bCells("A", 63, 0.12)), clinical("A", null, null)).flag(LOSS_OF_B_CELL_APLASIA).early())
        .isTrue();
    TimelineFlag late = only(List.of(aplastic, bCells("A", 64, 0.12)), clinical("A", null, null)).flag(LOSS_OF_B_CELL_APLASIA);
    assertThat(late.early()).isFalse();
    assertThat(late.description()).endsWith("(day 64 after CAR-T).");

    // without a clinical row the loss is flagged but cannot be placed relative to the infusion
    TimelineFlag unplaced = only(List.of(aplastic, back), null).flag(LOSS_OF_B_CELL_APLASIA);
    assertThat(unplaced.early()).isNull();
    assertThat(unplaced.description()).endsWith("(infusion date unknown).");
  }

  @Test
  void persistentAplasiaAndBCellsThatNeverWentAreNoLoss() {
    assertThat(only(List.of(bCells("A", 28, 0.01), bCells("A", 90, 0.0)), clinical("A", null, null)).flags()).isEmpty();
    assertThat(only(List.of(bCells("A", 28, 0.2), bCells("A", 90, 0.3)), clinical("A", null, null)).flags()).isEmpty();
  }

  @Test
  void aplasiaBeforeTheInfusionOrBCellsAfterTheTransplantAreNoLossOfCarTFunction() {
    // aplasia before CAR-T (after chemotherapy or blinatumomab) says nothing of the CAR-T cells
    assertThat(only(List.of(bCells("A", -7, 0.01), bCells("A", 28, 0.2)), clinical("A", null, null)).flags()).isEmpty();
    // the graft's B cells after an allogeneic transplant are expected
    PatientTimeline t = only(List.of(bCells("A", 28, 0.01), bCells("A", 120, 0.2)), clinical("A", 60, null));
    assertThat(flags(t, LOSS_OF_B_CELL_APLASIA)).isEmpty();
    // a marrow on the transplant day is still before it
    assertThat(flags(only(List.of(bCells("A", 28, 0.01), bCells("A", 60, 0.2)), clinical("A", 60, null)),
        LOSS_OF_B_CELL_APLASIA)).hasSize(1);
  }

  @Test
  void marrowsWithoutAnAplasiaCallAreSkippedAndASameDayMarrowWithBCellsEndsAplasia() {
    MrdMeasurement aplastic = bCells("A", 28, 0.01);
    MrdMeasurement back = bCells("A", 90, 0.1);
    PatientTimeline t = only(List.of(aplastic, bCells("A", 60, Double.NaN), back), null);
    assertThat(t.flag(LOSS_OF_B_CELL_APLASIA).reference()).isEqualTo(aplastic);
    assertThat(t.flag(LOSS_OF_B_CELL_APLASIA).sample()).isEqualTo(back);
    // aplastic and non-aplastic aliquots of one day: not aplastic that day, and no loss within the day
    assertThat(only(List.of(bCells("A", 28, 0.01), bCells("A", 28, 0.1)), null).flags()).isEmpty();
  }

  @Test
  void bloodSamplesRaiseNoFlag() {
    MrdMeasurement bloodPositive = sample("A", "A-pb", 90, "PB", POSITIVE, 1e-3, 0.2, false, 1.0, true);
    assertThat(only(List.of(mrd("A", 28, NEGATIVE), bloodPositive), null).flags()).isEmpty();
  }

  @Test
  void blastsThatLoseCd19AfterCd19PositiveDiseaseAreCd19NegativeEmergence() {
    MrdMeasurement eligible = cd19("A", -7, 0.99, true);
    MrdMeasurement partial = cd19("A", 90, 0.70, false);
    PatientTimeline t = only(List.of(eligible, partial), clinical("A", null, null));
    assertThat(flags(t, CD19_NEGATIVE_EMERGENCE)).singleElement().satisfies(f -> {
      assertThat(f.sample()).isEqualTo(partial);
      assertThat(f.reference()).isEqualTo(eligible);
      assertThat(f.description()).isEqualTo("CD19-negative blasts: 99 % of blasts CD19-positive on 2026-02-23, 70 % on"
          + " 2026-05-31; not eligible for a humanized CD19 CAR-T (needs 95 %).");
    });

    // a clone that was mixed before CAR-T and is CD19-negative after it (the demo's patient 2)
    MrdMeasurement mixed = cd19("A", -5, 0.75, false);
    MrdMeasurement negative = cd19("A", 28, 0.0, false);
    TimelineFlag escape = only(List.of(mixed, negative), null).flag(CD19_NEGATIVE_EMERGENCE);
    assertThat(escape.reference()).isEqualTo(mixed);
    assertThat(escape.sample()).isEqualTo(negative);
  }

  @Test
  void stableMixedOrNegativeBlastsAndUnestablishedCd19StatusAreNoEmergence() {
    assertThat(only(List.of(cd19("A", -5, 0.75, false), cd19("A", 28, 0.72, false)), null).flags()).isEmpty();
    assertThat(only(List.of(cd19("A", -5, 0.02, false), cd19("A", 28, 0.0, false)), null).flags()).isEmpty();
    assertThat(only(List.of(cd19("A", -5, 1.0, true), cd19("A", 28, 0.98, true)), null).flags()).isEmpty();
    // too few blasts (or CD19 expression uncertain): the analysis established no CD19 status
    assertThat(only(List.of(cd19("A", -5, 1.0, true), cd19("A", 28, 0.0, null)), null).flags()).isEmpty();
    // CD19-negative blasts first, CD19-positive later: a CD19-positive relapse, not an escape
    assertThat(only(List.of(cd19("A", -5, 0.0, false), cd19("A", 28, 1.0, true)), null).flags()).isEmpty();
    // one day's aliquots are compared with earlier days only
    assertThat(only(List.of(cd19("A", 28, 1.0, true), cd19("A", 28, 0.5, false)), null).flags()).isEmpty();
  }

  @Test
  void mrdBeforeHsctIsTheLastMarrowOnOrBeforeTheTransplantWithSameDayPositiveWinning() {
    MrdMeasurement dayBefore = mrd("A", 59, NEGATIVE);
    PatientTimeline t = only(List.of(mrd("A", 28, POSITIVE), dayBefore, mrd("A", 120, POSITIVE)), clinical("A", 60, null));
    assertThat(flags(t, MRD_BEFORE_HSCT)).singleElement().satisfies(f -> {
      assertThat(f.sample()).isEqualTo(dayBefore);
      assertThat(f.description()).isEqualTo("MRD before HSCT: NEGATIVE on 2026-04-30, 1 day before the transplant.");
    });

    MrdMeasurement positiveAliquot = mrd("A", 60, POSITIVE);
    MrdMeasurement blood = sample("A", "A-pb", 60, "PB", NEGATIVE, 0, Double.NaN, null, Double.NaN, null);
    TimelineFlag sameDay =
        only(List.of(mrd("A", 60, NEGATIVE), positiveAliquot, blood), clinical("A", 60, null)).flag(MRD_BEFORE_HSCT);
    assertThat(sameDay.sample()).isEqualTo(positiveAliquot);
    assertThat(sameDay.description()).isEqualTo("MRD before HSCT: POSITIVE (0.2 %) on 2026-05-01, 0 days before the transplant.");
  }

  @Test
  void mrdBeforeHsctSaysWhenTheMarrowIsIndeterminateOrOlderThanTheOutcomesWindow() {
    TimelineFlag old = only(List.of(mrd("A", 28, INDETERMINATE)), clinical("A", 96, null)).flag(MRD_BEFORE_HSCT);
    assertThat(old.description()).isEqualTo("MRD before HSCT: INDETERMINATE, not a negative on 2026-03-30, 68 days before"
        + " the transplant; older than the 30-day window outcomes uses (there: MRD unknown).");

    TimelineFlag none = only(List.of(mrd("A", 120, NEGATIVE)), clinical("A", 96, null)).flag(MRD_BEFORE_HSCT);
    assertThat(none.sample()).isNull();
    assertThat(none.description()).isEqualTo("MRD before HSCT: no marrow on or before the HSCT date 2026-06-06.");

    assertThat(only(List.of(mrd("A", 28, NEGATIVE)), clinical("A", null, null)).flag(MRD_BEFORE_HSCT)).isNull();
  }

  @Test
  void eventsAndDaysComeFromTheClinicalRow() {
    PatientTimeline t = only(List.of(mrd("A", 28, NEGATIVE), mrd("A", -7, POSITIVE)), clinical("A", 96, 75));
    assertThat(t.events()).extracting(ClinicalEvent::type).containsExactly(
        ClinicalEvent.Type.CAR_T_INFUSION, ClinicalEvent.Type.RELAPSE, ClinicalEvent.Type.HSCT);
    assertThat(t.events()).extracting(ClinicalEvent::date).containsExactly(day(0), day(75), day(96));
    assertThat(t.firstSampleDate()).isEqualTo(day(-7));
    assertThat(t.daysFromFirstSample(day(28))).isEqualTo(35);
    assertThat(t.daysFromCarT(day(28))).isEqualTo(28);
    assertThat(t.daysFromCarT(day(-7))).isEqualTo(-7);

    PatientTimeline unknown = only(List.of(mrd("A", 28, NEGATIVE)), null);
    assertThat(unknown.events()).isEmpty();
    assertThat(unknown.daysFromCarT(day(28))).isNull();
    assertThat(unknown.daysFromFirstSample(day(28))).isZero();
  }

  @Test
  void severalPatientsGetOneTimelineEachByKeyAndOnlyWhenTheyHaveSamples() {
    List<MrdMeasurement> samples = List.of(mrd("C", 90, POSITIVE), mrd("A", 28, NEGATIVE), mrd("C", 28, NEGATIVE),
        mrd("A", 90, NEGATIVE), mrd("B", 28, NEGATIVE));
    List<PatientTimeline> timelines = PatientTimelines.build(samples,
        List.of(clinical("C", null, 120), clinical("A", null, null), clinical("D", null, null)));
    assertThat(timelines).extracting(PatientTimeline::patientKey).containsExactly("A", "B", "C");
    assertThat(timelines.get(0).samples()).allMatch(m -> m.patientKey().equals("A")).hasSize(2);
    assertThat(timelines.get(1).clinical()).isNull(); // B has samples but no clinical row
    assertThat(timelines.get(2).clinical().patientKey()).isEqualTo("C");
    assertThat(timelines.get(2).flags()).extracting(TimelineFlag::type).containsExactly(MRD_CONVERSION);
    assertThat(timelines.get(0).flags()).isEmpty();
  }

  @Test
  void anInconsistentClinicalRowIsRefusedNamingTheRowAndPatient() {
    ClinicalRecord relapseBeforeInfusion = new ClinicalRecord("A", DAY0, null, day(-3), null, day(100), COV);
    assertThatThrownBy(() -> PatientTimelines.build(List.of(mrd("A", 28, NEGATIVE)), List.of(relapseBeforeInfusion)))
        .isInstanceOf(ClinicalDataException.class)
        .hasMessage("clinical row 1 (patient_key A): relapse_date 2026-02-27 is before car_t_infusion_date 2026-03-02");
  }

  @Test
  void percentagesHaveTwoSignificantFigures() {
    assertThat(PatientTimelines.percent(9.187e-3)).isEqualTo("0.92 %");
    assertThat(PatientTimelines.percent(1.4191e-4)).isEqualTo("0.014 %");
    assertThat(PatientTimelines.percent(0.2516)).isEqualTo("25 %");
    assertThat(PatientTimelines.percent(1.0)).isEqualTo("100 %");
    assertThat(PatientTimelines.percent(0)).isEqualTo("0 %");
    assertThat(PatientTimelines.percent(Double.NaN)).isEqualTo("n/a");
  }
}
