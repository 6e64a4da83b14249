package org.mrdflow.models.timeline;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mrdflow.models.cohort.ClinicalRecord;
import org.mrdflow.models.cohort.Cohort;
import org.mrdflow.models.cohort.CohortBuilder;
import org.mrdflow.models.cohort.CohortPatient;
import org.mrdflow.models.cohort.CohortSettings;
import org.mrdflow.models.cohort.MrdMeasurement;
import org.mrdflow.models.cohort.MrdStatus;

/**
 * Derives each patient's timeline and its flags from MRD measurements and, optionally, the
 * clinical table. Plain Java; the pipeline's {@code timeline} command reads and writes the tables.
 *
 * <p>The flags look at marrows only (a sample without specimen type counts as marrow, as in
 * {@link CohortBuilder}); several marrows of one day are one time point, and a flag needs a
 * strictly later day than what it is compared with:
 *
 * <ul>
 *   <li><b>MRD conversion</b>: a POSITIVE day after a NEGATIVE day. INDETERMINATE days count as
 *       neither: NEGATIVE, INDETERMINATE, POSITIVE is a conversion (from the NEGATIVE);
 *       INDETERMINATE, POSITIVE is not (nothing showed the patient negative). The day's call is
 *       POSITIVE over NEGATIVE over INDETERMINATE ({@link MrdStatus#sameDayPrecedence()}). Every
 *       conversion is flagged (NEGATIVE, POSITIVE, NEGATIVE, POSITIVE gives two).
 *   <li><b>Loss of B-cell aplasia</b>: the first non-aplastic day after an aplastic one (domain.md
 *       section 1: fewer than 3% CD19-positive lymphocytes), counted from the infusion when its
 *       date is known and only up to the HSCT date (B cells that return after an allogeneic
 *       transplant are the graft's, expected, and say nothing about the CAR-T cells). A day with
 *       any non-aplastic marrow is non-aplastic; marrows without an aplasia call are skipped.
 *       {@code early} when it came within {@value #EARLY_LOSS_OF_APLASIA_DAYS} days of infusion
 *       (paper 001: recovery of normal B cells within 63 days, waning CAR-T function).
 *   <li><b>CD19-negative blasts</b>: the first marrow whose blasts are not CD19-positive enough
 *       after earlier CD19-positive disease, comparing only marrows whose CD19 status the analysis
 *       established ({@code hcd19_car_eligible} not null: blasts at or above the LOD, CD19
 *       expression certain): eligible earlier (at least {@value #ELIGIBLE_CD19_POSITIVE_SHARE} of
 *       blasts CD19-positive, paper 004) and not eligible now; or, after an earlier marrow with at
 *       least {@value #CD19_NEGATIVE_SHARE} CD19-positive blasts, blasts now CD19-negative (under
 *       that share [conv]), which catches the escape of a clone that was mixed before CAR-T.
 *   <li><b>MRD before HSCT</b>: the last marrow on or before the HSCT date
 *       ({@link CohortBuilder#lastMarrowBefore}, whatever its distance; the description says when
 *       it falls outside the window {@code outcomes} uses, which then counts the patient as MRD
 *       unknown). Flagged without a sample when no marrow precedes the transplant.
 * </ul>
 */
public final class PatientTimelines {

  /** hCD19 CAR-T eligibility: at least this share of blasts CD19-positive (paper 004). */
  public static final double ELIGIBLE_CD19_POSITIVE_SHARE = 0.95;

  /** Blasts with fewer CD19-positive cells than this share are called CD19-negative [conv]. */
  public static final double CD19_NEGATIVE_SHARE = 0.05;

  /** Loss of B-cell aplasia within this many days of infusion is early (paper 001). */
  public static final int EARLY_LOSS_OF_APLASIA_DAYS = 63;

  private static final Comparator<MrdMeasurement> BY_DATE =
      Comparator.comparing(MrdMeasurement::collectionDate).thenComparing(m -> m.sampleId() == null ? "" : m.sampleId());

  private PatientTimelines() {}

  /**
   * One timeline per patient with at least one measurement, by patient key. Clinical rows are
   * validated and joined as {@code outcomes} does ({@link CohortBuilder#build}); a clinical row
   * without measurements gives no timeline.
   *
   * @param clinical the clinical table's rows; empty without one
   * @throws org.mrdflow.models.cohort.ClinicalDataException for an inconsistent clinical row
   */
  public static List<PatientTimeline> build(Collection<MrdMeasurement> measurements, List<ClinicalRecord> clinical) {
    Cohort cohort = CohortBuilder.build(clinical, measurements, CohortSettings.defaults());
    List<PatientTimeline> timelines = new ArrayList<>();
    for (CohortPatient p : cohort.patients()) {
      if (!p.samples().isEmpty()) {
        timelines.add(of(p.patientKey(), p.clinical(), p.samples()));
      }
    }
    Map<String, List<MrdMeasurement>> withoutClinicalRow = new LinkedHashMap<>();
    for (MrdMeasurement m : cohort.unmatchedMeasurements()) {
      withoutClinicalRow.computeIfAbsent(m.patientKey(), k -> new ArrayList<>()).add(m);
    }
    withoutClinicalRow.forEach((key, samples) -> timelines.add(of(key, null, samples)));
    timelines.sort(Comparator.comparing(PatientTimeline::patientKey));
    return timelines;
  }

