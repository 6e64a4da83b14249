package org.mrdflow.gating.gate;

import java.util.Arrays;
import java.util.List;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.events.EventMask;

/**
 * Gating-ML 2.0 section 5.1.3 ellipsoid gate in n >= 2 dimensions: an event is inside when its
 * squared Mahalanobis distance {@code (x - mean)' inverse(covariance) (x - mean)} is at most
 * {@code distanceSquare}. The matrix is inverted as given (the compliance suite's 3-D example is
 * not even symmetric).
 */
public record EllipsoidGate(
    List<Dimension> dimensions, double[] mean, double[][] covariance, double distanceSquare)
    implements GeometricGate {

  public EllipsoidGate {
    dimensions = List.copyOf(dimensions);
    int n = dimensions.size();
    if (n < 2 || mean.length != n || covariance.length != n) {
      throw new GatingException(
          "ellipsoid gate needs >= 2 dimensions with a mean and a covariance row for each, got "
              + n + " dimensions, " + mean.length + " mean values, " + covariance.length
              + " rows");
    }
    mean = mean.clone();
    double[][] copy = new double[n][];
    for (int r = 0; r < n; r++) {
      if (covariance[r].length != n) {
        throw new GatingException("ellipsoid covariance row " + (r + 1) + " has "
            + covariance[r].length + " entries, expected " + n);
      }
      copy[r] = covariance[r].clone();
    }
    covariance = copy;
    if (!(distanceSquare > 0)) {
      throw new GatingException("ellipsoid distanceSquare must be positive, got " + distanceSquare);
    }
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[][] covariance() {
    double[][] copy = new double[covariance.length][];
    for (int r = 0; r < copy.length; r++) {
      copy[r] = covariance[r].clone();
    }
    return copy;
  }

  @Override
  public EventMask evaluate(float[][] columns, EventMask within) {
    LUDecomposition lu = new LUDecomposition(MatrixUtils.createRealMatrix(covariance), 1e-300);
    if (!lu.getSolver().isNonSingular()) {
      throw new GatingException("ellipsoid covariance matrix " + Arrays.deepToString(covariance)
          + " is singular");
    }
    double[][] precision = lu.getSolver().getInverse().getData();
    return mean.length == 2
        ? evaluatePlanar(columns, within, precision)
        : evaluateGeneral(columns, within, precision);
  }

  /** The common 2-D case without per-event loops over dimensions, one word per 64 events. */
  private EventMask evaluatePlanar(float[][] columns, EventMask within, double[][] precision) {
    int events = within.size();
    float[] xs = columns[0];
    float[] ys = columns[1];
    double mx = mean[0];
    double my = mean[1];
    double pxx = precision[0][0];
    double pxy = precision[0][1] + precision[1][0];
    double pyy = precision[1][1];
    double[] blockX = new double[64];
    double[] blockY = new double[64];
    long[] words = new long[within.wordCount()];
    for (int w = 0; w < words.length; w++) {
      long parent = within.word(w);
      if (parent == 0) {
        continue;
      }
      int base = w << 6;
      int end = Math.min(64, events - base);
      // Widened first, in a vectorised loop: see PolygonGate.
      for (int j = 0; j < end; j++) {
        blockX[j] = xs[base + j];
        blockY[j] = ys[base + j];
      }
      long word = 0;
      for (int j = 0; j < end; j++) {
        double dx = blockX[j] - mx;
        double dy = blockY[j] - my;
        double distance = pxx * dx * dx + pxy * dx * dy + pyy * dy * dy;
        word |= (distance <= distanceSquare ? 1L : 0L) << j;
      }
      words[w] = word & parent;
    }
    return EventMask.ofWords(words, events);
  }

  private EventMask evaluateGeneral(float[][] columns, EventMask within,
      double[][] precision) {
    int n = mean.length;
    double[] delta = new double[n];
    EventMask mask = EventMask.none(within.size());
    for (int i = within.nextSetBit(0); i >= 0; i = within.nextSetBit(i + 1)) {
      for (int d = 0; d < n; d++) {
        delta[d] = columns[d][i] - mean[d];
      }
      double distance = 0;
      for (int r = 0; r < n; r++) {
        double row = 0;
        for (int c = 0; c < n; c++) {
          row += precision[r][c] * delta[c];
        }
        distance += delta[r] * row;
      }
      if (distance <= distanceSquare) {
        mask.set(i);
      }
    }
    return mask;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EllipsoidGate other
        && other.dimensions.equals(dimensions)
        && Arrays.equals(other.mean, mean)
        && Arrays.deepEquals(other.covariance, covariance)
        && other.distanceSquare == distanceSquare;
  }

  @Override
  public int hashCode() {
    return 31 * dimensions.hashCode() + Arrays.hashCode(mean) + Double.hashCode(distanceSquare);
  }

  @Override
  public String toString() {
    return "EllipsoidGate" + dimensions.stream().map(Dimension::parameter).toList()
        + " mean=" + Arrays.toString(mean);
  }
}
