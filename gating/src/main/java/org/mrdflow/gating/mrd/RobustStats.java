package org.mrdflow.gating.mrd;

import java.util.Arrays;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.method.Density;

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
  /** Density, relative to the peak, below which a point is past a negative peak's shoulder. */
  static final double PAST_PEAK_DENSITY = 0.2;

  private RobustStats() {}

  /**
   * The finite values of {@code column} over {@code events}, in no particular order. The
   * statistics below take such arrays and may reorder them (selection, not sorting, keeps every
   * statistic O(n): a million-event sample is gated in well under a second).
   */
  static float[] values(float[] column, EventMask events) {
    int[] indices = events.indices();
    float[] values = new float[indices.length];
    int n = 0;
    for (int i : indices) {
      float v = column[i];
      if (Float.isFinite(v)) {
        values[n++] = v;
      }
    }
    return n == values.length ? values : Arrays.copyOf(values, n);
  }

  /** Quantile p (linear interpolation, R type 7); NaN when empty. Reorders {@code values}. */
  static double quantile(float[] values, double p) {
    int n = values.length;
    if (n == 0) {
      return Double.NaN;
    }
    double h = (n - 1) * Math.min(1, Math.max(0, p));
    int lo = (int) Math.floor(h);
    float low = select(values, lo);
    if (lo + 1 >= n || h == lo) {
      return low;
    }
    float next = Float.POSITIVE_INFINITY;
    for (int i = lo + 1; i < n; i++) {
      next = Math.min(next, values[i]);
    }
    return low + (h - lo) * (next - low);
  }

  static double median(float[] values) {
    return quantile(values, 0.5);
  }

  /** MAD scaled to a Gaussian standard deviation; NaN when empty. */
  static double robustSd(float[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double med = median(values);
    float[] deviations = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      deviations[i] = (float) Math.abs(values[i] - med);
    }
    return MAD_TO_SD * median(deviations);
  }

  /** Fraction of values at or below x. */
  static double cdf(float[] values, double x) {
    int below = 0;
    for (float v : values) {
      if (v <= x) {
        below++;
      }
    }
    return values.length == 0 ? Double.NaN : (double) below / values.length;
  }

  /**
   * The k-th smallest value (0-based), leaving smaller values before index k and larger after
   * it (Hoare's selection with median-of-three pivots, expected O(n)).
   */
  static float select(float[] a, int k) {
    int left = 0;
    int right = a.length - 1;
    while (right > left) {
      int mid = (left + right) >>> 1;
      if (a[mid] < a[left]) {
        swap(a, mid, left);
      }
      if (a[right] < a[left]) {
        swap(a, right, left);
      }
      if (a[right] < a[mid]) {
        swap(a, right, mid);
      }
      float pivot = a[mid];
      int i = left;
      int j = right;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(a, i++, j--);
        }
      }
      if (k <= j) {
        right = j;
      } else if (k >= i) {
        left = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  private static void swap(float[] a, int i, int j) {
    float t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  /**
   * How densities are estimated: {@code bins} equal bins between the 0.1 and 99.9 % quantiles,
   * smoothed by a Gaussian kernel of SD {@code smoothingBins} bins (MRD strategy arguments
   * {@code histogram_bins}, {@code smoothing_bins}).
   */
  record Binning(int bins, double smoothingBins) {}

  /** A Gaussian-smoothed histogram of the values between their 0.1 and 99.9 % quantiles. */
  static Histogram histogram(float[] values, Binning binning) {
    int bins = binning.bins();
    double lo = quantile(values, 0.001);
    double hi = quantile(values, 0.999);
    if (!(hi > lo)) {
      hi = lo + 1e-6;
    }
    double[] counts = new double[bins];
    double width = (hi - lo) / bins;
    for (float v : values) {
      if (v >= lo && v <= hi) {
        counts[Math.min(bins - 1, (int) ((v - lo) / width))]++;
      }
    }
    return new Histogram(lo, width, Density.smooth(counts, binning.smoothingBins()));
  }

  /**
   * The mode of the population that sits lowest on this axis and holds the median (for a marker
   * measured on low-SSC marrow cells that is the marker-negative majority), with its spread
   * estimated from the upper side of the peak: for a Gaussian at mode m, the fraction below m
   * is half its weight, so the value with {@code 1.6827 x F(m)} below it lies one SD above m.
   * The upper side is used, and the lowest percent of values skipped, because integer list
   * mode clips negatives at zero. When the positives are the majority (a diagnosis-level marrow
   * whose low-SSC cells are mostly blasts), the densest bin up to the median lies on the rising
   * flank of their peak: the negatives' mode is then the densest local maximum below it that
   * has at least {@code minShare} of the values below it (a smaller one is a ripple in a tail:
   * the 2-event bump far out in the spillover spreading of a CD19-negative clone's CD19, or of
   * a stale matrix's CD10).
   *
   * @return {mode, sd}
   */
  static double[] negativePeak(float[] values, double minShare, Binning binning) {
    Histogram h = histogram(values, binning);
    double median = median(values);
    // Values clipped at the bottom of the range pile up in the lowest bins: start above them
    // and above the reach of the smoothing kernel (3 SD).
    int first = h.bin(quantile(values, 0.01)) + 1 + (int) Math.ceil(3 * binning.smoothingBins());
    int best = Math.min(first, h.density.length - 1);
    for (int b = best; b < h.density.length && h.center(b) <= median; b++) {
      if (h.density[b] > h.density[best]) {
        best = b;
      }
    }
    if (best + 1 < h.density.length && h.density[best + 1] > h.density[best]) {
      int flankStart = best;
      // (from the second bin: a small negative population's mode may lie within the skip)
      for (int b = 1; b < flankStart; b++) {
        boolean localMaximum = h.density[b] >= h.density[b - 1] && h.density[b] >= h.density[b + 1];
        if (localMaximum && (best == flankStart || h.density[b] > h.density[best])
            && cdf(values, h.center(b)) >= minShare) {
          best = b;
        }
      }
    }
    double mode = h.center(best);
    double below = cdf(values, mode);
    double oneSdAbove = quantile(values, Math.min(0.999, below * 1.6827));
    double sd = Math.max(oneSdAbove - mode, h.width);
    // When a second population holds about half the values (CD19 in a regenerating marrow rich
    // in B precursors), that quantile lies past the peak, where a near-Gaussian peak's density
    // (0.61 of its height one SD above the mode) has fallen into the valley, or past it into the
    // positives' peak when they are the majority: the spread is then the peak's upper half-width
    // at half maximum (HWHM = 1.1774 SD for a Gaussian).
    if (h.density[h.lowestBin(best, h.bin(mode + sd))] < PAST_PEAK_DENSITY * h.density[best]) {
      int half = best;
      while (half + 1 < h.density.length && h.density[half] > 0.5 * h.density[best]) {
        half++;
      }
      sd = Math.max((half - best) * h.width / 1.1774, h.width);
    }
    return new double[] {mode, sd};
  }

  /**
   * The SD of the lowest population's lower side, whose mode is {@code mode}: for a Gaussian,
   * the value with {@code 0.3173 x F(mode)} of the values below it lies one SD below the mode.
   * Nothing else lies below the lowest population, so unlike its upper side this one is free of
   * positives; 0 when the values are clipped at the mode.
   */
  static double lowerSpread(float[] values, double mode) {
    double oneSdBelow = quantile(values, cdf(values, mode) * (1 - 0.6827));
    return Math.max(0, mode - oneSdBelow);
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
