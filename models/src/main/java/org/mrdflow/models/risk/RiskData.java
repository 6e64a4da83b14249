package org.mrdflow.models.risk;

import java.util.List;

/**
 * Rows for the relapse-risk models.
 *
 * @param features feature names, the columns of {@code x}
 * @param patientKeys one per row
 * @param x feature values
 * @param relapse 1 = relapse within the horizon after the landmark, 0 = none (followed past the
 *     horizon relapse-free, or died without relapse within it)
 * @param days days from the landmark to relapse or censoring (cause-specific: a death censors),
 *     for the Cox model and concordance
 * @param relapseObserved whether {@code days} ends in a relapse
 */
public record RiskData(
    List<String> features,
    List<String> patientKeys,
    double[][] x,
    int[] relapse,
    double[] days,
    boolean[] relapseObserved) {

  public RiskData {
    features = List.copyOf(features);
    patientKeys = List.copyOf(patientKeys);
    int n = patientKeys.size();
    if (x.length != n || relapse.length != n || days.length != n || relapseObserved.length != n) {
      throw new IllegalArgumentException("risk data columns differ in length");
    }
  }

  /** The given rows, in the given order. */
  public RiskData subset(int[] rows) {
    return new RiskData(
        features,
        java.util.Arrays.stream(rows).mapToObj(patientKeys::get).toList(),
        java.util.Arrays.stream(rows).mapToObj(i -> x[i]).toArray(double[][]::new),
        java.util.Arrays.stream(rows).map(i -> relapse[i]).toArray(),
        java.util.Arrays.stream(rows).mapToDouble(i -> days[i]).toArray(),
        subsetFlags(rows));
  }

  private boolean[] subsetFlags(int[] rows) {
    boolean[] out = new boolean[rows.length];
    for (int k = 0; k < rows.length; k++) {
      out[k] = relapseObserved[rows[k]];
    }
    return out;
  }

  public int rows() {
    return patientKeys.size();
  }

  public int cases() {
    int c = 0;
    for (int y : relapse) {
      c += y;
    }
    return c;
  }
}
