package org.mrdflow.models.survival;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mrdflow.models.StatsInputException;

/**
 * A landmark analysis set (Anderson, Cain &amp; Gelber 1983): the patients alive, event-free and
 * still followed just after the landmark time L (last follow-up {@code > L}; an event or a
 * censoring on day L excludes the patient), with time measured from L and groups fixed at L. A
 * patient's group is the value of a time-dependent covariate on his counting-process row covering
 * (L, L+], i.e. the row with {@code start <= L < stop}: a transplant on day L counts as "by L".
 * Comparing these groups with ordinary Kaplan-Meier, log-rank and Cox is free of immortal-time
 * bias because nobody changes group after L (later changes are ignored, on purpose).
 *
 * @param landmark the landmark time L
 * @param ids the included patients, in order of first appearance in the rows
 * @param coveringRow per included patient, the index of his row covering (L, L+]
 * @param data per included patient, time from L ({@code last stop - L}) and the status of his
 *     last row (right-censored data)
 */
public record Landmark(double landmark, List<String> ids, int[] coveringRow, SurvivalData data) {

  public Landmark {
    ids = List.copyOf(ids);
    coveringRow = coveringRow.clone();
  }

  /**
   * Selects the landmark set from counting-process rows with ids (each patient's rows contiguous
   * in time, as {@code tmerge} writes them). A patient whose rows do not cover L (he entered
   * later, or has a gap at L) was not under observation at L and is left out.
   */
  public static Landmark select(SurvivalData rows, double landmark) {
    String[] id = rows.id();
    if (id == null) {
      throw new StatsInputException("landmark: the rows need a patient id");
    }
    double[] stop = rows.time();
    int[] status = rows.status();
    Map<String, Integer> lastRow = new LinkedHashMap<>();
    Map<String, Integer> covering = new LinkedHashMap<>();
    for (int i = 0; i < stop.length; i++) {
      Integer last = lastRow.get(id[i]);
      if (last == null || stop[i] > stop[last]) {
        lastRow.put(id[i], i);
      }
      if (rows.entry(i) <= landmark && landmark < stop[i]) {
        if (covering.put(id[i], i) != null) {
          throw new StatsInputException("landmark: patient rows overlap at " + landmark
              + " (row " + (i + 1) + ")");
        }
      }
    }
    List<String> included = new ArrayList<>();
    List<Integer> cover = new ArrayList<>();
    List<Double> time = new ArrayList<>();
    List<Integer> code = new ArrayList<>();
    for (Map.Entry<String, Integer> e : lastRow.entrySet()) {
      Integer row = covering.get(e.getKey());
      if (stop[e.getValue()] > landmark && row != null) {
        included.add(e.getKey());
        cover.add(row);
        time.add(stop[e.getValue()] - landmark);
        code.add(status[e.getValue()]);
      }
    }
    if (included.isEmpty()) {
      throw new StatsInputException("landmark " + landmark
          + ": nobody is event-free and followed beyond it");
    }
    return new Landmark(landmark, included, cover.stream().mapToInt(Integer::intValue).toArray(),
        new SurvivalData(time.stream().mapToDouble(Double::doubleValue).toArray(),
            code.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** Per included patient, the value of a row-level column on his row covering (L, L+]. */
  public double[] valuesAt(double[] rowColumn) {
    double[] out = new double[coveringRow.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = rowColumn[coveringRow[k]];
    }
    return out;
  }

  /** Per included patient, the text value of a row-level column on his covering row. */
  public String[] valuesAt(String[] rowColumn) {
    String[] out = new String[coveringRow.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = rowColumn[coveringRow[k]];
    }
    return out;
  }
}
