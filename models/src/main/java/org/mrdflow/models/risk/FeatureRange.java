package org.mrdflow.models.risk;

import java.util.ArrayList;
import java.util.List;

/**
 * The values of one feature in a model's training data, saved with the model so that
 * {@code predict-risk} refuses a row the model has never seen the like of. Accepted: finite
 * values in [min - m, max + m] with the margin m = {@link #MARGIN} x (max - min), and whole
 * numbers only when every training value was one (counts and 0/1 flags).
 *
 * @param feature feature name
 * @param min smallest training value
 * @param max largest training value
 * @param integer every training value was a whole number
 */
public record FeatureRange(String feature, double min, double max, boolean integer) {

  /** Allowed extrapolation beyond the training range, as a fraction of its width. */
  public static final double MARGIN = 0.1;

  public FeatureRange {
    if (feature == null || !Double.isFinite(min) || !Double.isFinite(max) || min > max) {
      throw new IllegalArgumentException("feature range of " + feature + " must be finite with min <= max, got [" + min
          + ", " + max + "]");
    }
  }

  /** The ranges of the columns of {@code x}. */
  public static List<FeatureRange> of(List<String> features, double[][] x) {
    List<FeatureRange> ranges = new ArrayList<>(features.size());
    for (int j = 0; j < features.size(); j++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      boolean whole = true;
      for (double[] row : x) {
        lo = Math.min(lo, row[j]);
        hi = Math.max(hi, row[j]);
        whole &= row[j] == Math.rint(row[j]);
      }
      ranges.add(new FeatureRange(features.get(j), lo, hi, whole));
    }
    return ranges;
  }

  public double lowest() {
    return min - MARGIN * (max - min);
  }

  public double highest() {
    return max + MARGIN * (max - min);
  }

  /** The problem with a value of this feature, or null when it is acceptable. */
  public InputProblem check(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return InputProblem.NON_FINITE;
    }
    if (value < lowest() || value > highest()) {
      return InputProblem.OUT_OF_RANGE;
    }
    if (integer && value != Math.rint(value)) {
      return InputProblem.NOT_A_WHOLE_NUMBER;
    }
    return null;
  }

  /** A description of what is accepted, for error messages. */
  public String accepted() {
    return (integer ? "a whole number" : "a number") + " in [" + lowest() + ", " + highest() + "]";
  }
}