  /** One patient's timeline: {@code samples} in any order, {@code clinical} null when unknown. */
  public static PatientTimeline of(String patientKey, ClinicalRecord clinical, List<MrdMeasurement> samples) {
    List<MrdMeasurement> sorted = new ArrayList<>(samples);
    sorted.sort(BY_DATE);
    List<ClinicalEvent> events = new ArrayList<>();
    if (clinical != null) {
      events.add(new ClinicalEvent(ClinicalEvent.Type.CAR_T_INFUSION, clinical.carTInfusionDate()));
      if (clinical.transplantDate() != null) {
        events.add(new ClinicalEvent(ClinicalEvent.Type.HSCT, clinical.transplantDate()));
      }
      if (clinical.relapseDate() != null) {
        events.add(new ClinicalEvent(ClinicalEvent.Type.RELAPSE, clinical.relapseDate()));
      }
      events.sort(Comparator.comparing(ClinicalEvent::date));
    }
    TreeMap<LocalDate, List<MrdMeasurement>> marrowDays = new TreeMap<>();
    for (MrdMeasurement m : sorted) {
      if (m.isMarrow()) {
        marrowDays.computeIfAbsent(m.collectionDate(), d -> new ArrayList<>()).add(m);
      }
    }
    LocalDate infusion = clinical == null ? null : clinical.carTInfusionDate();
    LocalDate transplant = clinical == null ? null : clinical.transplantDate();
    List<TimelineFlag> flags = new ArrayList<>(conversions(marrowDays));
    TimelineFlag loss = lossOfAplasia(marrowDays, infusion, transplant);
    if (loss != null) {
      flags.add(loss);
    }
    TimelineFlag cd19 = cd19NegativeEmergence(marrowDays);
    if (cd19 != null) {
      flags.add(cd19);
    }
    if (transplant != null) {
      flags.add(beforeTransplant(sorted, transplant));
    }
    return new PatientTimeline(patientKey, clinical, sorted, events, flags);
  }

  private static List<TimelineFlag> conversions(TreeMap<LocalDate, List<MrdMeasurement>> days) {
    List<TimelineFlag> flags = new ArrayList<>();
    MrdMeasurement lastNegative = null;
    boolean indeterminateSince = false;
    for (List<MrdMeasurement> day : days.values()) {
      MrdMeasurement call = day.stream().max(Comparator.comparingInt(m -> m.status().sameDayPrecedence())).orElseThrow();
      switch (call.status()) {
        case POSITIVE -> {
          if (lastNegative != null) {
            flags.add(new TimelineFlag(TimelineFlag.Type.MRD_CONVERSION, call, lastNegative, null,
                "MRD conversion: NEGATIVE on " + lastNegative.collectionDate() + ", POSITIVE (" + percent(call.mrdFraction())
                    + ") on " + call.collectionDate()
                    + (indeterminateSince ? "; the INDETERMINATE marrows between them count as neither." : ".")));
          }
          lastNegative = null;
          indeterminateSince = false;
        }
        case NEGATIVE -> {
          lastNegative = call;
          indeterminateSince = false;
        }
        case INDETERMINATE -> indeterminateSince = lastNegative != null;
      }
    }
    return flags;
  }

