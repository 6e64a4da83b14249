package org.mrdflow.gating.mrd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.EllipsoidGate;
import org.mrdflow.gating.gate.RectangleGate;
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

  /**
   * The events this clone claims against the {@code normal} events ({@code columns} over
   * {@code markers}, in this cluster's marker order) by a
   * Bayes rule over the markers in which the normal events are the tighter population: the
   * clone a Gaussian of {@code clonePrior} cells with this centre and SD, the normal events a
   * Gaussian of their robust centre and SD (floored at {@code minSpread}) weighted by their
   * count, the event joins the class of higher weighted density. Over markers where the normal
   * SD s_n is below the clone's s_c, n_c N(x; c, s_c) > n_n N(x; n, s_n) is sum_j |A_j| (x_j -
   * m_j)^2 > -D with A_j = 1/s_cj^2 - 1/s_nj^2 < 0, m_j = (c_j/s_cj^2 - n_j/s_nj^2) / A_j and
   * D = 2 ln(n_c/n_n) + sum_j [2 ln(s_nj/s_cj) + A_j m_j^2 - c_j^2/s_cj^2 + n_j^2/s_nj^2]:
   * outside an ellipsoid around the normal events (Gating-ML: NOT of an ellipsoid gate; of a
   * range when there is one such marker). Those
   * markers are where normal precursors are distinct (CD38, CD45, CD10 of hematogones); in the
   * others the clone is the tighter one and the comparison would be unbounded. Everything when
   * there is no such marker or the clone outweighs the normal events everywhere (-D <= 0).
   */
  Region unlikeNormal(String name, List<Dimension> markers, float[][] columns, EventMask normal,
      int clonePrior, double minSpread) {
    List<Dimension> dimensions = new ArrayList<>();
    List<double[]> axes = new ArrayList<>();
    double bound = 2 * Math.log((double) clonePrior / normal.cardinality());
    for (int j = 0; j < centre.length; j++) {
      float[] values = RobustStats.values(columns[j], normal);
      double normalCentre = RobustStats.median(values);
      double normalSd = Math.max(RobustStats.robustSd(values), minSpread);
      if (!(normalSd < sd[j])) {
        continue;
      }
      double a = 1 / (sd[j] * sd[j]) - 1 / (normalSd * normalSd);
      double middle = (centre[j] / (sd[j] * sd[j]) - normalCentre / (normalSd * normalSd)) / a;
      bound += 2 * Math.log(normalSd / sd[j]) + a * middle * middle
          - centre[j] * centre[j] / (sd[j] * sd[j])
          + normalCentre * normalCentre / (normalSd * normalSd);
      dimensions.add(markers.get(j));
      axes.add(new double[] {middle, -1 / a});
    }
    if (dimensions.isEmpty() || !(-bound > 0)) {
      return new Region.Everything();
    }
    if (axes.size() == 1) {
      // One marker: the ellipsoid is the range m -+ sqrt(-D / |A|) (Gating-ML ellipsoids need
      // two dimensions).
      double half = Math.sqrt(-bound * axes.get(0)[1]);
      return new Region.Not(name, new Region.Shape("normal-precursors", new RectangleGate(
          dimensions, new double[] {axes.get(0)[0] - half}, new double[] {axes.get(0)[0] + half})));
    }
    double[] mean = new double[axes.size()];
    double[][] covariance = new double[axes.size()][axes.size()];
    for (int j = 0; j < axes.size(); j++) {
      mean[j] = axes.get(j)[0];
      covariance[j][j] = axes.get(j)[1];
    }
    return new Region.Not(name, new Region.Shape("normal-precursors",
        new EllipsoidGate(dimensions, mean, covariance, -bound)));
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
