package org.mrdflow.gating.mrd;

import java.util.Arrays;
import org.mrdflow.gating.events.EventMask;

/**
 * Robust one-dimensional statistics over the events of a population: medians, MAD-based spreads
 * and quantiles (Hampel 1974; Rousseeuw & Croux 1993), plus the smoothed-histogram landmarks the
 * MRD gating uses (density valleys, the mode of the negative population). Every landmark is
 * estimated from the sample itself, so nothing depends on an instrument's channel units.
 */
final class RobustStats {
  /** MAD to standard deviation for Gaussian data: 1 / Phi^-1(3/4). */
  static final double MAD_TO_SD = 1.4826;
  /** Bins of the landmark histograms; smoothing is two bins (binned KDE, Silverman 1986). */
  private static final int BINS = 200;
  private static final double SMOOTHING_BINS = 2.0;

  private RobustStats() {}

  /** The finite values of {@code column} over {@code events}, sorted ascending. */
  static float[] sortedValues(float[] column, EventMask events) {
    float[] values = new float[events.cardinality()];
    int n = 0;
    for (int i = events.nextSetBit(0); i >= 0; i = events.nextSetBit(i + 1)) {
      float v = column[i];
      if (Float.isFinite(v)) {
        values[n++] = v;
      }
    }
    float[] out = n == values.length ? values : Arrays.copyOf(values, n);
    Arrays.sort(out);
    return out;
  }

  /** Quantile p of sorted values (linear interpolation, R type 7); NaN when empty. */
  static double quantile(float[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double h = (sorted.length - 1) * Math.min(1, Math.max(0, p));
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  static double median(float[] sorted) {
    return quantile(sorted, 0.5);
  }

  /** MAD scaled to a Gaussian standard deviation; NaN when empty. */
  static double robustSd(float[] sorted) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double med = median(sorted);
    float[] deviations = new float[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      deviations[i] = (float) Math.abs(sorted[i] - med);
    }
    Arrays.sort(deviations);
    return MAD_TO_SD * median(deviations);
  }

  /** Fraction of sorted values at or below x. */
  static double cdf(float[] sorted, double x) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return sorted.length == 0 ? Double.NaN : (double) lo / sorted.length;
  }

  /** A Gaussian-smoothed histogram of sorted values between their 0.1 and 99.9 % quantiles. */
  static Histogram histogram(float[] sorted) {
    double lo = quantile(sorted, 0.001);
    double hi = quantile(sorted, 0.999);
    if (!(hi > lo)) {
      hi = lo + 1e-6;
    }
    double[] counts = new double[BINS];
    double width = (hi - lo) / BINS;
    for (float v : sorted) {
      if (v >= lo && v <= hi) {
        counts[Math.min(BINS - 1, (int) ((v - lo) / width))]++;
      }
    }
    return new Histogram(lo, width, org.mrdflow.gating.method.Density.smooth(counts, SMOOTHING_BINS));
  }

  /**
   * The mode of the population that sits lowest on this axis and holds the median (for a marker
   * measured on low-SSC marrow cells that is the marker-negative majority), with its spread
   * estimated from the upper side of the peak: for a Gaussian at mode m, the fraction below m
   * is half its weight, so the value with {@code 1.6827 x F(m)} below it lies one SD above m.
   * The upper side is used because integer list mode clips negatives at zero.
   *
   * @return {mode, sd}
   */
  static double[] negativePeak(float[] sorted) {
    Histogram h = histogram(sorted);
    double median = median(sorted);
    int best = 0;
    for (int b = 0; b < h.density.length && h.center(b) <= median; b++) {
      if (h.density[b] > h.density[best]) {
        best = b;
      }
    }
    double mode = h.center(best);
    double below = cdf(sorted, mode);
    double oneSdAbove = quantile(sorted, Math.min(0.999, below * 1.6827));
    return new double[] {mode, Math.max(oneSdAbove - mode, h.width)};
  }

  /** A smoothed histogram: bin b covers [lo + b width, lo + (b + 1) width). */
  record Histogram(double lo, double width, double[] density) {
    double center(int bin) {
      return lo + (bin + 0.5) * width;
    }

    int bin(double x) {
      return (int) Math.max(0, Math.min(density.length - 1, Math.floor((x - lo) / width)));
    }

    int highestBin() {
      int best = 0;
      for (int b = 1; b < density.length; b++) {
        if (density[b] > density[best]) {
          best = b;
        }
      }
      return best;
    }

    /** Bin of lowest density in [from, to]. */
    int lowestBin(int from, int to) {
      int best = from;
      for (int b = from; b <= to; b++) {
        if (density[b] < density[best]) {
          best = b;
        }
      }
      return best;
    }

    /** Bin of highest density in [from, to]. */
    int highestBin(int from, int to) {
      int best = from;
      for (int b = from; b <= to; b++) {
        if (density[b] > density[best]) {
          best = b;
        }
      }
      return best;
    }
  }
}
