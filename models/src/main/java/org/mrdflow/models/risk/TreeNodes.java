package org.mrdflow.models.risk;

/**
 * A binary decision tree as parallel arrays; node 0 is the root. An internal node sends a row to
 * {@code left[n]} when {@code row[feature[n]] <= threshold[n]} and to {@code right[n]} otherwise
 * (a missing value, NaN, goes right, as in Smile); a leaf has {@code feature[n] == -1} and
 * predicts {@code value[n]} (its threshold is unused and stored as 0).
 */
public record TreeNodes(int[] feature, double[] threshold, int[] left, int[] right, double[] value) {

  public TreeNodes {
    int n = feature.length;
    if (n == 0 || threshold.length != n || left.length != n || right.length != n || value.length != n) {
      throw new IllegalArgumentException("tree arrays must be non-empty and of equal length");
    }
    for (int i = 0; i < n; i++) {
      if (feature[i] < -1) {
        throw new IllegalArgumentException("tree node " + i + " has feature index " + feature[i]);
      }
      if (feature[i] >= 0 && (left[i] <= i || right[i] <= i || left[i] >= n || right[i] >= n)) {
        throw new IllegalArgumentException("tree node " + i + " has children outside (" + i + ", " + n + ")");
      }
      if (feature[i] >= 0 ? Double.isNaN(threshold[i]) : !Double.isFinite(value[i])) {
        throw new IllegalArgumentException("tree node " + i + " has a " + (feature[i] >= 0 ? "NaN threshold" : "non-finite value"));
      }
    }
  }

  /** Throws if a node splits on a feature index outside the model's {@code features} features. */
  void checkFeatureIndices(int features) {
    for (int i = 0; i < feature.length; i++) {
      if (feature[i] >= features) {
        throw new IllegalArgumentException("tree node " + i + " splits on feature index " + feature[i]
            + ", but the model has " + features + " features");
      }
    }
  }

  /** The leaf value for a row. */
  public double evaluate(double[] row) {
    int n = 0;
    while (feature[n] >= 0) {
      n = row[feature[n]] <= threshold[n] ? left[n] : right[n];
    }
    return value[n];
  }
}
