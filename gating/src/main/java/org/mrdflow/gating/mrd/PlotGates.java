package org.mrdflow.gating.mrd;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.EllipsoidGate;
import org.mrdflow.gating.gate.GeometricGate;
import org.mrdflow.gating.gate.PolygonGate;
import org.mrdflow.gating.gate.RectangleGate;
import org.mrdflow.gating.strategy.GatingStrategy;
import org.mrdflow.gating.strategy.Population;
import org.mrdflow.gating.strategy.RatioDefinition;

/**
 * Draws the gates that selected a population, as the engine applied them (the applied
 * strategy's shapes: the population's own gate and the parts of its fitted region), projected
 * on a plot's two axes: range bounds as lines, a ratio bound as the line y = x / ratio,
 * polygons (half-planes) clipped to the view, ellipsoids as the ellipse of their covariance on
 * the two axes (the projection of the ellipsoid). Shapes over other dimensions are not drawn.
 */
final class PlotGates {
  private static final int ELLIPSE_POINTS = 96;

  private final GatingStrategy applied;

  PlotGates(GatingStrategy applied) {
    this.applied = applied;
  }

  /**
   * A plot axis: the gating dimension (by parameter: marker, channel or ratio id) it shows,
   * displayed as the value itself or as log10 (scatter; values below 1 read as 1), and its
   * view range in shown units.
   */
  record Axis(String parameter, boolean log10, double lo, double hi) {
    boolean shows(Dimension d) {
      return d.parameter().equals(parameter);
    }

    /** A gate coordinate as drawn on this axis. */
    double display(double value) {
      return log10 ? Math.log10(Math.max(value, 1)) : value;
    }

    double clamp(double shown) {
      return Math.max(lo, Math.min(hi, shown));
    }
  }

  /** One drawn line of a gate, in shown units, named by the population it selected. */
  record Line(String population, double[] xs, double[] ys) {}

  /**
   * The lines of the gates of {@code populations} (each population's own gate and the parts of
   * its fitted region, ids {@code <population>.<part>}) on the two axes.
   */
  List<Line> lines(Axis x, Axis y, List<String> populations) {
    List<Line> out = new ArrayList<>();
    for (String id : populations) {
      gates(List.of(id)).forEach((gateId, gate) -> {
        for (double[][] line : lines(gate, x, y)) {
          out.add(new Line(gateId, line[0], line[1]));
        }
      });
    }
    return out;
  }

  /**
   * The geometric gates that selected {@code populations}: each one's own gate and the shapes
   * of its fitted region, by applied population id, in the applied strategy's order.
   */
  Map<String, GeometricGate> gates(Collection<String> populations) {
    Map<String, GeometricGate> gates = new LinkedHashMap<>();
    for (Population p : applied.populations()) {
      for (String id : populations) {
        if ((p.id().equals(id) || p.id().startsWith(id + "."))
            && p.gate() instanceof GeometricGate gate) {
          gates.put(p.id(), gate);
        }
      }
    }
    return gates;
  }

  /** The polylines (x values, y values) of one shape on the two axes. */
  List<double[][]> lines(GeometricGate gate, Axis x, Axis y) {
    List<double[][]> lines = new ArrayList<>();
    if (gate instanceof RectangleGate rectangle) {
      rectangle(rectangle, x, y, lines);
    } else if (gate instanceof PolygonGate polygon) {
      int ix = index(polygon.dimensions(), x);
      int iy = index(polygon.dimensions(), y);
      if (ix >= 0 && iy >= 0 && ix != iy) {
        double[][] xy = {polygon.xs(), polygon.ys()};
        double[][] clipped = clip(xy[ix], xy[iy], x, y);
        if (clipped[0].length > 1) {
          lines.add(clipped);
        }
      }
    } else if (gate instanceof EllipsoidGate ellipsoid) {
      int ix = index(ellipsoid.dimensions(), x);
      int iy = index(ellipsoid.dimensions(), y);
      if (ix >= 0 && iy >= 0 && ix != iy && !x.log10() && !y.log10()) {
        lines.add(ellipse(ellipsoid, ix, iy));
      }
    }
    return lines;
  }

