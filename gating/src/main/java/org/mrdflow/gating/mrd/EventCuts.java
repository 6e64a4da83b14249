package org.mrdflow.gating.mrd;

import org.mrdflow.gating.events.EventMask;

/**
 * Threshold masks and per-event scales the MRD gating methods MEASURE on (reference subsets for
 * landmarks); what a method selects is geometry ({@link Cuts}), never one of these masks.
 */
final class EventCuts {
  private EventCuts() {}

  /** Events of {@code within} with value strictly above {@code threshold}. */
  static EventMask above(float[] values, double threshold, EventMask within) {
    return compare(values, threshold, within, 1);
  }

  /** Events of {@code within} with value strictly below {@code threshold}. */
  static EventMask below(float[] values, double threshold, EventMask within) {
    return compare(values, threshold, within, -1);
  }

  /**
   * Floor of the log scatter scale: below one channel of any range scatter is stored on, from
   * 0..1 floats (one 18-bit channel is 3.8e-6 of the range) to 2^22 integers, so zero and
   * negative values have a finite log and every real event keeps its own.
   */
  static final float LOG_FLOOR = 1e-6f;

  /** log10 of a linear scatter value, values below {@link #LOG_FLOOR} read as the floor. */
  static float log10(float linear) {
    return (float) Math.log10(Math.max(linear, LOG_FLOOR));
  }

  /** {@link #log10(float)} of every event. */
  static float[] log10(float[] linear) {
    float[] out = new float[linear.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = log10(linear[i]);
    }
    return out;
  }

  /** {@link #log10(float)} of the events of {@code events}, in event order. */
  static float[] log10Of(float[] linear, EventMask events) {
    float[] out = new float[events.cardinality()];
    int k = 0;
    for (int i = events.nextSetBit(0); i >= 0; i = events.nextSetBit(i + 1)) {
      out[k++] = log10(linear[i]);
    }
    return out;
  }

  /** (value - reference median) / reference SD per event: below -t means t SDs dimmer. */
  static float[] standardized(float[] values, double median, double sd) {
    float[] z = new float[values.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) ((values[i] - median) / sd);
    }
    return z;
  }

  /**
   * The comparison over all events word by word (a branch-free loop the JIT vectorises), then
   * restricted to {@code within}: cheaper than visiting a large parent event by event.
   * {@code mode} 1: value > t; -1: value < t (NaN never qualifies).
   */
  private static EventMask compare(float[] values, double threshold, EventMask within, int mode) {
    int n = within.size();
    float t = (float) threshold;
    long[] words = new long[EventMask.wordCount(n)];
    for (int w = 0; w < words.length; w++) {
      int base = w << 6;
      int end = Math.min(64, n - base);
      long word = 0;
      for (int b = 0; b < end; b++) {
        float v = values[base + b];
        boolean hit = mode > 0 ? v > t : v < t;
        word |= (hit ? 1L : 0L) << b;
      }
      words[w] = word;
    }
    return EventMask.ofWords(words, n).and(within);
  }
}
