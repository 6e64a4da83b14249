package org.mrdflow.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.EllipsoidGate;
import org.mrdflow.gating.gate.GeometricGate;
import org.mrdflow.gating.gate.PolygonGate;
import org.mrdflow.gating.gate.RectangleGate;

/**
 * A gate's geometry as the {@code adjust} action sends it and the audit trail stores it, in the
 * gate's own units (the values the gate is applied to: logicle 0-1 for fluorescence, linear
 * scatter, the ratio for a ratio dimension), in the order of its {@code dimensions}. The keys
 * follow the YAML strategy format (gating/README.md):
 *
 * <ul>
 *   <li>{@code {"rectangle": {"min": [..], "max": [..]}}}: one bound per dimension, null = open
 *       (min &lt;= x &lt; max);
 *   <li>{@code {"polygon": {"vertices": [[x, y], ...]}}}: 3 to {@value #MAX_VERTICES}, on 2 dimensions;
 *   <li>{@code {"ellipsoid": {"mean": [..], "covariance": [[..], ..], "distance_square": d}}}.
 * </ul>
 *
 * <p>An optional {@code "dimensions"} (as this class writes it) must name the gate's own; the
 * dimensions of the new geometry are always the gate's, so a gate keeps its axes when moved.
 */
final class GateGeometry {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Enough for any hand-drawn gate; keeps an audit value within its column (16,000 characters). */
  static final int MAX_VERTICES = 200;
  private static final Set<String> KEYS = Set.of("rectangle", "polygon", "ellipsoid", "dimensions");

  private GateGeometry() {}

  /** The gate's geometry as JSON, with its dimensions named. */
  static ObjectNode toJson(GeometricGate gate) {
    ObjectNode out = JSON.createObjectNode();
    ArrayNode dims = out.putArray("dimensions");
    gate.dimensions().forEach(d -> dims.add(name(d)));
    if (gate instanceof RectangleGate r) {
      ObjectNode body = out.putObject("rectangle");
      ArrayNode min = body.putArray("min");
      ArrayNode max = body.putArray("max");
      for (int d = 0; d < r.min().length; d++) {
        bound(min, r.min()[d]);
        bound(max, r.max()[d]);
      }
    } else if (gate instanceof PolygonGate p) {
      ArrayNode vertices = out.putObject("polygon").putArray("vertices");
      for (int i = 0; i < p.xs().length; i++) {
        vertices.addArray().add(p.xs()[i]).add(p.ys()[i]);
      }
    } else {
      EllipsoidGate e = (EllipsoidGate) gate;
      ObjectNode body = out.putObject("ellipsoid");
      ArrayNode mean = body.putArray("mean");
      for (double m : e.mean()) {
        mean.add(m);
      }
      ArrayNode covariance = body.putArray("covariance");
      for (double[] row : e.covariance()) {
        ArrayNode r = covariance.addArray();
        for (double v : row) {
          r.add(v);
        }
      }
      body.put("distance_square", e.distanceSquare());
    }
    return out;
  }

