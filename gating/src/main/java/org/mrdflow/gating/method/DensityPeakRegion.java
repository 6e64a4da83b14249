package org.mrdflow.gating.method;

import java.util.List;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.gate.EllipsoidGate;
import org.mrdflow.gating.gate.RectangleGate;
import org.mrdflow.gating.method.MethodParameter.Type;

/**
 * {@code density-peak}: the 2-D cluster around a density peak (e.g. lymphocytes on CD45 vs SSC).
 * The parent's events are binned on a grid and smoothed; the chosen peak (the highest, or the
 * one nearest {@code near}) keeps the bins of its own basin (those whose steepest ascent ends at
 * it, a watershed, so a small cluster never spills into a big neighbour) whose density is at
 * least {@code level} of the peak's. The region is frozen as an ellipse: the mean and covariance of the
 * parent events inside it, at squared Mahalanobis distance {@code distance_square}. The default
 * 9.21 is the 99% radius of a bivariate normal: the moments of a density-truncated region
 * underestimate the cluster's spread, so a 95% radius would cut its tails. An empty parent
 * gives an empty population.
 */
public final class DensityPeakRegion implements GatingMethod {
  @Override
  public String name() {
    return "density-peak";
  }

  @Override
  public List<MethodParameter> parameters() {
    return List.of(
        MethodParameter.optional("bins", Type.BINS, 128, "grid bins per dimension"),
        MethodParameter.optional("trim", Type.NUMBER, 0.005,
            "fraction of the parent's events ignored at each end of each axis when binning"),
        MethodParameter.optional("smoothing", Type.NUMBER, 2.0,
            "Gaussian kernel standard deviation, in bins"),
        MethodParameter.optional("level", Type.NUMBER, 0.1,
            "the region keeps connected bins above this fraction of the peak density"),
        MethodParameter.optional("near", Type.POINT, null,
            "choose the local peak nearest this point [x, y] instead of the highest"),
        MethodParameter.optional("min_peak_fraction", Type.NUMBER, 0.05,
            "with 'near', only peaks at least this fraction of the highest count"),
        MethodParameter.optional("distance_square", Type.NUMBER, 9.21,
            "squared Mahalanobis radius of the frozen ellipse"));
  }

  @Override
  public int minDimensions() {
    return 2;
  }

  @Override
  public int maxDimensions() {
    return 2;
  }

  @Override
  public MethodResult fit(MethodContext context) {
    MethodArguments args = context.arguments();
    float[][] columns = context.columns();
    EventMask parent = context.parent();
    double[] xRange = Density.range(columns[0], parent, args.number("trim"));
    double[] yRange = Density.range(columns[1], parent, args.number("trim"));
    if (xRange == null || yRange == null || parent.cardinality() < 3) {
      return empty(context);
    }
    int n = args.integer("bins");
    double[] counts = new double[n * n];
    for (int i = parent.nextSetBit(0); i >= 0; i = parent.nextSetBit(i + 1)) {
      int bx = Density.bin(columns[0][i], xRange[0], xRange[1], n);
      int by = Density.bin(columns[1][i], yRange[0], yRange[1], n);
      if (bx >= 0 && by >= 0) {
        counts[by * n + bx]++;
      }
    }
    double[] density = Density.smooth2d(counts, n, n, args.number("smoothing"));
    int peak = args.optionalPoint("near")
        .map(point -> nearestPeak(density, n, point, xRange, yRange,
            args.number("min_peak_fraction")))
        .orElseGet(() -> highest(density));
    boolean[] region = grow(density, n, peak, args.number("level") * density[peak]);

    double[] sum = new double[2];
    double[] cross = new double[3];
    int count = 0;
    for (int i = parent.nextSetBit(0); i >= 0; i = parent.nextSetBit(i + 1)) {
      int bx = Density.bin(columns[0][i], xRange[0], xRange[1], n);
      int by = Density.bin(columns[1][i], yRange[0], yRange[1], n);
      if (bx >= 0 && by >= 0 && region[by * n + bx]) {
        double x = columns[0][i];
        double y = columns[1][i];
        sum[0] += x;
        sum[1] += y;
        cross[0] += x * x;
        cross[1] += x * y;
        cross[2] += y * y;
        count++;
      }
    }
    if (count < 3) {
      return empty(context);
    }
    double mx = sum[0] / count;
    double my = sum[1] / count;
    double vxx = cross[0] / count - mx * mx;
    double vxy = cross[1] / count - mx * my;
    double vyy = cross[2] / count - my * my;
    if (!(vxx * vyy - vxy * vxy > 0)) {
      return empty(context);
    }
    return new MethodResult.Geometry(new EllipsoidGate(context.dimensions(),
        new double[] {mx, my}, new double[][] {{vxx, vxy}, {vxy, vyy}},
        args.number("distance_square")));
  }

  /** A gate no event satisfies: the population is empty, which is a result, not an error. */
  private static MethodResult empty(MethodContext context) {
    double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    return new MethodResult.Geometry(new RectangleGate(context.dimensions(), min, max));
  }

  private static int highest(double[] density) {
    int best = 0;
    for (int b = 1; b < density.length; b++) {
      if (density[b] > density[best]) {
        best = b;
      }
    }
    return best;
  }

  private static int nearestPeak(double[] density, int n, double[] point, double[] xRange,
      double[] yRange, double minPeakFraction) {
    double px = (point[0] - xRange[0]) / (xRange[1] - xRange[0]) * n;
    double py = (point[1] - yRange[0]) / (yRange[1] - yRange[0]) * n;
    int best = highest(density);
    double floor = minPeakFraction * density[best];
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        double d = density[y * n + x];
        if (d > 0 && d >= floor && isLocalMaximum(density, n, x, y)) {
          double distance = (x + 0.5 - px) * (x + 0.5 - px) + (y + 0.5 - py) * (y + 0.5 - py);
          if (distance < bestDistance) {
            bestDistance = distance;
            best = y * n + x;
          }
        }
      }
    }
    return best;
  }

  private static boolean isLocalMaximum(double[] density, int n, int x, int y) {
    double d = density[y * n + x];
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        int nx = x + dx;
        int ny = y + dy;
        if ((dx != 0 || dy != 0) && nx >= 0 && ny >= 0 && nx < n && ny < n
            && density[ny * n + nx] > d) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Bins whose steepest ascent over the 8 neighbours ends at {@code peak} and whose density is at
   * least {@code floor}.
   */
  private static boolean[] grow(double[] density, int n, int peak, double floor) {
    int[] summit = new int[density.length];
    java.util.Arrays.fill(summit, -1);
    boolean[] region = new boolean[density.length];
    for (int b = 0; b < density.length; b++) {
      region[b] = density[b] >= floor && summitOf(density, n, b, summit) == peak;
    }
    return region;
  }

  private static int summitOf(double[] density, int n, int start, int[] summit) {
    java.util.List<Integer> path = new java.util.ArrayList<>();
    int b = start;
    while (summit[b] < 0) {
      path.add(b);
      int next = steepestNeighbour(density, n, b);
      if (next == b) {
        summit[b] = b;
        break;
      }
      b = next;
    }
    int top = summit[b];
    for (int visited : path) {
      summit[visited] = top;
    }
    return top;
  }

  private static int steepestNeighbour(double[] density, int n, int b) {
    int x = b % n;
    int y = b / n;
    int best = b;
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        int nx = x + dx;
        int ny = y + dy;
        if (nx >= 0 && ny >= 0 && nx < n && ny < n && density[ny * n + nx] > density[best]) {
          best = ny * n + nx;
        }
      }
    }
    return best;
  }
}