  private void rectangle(RectangleGate rectangle, Axis x, Axis y, List<double[][]> lines) {
    List<Dimension> dims = rectangle.dimensions();
    double[] min = rectangle.min();
    double[] max = rectangle.max();
    int ix = index(dims, x);
    int iy = index(dims, y);
    // The span of each line: the rectangle's bounds on the other axis when it has them.
    double yLo = iy >= 0 ? y.clamp(y.display(min[iy])) : y.lo();
    double yHi = iy >= 0 ? y.clamp(y.display(max[iy])) : y.hi();
    double xLo = ix >= 0 ? x.clamp(x.display(min[ix])) : x.lo();
    double xHi = ix >= 0 ? x.clamp(x.display(max[ix])) : x.hi();
    for (int d = 0; d < dims.size(); d++) {
      for (double bound : new double[] {min[d], max[d]}) {
        if (Double.isInfinite(bound)) {
          continue;
        }
        if (d == ix) {
          lines.add(new double[][] {{x.display(bound), x.display(bound)}, {yLo, yHi}});
        } else if (d == iy) {
          lines.add(new double[][] {{xLo, xHi}, {y.display(bound), y.display(bound)}});
        } else if (dims.get(d).ratio()) {
          ratioLine(dims.get(d).parameter(), bound, x, y, lines);
        }
      }
    }
  }

  /** A(n - B) / (d - C) = bound with n, d on the axes: d = A (n - B) / bound + C. */
  private void ratioLine(String ratioId, double bound, Axis x, Axis y, List<double[][]> lines) {
    RatioDefinition ratio = applied.ratios().get(ratioId);
    if (ratio == null || x.log10() || y.log10() || bound == 0) {
      return;
    }
    double a = ratio.transform().A();
    double b = ratio.transform().B();
    double c = ratio.transform().C();
    if (ratio.numerator().equals(x.parameter()) && ratio.denominator().equals(y.parameter())) {
      lines.add(new double[][] {{x.lo(), x.hi()},
          {a * (x.lo() - b) / bound + c, a * (x.hi() - b) / bound + c}});
    } else if (ratio.numerator().equals(y.parameter())
        && ratio.denominator().equals(x.parameter())) {
      lines.add(new double[][] {{a * (y.lo() - b) / bound + c, a * (y.hi() - b) / bound + c},
          {y.lo(), y.hi()}});
    }
  }

  private static int index(List<Dimension> dims, Axis axis) {
    for (int d = 0; d < dims.size(); d++) {
      if (axis.shows(dims.get(d))) {
        return d;
      }
    }
    return -1;
  }

  /** The ellipse of the covariance's (ix, iy) block around the mean, closed. */
  private static double[][] ellipse(EllipsoidGate gate, int ix, int iy) {
    double[][] c = gate.covariance();
    double sxx = c[ix][ix];
    double sxy = (c[ix][iy] + c[iy][ix]) / 2;
    double syy = c[iy][iy];
    double l11 = Math.sqrt(sxx);
    double l21 = sxy / l11;
    double l22 = Math.sqrt(Math.max(syy - l21 * l21, 0));
    double r = Math.sqrt(gate.distanceSquare());
    double[] mean = gate.mean();
    double[] xs = new double[ELLIPSE_POINTS + 1];
    double[] ys = new double[ELLIPSE_POINTS + 1];
    for (int k = 0; k <= ELLIPSE_POINTS; k++) {
      double t = 2 * Math.PI * k / ELLIPSE_POINTS;
      xs[k] = mean[ix] + r * l11 * Math.cos(t);
      ys[k] = mean[iy] + r * (l21 * Math.cos(t) + l22 * Math.sin(t));
    }
    return new double[][] {xs, ys};
  }

  /** The closed polygon clipped to the view box (Sutherland-Hodgman, one edge at a time). */
  private static double[][] clip(double[] px, double[] py, Axis x, Axis y) {
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < px.length; i++) {
      points.add(new double[] {px[i], py[i]});
    }
    points = clip(points, 0, x.lo(), true);
    points = clip(points, 0, x.hi(), false);
    points = clip(points, 1, y.lo(), true);
    points = clip(points, 1, y.hi(), false);
    double[] xs = new double[points.isEmpty() ? 0 : points.size() + 1];
    double[] ys = new double[xs.length];
    for (int i = 0; i < points.size(); i++) {
      xs[i] = points.get(i)[0];
      ys[i] = points.get(i)[1];
    }
    if (!points.isEmpty()) {
      xs[points.size()] = xs[0];
      ys[points.size()] = ys[0];
    }
    return new double[][] {xs, ys};
  }

  /** Keeps the part of the polygon with coordinate {@code axis} >= (or <=) {@code limit}. */
  private static List<double[]> clip(List<double[]> polygon, int axis, double limit,
      boolean keepAbove) {
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < polygon.size(); i++) {
      double[] p = polygon.get(i);
      double[] q = polygon.get((i + 1) % polygon.size());
      boolean pIn = keepAbove ? p[axis] >= limit : p[axis] <= limit;
      boolean qIn = keepAbove ? q[axis] >= limit : q[axis] <= limit;
      if (pIn) {
        out.add(p);
      }
      if (pIn != qIn) {
        double s = (limit - p[axis]) / (q[axis] - p[axis]);
        out.add(new double[] {p[0] + s * (q[0] - p[0]), p[1] + s * (q[1] - p[1])});
      }
    }
    return out;
  }
}