  /**
   * New geometry for {@code gate} (over its dimensions) from the request's JSON.
   *
   * @throws ReviewException 400 saying what is wrong
   */
  static GeometricGate parse(String gateId, GeometricGate gate, JsonNode json) {
    if (json == null || !json.isObject()) {
      throw bad(gateId, "geometry must be a JSON object: {\"rectangle\": {\"min\": [..], \"max\": [..]}},"
          + " {\"polygon\": {\"vertices\": [[x, y], ..]}} or {\"ellipsoid\": {\"mean\", \"covariance\", \"distance_square\"}}");
    }
    json.fieldNames().forEachRemaining(k -> {
      if (!KEYS.contains(k)) {
        throw bad(gateId, "unknown geometry key '" + Text.shorten(k) + "' (rectangle, polygon, ellipsoid, dimensions)");
      }
    });
    List<Dimension> dims = gate.dimensions();
    JsonNode named = json.get("dimensions");
    if (named != null && !named.equals(toJson(gate).get("dimensions"))) {
      throw bad(gateId, "the gate's dimensions are " + toJson(gate).get("dimensions") + "; its axes cannot change");
    }
    List<String> shapes = new ArrayList<>();
    for (String k : List.of("rectangle", "polygon", "ellipsoid")) {
      if (json.has(k)) {
        shapes.add(k);
      }
    }
    if (shapes.size() != 1) {
      throw bad(gateId, "geometry needs exactly one of rectangle, polygon or ellipsoid");
    }
    JsonNode body = json.get(shapes.get(0));
    try {
      return switch (shapes.get(0)) {
        case "rectangle" -> new RectangleGate(dims, bounds(gateId, body.get("min"), dims.size(), "min", true),
            bounds(gateId, body.get("max"), dims.size(), "max", false));
        case "polygon" -> polygon(gateId, dims, body.get("vertices"));
        default -> new EllipsoidGate(dims, numbers(gateId, body.get("mean"), dims.size(), "mean"),
            matrix(gateId, body.get("covariance"), dims.size()), number(gateId, body.get("distance_square"), "distance_square"));
      };
    } catch (GatingException e) {
      throw bad(gateId, e.getMessage());
    }
  }

  private static PolygonGate polygon(String gateId, List<Dimension> dims, JsonNode vertices) {
    if (dims.size() != 2) {
      throw bad(gateId, "a polygon needs 2 dimensions; this gate has " + dims.size());
    }
    if (vertices == null || !vertices.isArray() || vertices.size() < 3 || vertices.size() > MAX_VERTICES) {
      throw bad(gateId, "polygon.vertices must be at least 3 and at most " + MAX_VERTICES + " [x, y] pairs");
    }
    double[] xs = new double[vertices.size()];
    double[] ys = new double[vertices.size()];
    for (int i = 0; i < xs.length; i++) {
      double[] v = numbers(gateId, vertices.get(i), 2, "polygon vertex " + (i + 1));
      xs[i] = v[0];
      ys[i] = v[1];
    }
    return new PolygonGate(dims, xs, ys);
  }

  private static double[][] matrix(String gateId, JsonNode rows, int n) {
    if (rows == null || !rows.isArray() || rows.size() != n) {
      throw bad(gateId, "ellipsoid.covariance must be " + n + " rows of " + n + " numbers");
    }
    double[][] m = new double[n][];
    for (int r = 0; r < n; r++) {
      m[r] = numbers(gateId, rows.get(r), n, "covariance row " + (r + 1));
    }
    return m;
  }

  /** Bounds, null = open (stored as the infinity of that side, as the gates hold them). */
  private static double[] bounds(String gateId, JsonNode array, int n, String what, boolean lower) {
    if (array == null || !array.isArray() || array.size() != n) {
      throw bad(gateId, "rectangle." + what + " must be " + n + " numbers (null = open), one per dimension");
    }
    double[] out = new double[n];
    for (int d = 0; d < n; d++) {
      JsonNode v = array.get(d);
      out[d] = v.isNull() ? (lower ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
          : number(gateId, v, "rectangle." + what + "[" + d + "]");
    }
    return out;
  }

  private static double[] numbers(String gateId, JsonNode array, int n, String what) {
    if (array == null || !array.isArray() || array.size() != n) {
      throw bad(gateId, what + " must be " + n + " numbers");
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = number(gateId, array.get(i), what);
    }
    return out;
  }

  private static double number(String gateId, JsonNode v, String what) {
    if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw bad(gateId, what + " must be finite numbers");
    }
    return v.asDouble();
  }

  private static void bound(ArrayNode array, double bound) {
    if (Double.isInfinite(bound)) {
      array.addNull();
    } else {
      array.add(bound);
    }
  }

  /** A dimension as a reviewer reads it: parameter, and its transform when it has one. */
  private static String name(Dimension d) {
    return d.parameter() + (d.transformed() ? " (" + d.transform() + ")" : "");
  }

  private static ReviewException bad(String gateId, String message) {
    return new ReviewException(400, "gate " + Text.shorten(gateId) + ": " + message);
  }
}
