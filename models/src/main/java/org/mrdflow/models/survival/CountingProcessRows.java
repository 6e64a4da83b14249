package org.mrdflow.models.survival;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mrdflow.models.StatsInputException;

/**
 * Counting-process rows as {@link CountingProcessBuilder} (R's {@code tmerge}) writes them: the
 * patient id, the interval (start, stop] and the named columns (baseline covariates,
 * time-dependent covariates, event codes).
 *
 * @param id the patient of each row
 * @param start interval starts
 * @param stop interval stops
 * @param columns named columns, one value per row, in definition order
 */
public record CountingProcessRows(List<String> id, double[] start, double[] stop,
    Map<String, double[]> columns) {

  public CountingProcessRows {
    id = List.copyOf(id);
    start = start.clone();
    stop = stop.clone();
    Map<String, double[]> copy = new LinkedHashMap<>();
    columns.forEach((k, v) -> copy.put(k, v.clone()));
    columns = java.util.Collections.unmodifiableMap(copy);
  }

  public int size() {
    return stop.length;
  }

  /** A column's values (a copy). */
  public double[] column(String name) {
    double[] v = columns.get(name);
    if (v == null) {
      throw new StatsInputException("counting process: no column '" + name + "'");
    }
    return v.clone();
  }

  /** The survival data of an event column, with the ids (for robust SEs and landmarks). */
  public SurvivalData survival(String eventColumn) {
    double[] codes = column(eventColumn);
    int[] status = new int[codes.length];
    for (int i = 0; i < codes.length; i++) {
      status[i] = (int) codes[i];
    }
    return new SurvivalData(start, stop, status, id.toArray(String[]::new));
  }

  /** The design matrix of the named columns, one row per interval. */
  public double[][] matrix(List<String> names) {
    double[][] x = new double[size()][names.size()];
    for (int j = 0; j < names.size(); j++) {
      double[] c = column(names.get(j));
      for (int i = 0; i < x.length; i++) {
        x[i][j] = c[i];
      }
    }
    return x;
  }
}
