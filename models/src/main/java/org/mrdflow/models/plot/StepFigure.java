package org.mrdflow.models.plot;

import java.util.List;

/**
 * A Kaplan-Meier or cumulative-incidence figure with a numbers-at-risk table under it.
 *
 * @param title figure title
 * @param xAxisTitle e.g. "Months since CAR-T infusion"
 * @param yAxisTitle e.g. "Leukemia-free survival"
 * @param startValue value of every curve at time 0: 1 for survival, 0 for cumulative incidence
 * @param curves the curves, one per group
 * @param showBands draw the confidence limits as dashed steps when the curves have them
 * @param atRiskTimes times of the numbers-at-risk columns (x-axis units)
 * @param atRisk per curve, the number at risk at each of {@code atRiskTimes}
 * @param xMax right end of the x axis
 */
public record StepFigure(
    String title,
    String xAxisTitle,
    String yAxisTitle,
    double startValue,
    List<StepCurve> curves,
    boolean showBands,
    double[] atRiskTimes,
    List<int[]> atRisk,
    double xMax) {

  public StepFigure {
    curves = List.copyOf(curves);
    atRisk = List.copyOf(atRisk);
    if (atRisk.size() != curves.size()) {
      throw new IllegalArgumentException("need one numbers-at-risk row per curve");
    }
    for (int[] row : atRisk) {
      if (row.length != atRiskTimes.length) {
        throw new IllegalArgumentException("numbers-at-risk rows must have one count per time");
      }
    }
  }

  /**
   * Numbers at risk at each time: subjects whose follow-up time (event or censoring) is at or after
   * it, the convention of R's survminer risk tables.
   */
  public static int[] numbersAtRisk(double[] followUpTimes, double[] times) {
    return numbersAtRisk(null, followUpTimes, times);
  }

  /**
   * Numbers at risk on (start, stop] rows (delayed entry, or patients switching group): rows with
   * {@code start < t <= stop}, so the count changes as patients enter or leave the group; at time
   * 0, the rows that start there. {@code start} null: right-censored follow-up times.
   */
  public static int[] numbersAtRisk(double[] start, double[] stop, double[] times) {
    int[] counts = new int[times.length];
    for (int k = 0; k < times.length; k++) {
      double t = times[k];
      for (int i = 0; i < stop.length; i++) {
        boolean entered = start == null || start[i] < t || t == 0 && start[i] == 0;
        if (entered && stop[i] >= t) {
          counts[k]++;
        }
      }
    }
    return counts;
  }
}
