package org.mrdflow.simulation;

import java.util.SplittableRandom;

/**
 * A partial clog during acquisition: between two times the flow slows (fewer events per second)
 * and every signal dims, because cells leave the centre of the core stream. The Time channel shows
 * it as a dip in rate and intensity, which the time gate of domain brief section 3 step 1 should
 * remove. The events keep their population labels (they are still cells).
 *
 * @param fromSeconds start of the disturbance, seconds after acquisition start
 * @param toSeconds end of the disturbance
 * @param rateFactor event rate during it relative to normal
 * @param signalFactor multiplier of every scatter and fluorescence signal during it
 */
public record FlowDisturbance(double fromSeconds, double toSeconds, double rateFactor, double signalFactor) {
  private static final double RATE_FACTOR = 0.2;
  private static final double SIGNAL_FACTOR = 0.6;

  /** A clog starting 40-60% into a run of the expected length and lasting 3-6% of it. */
  static FlowDisturbance partialClog(double expectedSeconds, SplittableRandom rng) {
    double from = expectedSeconds * rng.nextDouble(0.4, 0.6);
    return new FlowDisturbance(from, from + expectedSeconds * rng.nextDouble(0.03, 0.06), RATE_FACTOR, SIGNAL_FACTOR);
  }

  boolean contains(double seconds) {
    return seconds >= fromSeconds && seconds < toSeconds;
  }
}