  private static TimelineFlag lossOfAplasia(
      TreeMap<LocalDate, List<MrdMeasurement>> days, LocalDate infusion, LocalDate transplant) {
    MrdMeasurement lastAplastic = null;
    for (Map.Entry<LocalDate, List<MrdMeasurement>> day : days.entrySet()) {
      LocalDate date = day.getKey();
      if ((infusion != null && date.isBefore(infusion)) || (transplant != null && date.isAfter(transplant))) {
        continue;
      }
      MrdMeasurement bCellsBack = null;
      MrdMeasurement aplastic = null;
      for (MrdMeasurement m : day.getValue()) {
        if (Boolean.FALSE.equals(m.bCellAplasia()) && bCellsBack == null) {
          bCellsBack = m;
        } else if (Boolean.TRUE.equals(m.bCellAplasia()) && aplastic == null) {
          aplastic = m;
        }
      }
      if (bCellsBack != null && lastAplastic != null) {
        Boolean early = infusion == null ? null : ChronoUnit.DAYS.between(infusion, date) <= EARLY_LOSS_OF_APLASIA_DAYS;
        String when = infusion == null
            ? " (infusion date unknown)"
            : " (day " + ChronoUnit.DAYS.between(infusion, date) + " after CAR-T"
                + (early ? ": early, within " + EARLY_LOSS_OF_APLASIA_DAYS + " days, a sign of waning CAR-T function)" : ")");
        return new TimelineFlag(TimelineFlag.Type.LOSS_OF_B_CELL_APLASIA, bCellsBack, lastAplastic, early,
            "Loss of B-cell aplasia: B cells " + percent(lastAplastic.bCellFractionOfLymphocytes()) + " of lymphocytes on "
                + lastAplastic.collectionDate() + ", " + percent(bCellsBack.bCellFractionOfLymphocytes()) + " on " + date
                + when + ".");
      }
      if (bCellsBack == null && aplastic != null) {
        lastAplastic = aplastic;
      }
    }
    return null;
  }

  private static TimelineFlag cd19NegativeEmergence(TreeMap<LocalDate, List<MrdMeasurement>> days) {
    MrdMeasurement earlierEligible = null;
    MrdMeasurement earlierCd19Positive = null;
    for (List<MrdMeasurement> day : days.values()) {
      List<MrdMeasurement> assessed =
          day.stream().filter(m -> m.hcd19CarEligible() != null && !Double.isNaN(m.cd19PositiveBlastFraction())).toList();
      for (MrdMeasurement m : assessed) {
        MrdMeasurement reference = null;
        if (earlierEligible != null && !m.hcd19CarEligible()) {
          reference = earlierEligible;
        } else if (earlierCd19Positive != null && m.cd19PositiveBlastFraction() < CD19_NEGATIVE_SHARE) {
          reference = earlierCd19Positive;
        }
        if (reference != null) {
          return new TimelineFlag(TimelineFlag.Type.CD19_NEGATIVE_EMERGENCE, m, reference, null,
              "CD19-negative blasts: " + percent(reference.cd19PositiveBlastFraction()) + " of blasts CD19-positive on "
                  + reference.collectionDate() + ", " + percent(m.cd19PositiveBlastFraction()) + " on " + m.collectionDate()
                  + (m.hcd19CarEligible() ? "." : "; not eligible for a humanized CD19 CAR-T (needs "
                      + percent(ELIGIBLE_CD19_POSITIVE_SHARE) + ")."));
        }
      }
      for (MrdMeasurement m : assessed) {
        if (m.hcd19CarEligible() && earlierEligible == null) {
          earlierEligible = m;
        }
        if (m.cd19PositiveBlastFraction() >= CD19_NEGATIVE_SHARE && earlierCd19Positive == null) {
          earlierCd19Positive = m;
        }
      }
    }
    return null;
  }

  private static TimelineFlag beforeTransplant(List<MrdMeasurement> samples, LocalDate transplant) {
    MrdMeasurement last = CohortBuilder.lastMarrowBefore(samples, null, transplant);
    if (last == null) {
      return new TimelineFlag(TimelineFlag.Type.MRD_BEFORE_HSCT, null, null, null,
          "MRD before HSCT: no marrow on or before the HSCT date " + transplant + ".");
    }
    long days = ChronoUnit.DAYS.between(last.collectionDate(), transplant);
    int window = CohortSettings.DEFAULT_PRE_TRANSPLANT_WINDOW_DAYS;
    String call = switch (last.status()) {
      case POSITIVE -> "POSITIVE (" + percent(last.mrdFraction()) + ")";
      case NEGATIVE -> "NEGATIVE";
      case INDETERMINATE -> "INDETERMINATE, not a negative";
    };
    return new TimelineFlag(TimelineFlag.Type.MRD_BEFORE_HSCT, last, null, null,
        "MRD before HSCT: " + call + " on " + last.collectionDate() + ", " + days + (days == 1 ? " day" : " days")
            + " before the transplant"
            + (days > window ? "; older than the " + window + "-day window outcomes uses (there: MRD unknown)." : "."));
  }

  /**
   * A fraction as a percentage with 2 significant figures (domain.md section 2), e.g. 9.19e-3 as
   * "0.92 %"; "n/a" when not measured.
   */
  public static String percent(double fraction) {
    if (!Double.isFinite(fraction)) {
      return "n/a";
    }
    if (fraction == 0) {
      return "0 %";
    }
    return new BigDecimal(fraction * 100).round(new MathContext(2)).stripTrailingZeros().toPlainString() + " %";
  }
}
