package org.mrdflow.gating.method;

import org.mrdflow.gating.events.EventMask;

/**
 * Binned Gaussian kernel density estimates for the generic data-driven methods: events are
 * counted into equal-width bins over the parent's data range, then smoothed by a separable
 * Gaussian kernel (Silverman 1986, section 3.5: binned KDE). Non-finite values are ignored.
 */
public final class Density {
  private Density() {}

  /**
   * The [q, 1 - q] quantile range of the finite {@code values} over {@code events}; null when
   * there are none. Trimming the extremes keeps outliers and the pile-up of values clipped at
   * {@code $PnR} from stretching the bins or forming a false peak.
   */
  static double[] range(float[] values, EventMask events, double q) {
    float[] finite = new float[events.cardinality()];
    int n = 0;
    for (int i = events.nextSetBit(0); i >= 0; i = events.nextSetBit(i + 1)) {
      if (Float.isFinite(values[i])) {
        finite[n++] = values[i];
      }
    }
    if (n == 0) {
      return null;
    }
    java.util.Arrays.sort(finite, 0, n);
    int lo = (int) Math.floor(q * (n - 1));
    int hi = (int) Math.ceil((1 - q) * (n - 1));
    return new double[] {finite[lo], finite[hi]};
  }

  /** Bin index of v in [lo, hi] split into n bins; -1 outside or for non-finite v. */
  static int bin(double v, double lo, double hi, int n) {
    if (!(v >= lo && v <= hi)) {
      return -1;
    }
    int b = (int) ((v - lo) / (hi - lo) * n);
    return Math.min(b, n - 1);
  }

  /** Gaussian smoothing of a 1-D histogram with standard deviation {@code sigma} bins. */
  public static double[] smooth(double[] counts, double sigma) {
    if (sigma <= 0) {
      return counts.clone();
    }
    int radius = (int) Math.ceil(4 * sigma);
    double[] kernel = new double[2 * radius + 1];
    for (int k = -radius; k <= radius; k++) {
      kernel[k + radius] = Math.exp(-0.5 * k * k / (sigma * sigma));
    }
    double[] out = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      double sum = 0;
      for (int k = -radius; k <= radius; k++) {
        int j = i + k;
        if (j >= 0 && j < counts.length) {
          sum += counts[j] * kernel[k + radius];
        }
      }
      out[i] = sum;
    }
    return out;
  }

  /** Separable Gaussian smoothing of a 2-D histogram stored row-major ({@code nx} columns). */
  static double[] smooth2d(double[] counts, int nx, int ny, double sigma) {
    double[] rows = new double[counts.length];
    double[] line = new double[nx];
    for (int y = 0; y < ny; y++) {
      System.arraycopy(counts, y * nx, line, 0, nx);
      System.arraycopy(smooth(line, sigma), 0, rows, y * nx, nx);
    }
    double[] out = new double[counts.length];
    double[] column = new double[ny];
    for (int x = 0; x < nx; x++) {
      for (int y = 0; y < ny; y++) {
        column[y] = rows[y * nx + x];
      }
      double[] smoothed = smooth(column, sigma);
      for (int y = 0; y < ny; y++) {
        out[y * nx + x] = smoothed[y];
      }
    }
    return out;
  }
}
