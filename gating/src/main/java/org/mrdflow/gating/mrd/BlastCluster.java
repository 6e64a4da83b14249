package org.mrdflow.gating.mrd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.EllipsoidGate;
import org.mrdflow.gating.gate.Region;
import org.mrdflow.gating.method.MethodContext;

/**
 * The ellipsoid a clone's seed blasts are grown in: robust centre (median) and SD (MAD-SD,
 * floored) per marker of the seeds; candidates within {@code distanceSquare} squared
 * standardized distance join them. A leukemic clone is one compact cluster ("different from
 * normal", Wood 2016), so the dim tails a strict seed cut misses lie inside its seeds' ellipsoid
 * while normal populations lie outside it. Exported as a Gating-ML 2.0 ellipsoid with a diagonal
 * covariance (section 5.3.4).
 *
 * @param markers the ellipsoid's markers, in {@code centre} / {@code sd} order
 * @param centre per-marker centre (logicle scale)
 * @param sd per-marker spread (logicle scale)
 * @param distanceSquare bound on the squared standardized distance
 */
public record BlastCluster(List<String> markers, double[] centre, double[] sd,
    double distanceSquare) {
  private static final String DISTANCE_SQUARE = "distance-square";

  public BlastCluster {
    markers = List.copyOf(markers);
  }

  /** The ellipsoid of {@code seeds} over all dimensions of {@code context}. */
  static BlastCluster fit(MethodContext context, EventMask seeds, double minSpread,
      double distanceSquare) {
    float[][] columns = context.columns();
    List<String> markers = new ArrayList<>();
    double[] centre = new double[columns.length];
    double[] sd = new double[columns.length];
    for (int j = 0; j < columns.length; j++) {
      float[] values = RobustStats.values(columns[j], seeds);
      markers.add(context.dimensions().get(j).parameter());
      centre[j] = RobustStats.median(values);
      sd[j] = Math.max(RobustStats.robustSd(values), minSpread);
    }
    return new BlastCluster(markers, centre, sd, distanceSquare);
  }

  /**
   * The ellipsoid as a Gating-ML 2.0 ellipsoid gate over {@code dimensions} (in marker order):
   * diagonal covariance of the squared SDs, so (x - c)' C^-1 (x - c) is the squared
   * standardized distance.
   */
  Region region(String name, List<Dimension> dimensions) {
    double[][] covariance = new double[centre.length][centre.length];
    for (int j = 0; j < centre.length; j++) {
      covariance[j][j] = sd[j] * sd[j];
    }
    return new Region.Shape(name, new EllipsoidGate(dimensions, centre, covariance,
        distanceSquare));
  }

  /** Landmarks {@code M.centre}, {@code M.sd} per marker M and {@code distance-square}. */
  Map<String, Double> landmarks() {
    Map<String, Double> landmarks = new LinkedHashMap<>();
    for (int j = 0; j < centre.length; j++) {
      landmarks.put(markers.get(j) + ".centre", centre[j]);
      landmarks.put(markers.get(j) + ".sd", sd[j]);
    }
    landmarks.put(DISTANCE_SQUARE, distanceSquare);
    return landmarks;
  }
}
