package org.mrdflow.models.plot;

/**
 * A right-continuous step function to draw: the curve equals {@code estimate[i]} from {@code
 * time[i]} until the next time. The figure adds the starting point at time 0 itself.
 *
 * @param label legend label
 * @param time jump times, increasing
 * @param estimate value from each time on
 * @param lower lower confidence limit at each time, or null without a band
 * @param upper upper confidence limit at each time, or null without a band
 */
public record StepCurve(String label, double[] time, double[] estimate, double[] lower, double[] upper) {

  public StepCurve {
    if (time.length != estimate.length
        || (lower != null && lower.length != time.length)
        || (upper != null && upper.length != time.length)) {
      throw new IllegalArgumentException(label + ": time, estimate and limits differ in length");
    }
    for (int i = 1; i < time.length; i++) {
      if (!(time[i] >= time[i - 1])) {
        throw new IllegalArgumentException(label + ": times are not increasing at index " + i);
      }
    }
  }

  public boolean hasBand() {
    return lower != null && upper != null;
  }
}
