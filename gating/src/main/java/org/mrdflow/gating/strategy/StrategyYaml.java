package org.mrdflow.gating.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mrdflow.fcs.SpilloverMatrix;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.compensation.CompensationException;
import org.mrdflow.gating.compensation.SpilloverCsv;
import org.mrdflow.gating.gate.BooleanGate;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.EllipsoidGate;
import org.mrdflow.gating.gate.GateDefinition;
import org.mrdflow.gating.gate.MethodGate;
import org.mrdflow.gating.gate.PolygonGate;
import org.mrdflow.gating.gate.RectangleGate;
import org.mrdflow.gating.panel.Panel;
import org.mrdflow.gating.transform.AsinhTransform;
import org.mrdflow.gating.transform.HyperlogTransform;
import org.mrdflow.gating.transform.LinearTransform;
import org.mrdflow.gating.transform.LogTransform;
import org.mrdflow.gating.transform.LogicleTransform;
import org.mrdflow.gating.transform.RatioTransform;
import org.mrdflow.gating.transform.Transform;

/**
 * Reads the YAML form of a gating strategy (see {@code conf/gating/} and the module README for
 * the format). Structural errors (a gate without geometry, a number that is not one) are
 * reported with the population named; reference checks are {@link StrategyValidator}'s.
 */
public final class StrategyYaml {
  private StrategyYaml() {}

  public static GatingStrategy read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(file.toString(), in, file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new GatingException(file + ": cannot read gating strategy: " + e.getMessage(), e);
    }
  }

  /**
   * @param baseDirectory resolves relative panel and matrix file names; null to forbid them
   */
  public static GatingStrategy parse(String source, InputStream in, Path baseDirectory) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new GatingException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root == null || !root.path("populations").isArray()) {
      throw new GatingException(source + ": a gating strategy needs a 'populations' list");
    }
    String defaultCompensation = root.path("compensation").asText(Dimension.FILE_COMPENSATION);
    Map<String, Transform> transforms = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("transforms").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      transforms.put(entry.getKey(), transform(source, entry.getKey(), entry.getValue()));
    }
    Map<String, SpilloverMatrix> compensations = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("compensations").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      compensations.put(entry.getKey(),
          matrix(source, entry.getKey(), entry.getValue(), baseDirectory));
    }
    Map<String, RatioDefinition> ratios = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("ratios").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode r = entry.getValue();
      String where = source + ": ratio '" + entry.getKey() + "'";
      if (!r.path("numerator").isTextual() || !r.path("denominator").isTextual()) {
        throw new GatingException(where + " needs a numerator and a denominator marker");
      }
      ratios.put(entry.getKey(), new RatioDefinition(
          new RatioTransform(optionalNumber(where, r, "A", 1), optionalNumber(where, r, "B", 0),
              optionalNumber(where, r, "C", 0)),
          r.get("numerator").asText(), r.get("denominator").asText()));
    }
    List<Population> populations = new ArrayList<>();
    int index = 0;
    for (JsonNode node : root.path("populations")) {
      index++;
      String name = node.path("name").asText("");
      String id = node.path("id").asText(name);
      if (id.isEmpty()) {
        throw new GatingException(source + ": population " + index + " has no name");
      }
      String where = source + ": population '" + id + "'";
      String parent = node.hasNonNull("parent") ? node.get("parent").asText() : null;
      GateDefinition gate = gate(where, node, defaultCompensation);
      populations.add(new Population(id, name, parent, gate));
    }
    String denominator = root.hasNonNull("denominator") ? root.get("denominator").asText() : null;
    Panel panel = null;
    if (root.hasNonNull("panel")) {
      if (baseDirectory == null) {
        throw new GatingException(source + ": a panel file needs a strategy read from a file");
      }
      panel = Panel.read(baseDirectory.resolve(root.get("panel").asText()).normalize());
    }
    return new GatingStrategy(source, root.path("id").asText(source), compensations,
        transforms, ratios, populations, denominator, panel);
  }

  private static Transform transform(String source, String id, JsonNode node) {
    String where = source + ": transform '" + id + "'";
    if (!node.isObject() || node.size() != 1) {
      throw new GatingException(where + " must be one of logicle, biex, hyperlog, arcsinh, "
          + "asinh, log, linear with its parameters");
    }
    String kind = node.fieldNames().next();
    JsonNode p = node.get(kind);
    try {
      return switch (kind) {
        case "logicle" -> new LogicleTransform(number(where, p, "T"), number(where, p, "W"),
            number(where, p, "M"), number(where, p, "A"));
        case "biex" -> LogicleTransform.fromFlowJoBiex(number(where, p, "max_value"),
            number(where, p, "positive_decades"), number(where, p, "width_basis"),
            number(where, p, "negative_decades"));
        case "hyperlog" -> new HyperlogTransform(number(where, p, "T"), number(where, p, "W"),
            number(where, p, "M"), number(where, p, "A"));
        case "asinh" -> new AsinhTransform(number(where, p, "T"), number(where, p, "M"),
            number(where, p, "A"));
        case "arcsinh" -> AsinhTransform.withCofactor(number(where, p, "cofactor"),
            number(where, p, "M"));
        case "log" -> new LogTransform(number(where, p, "T"), number(where, p, "M"));
        case "linear" -> new LinearTransform(number(where, p, "T"), number(where, p, "A"));
        default -> throw new GatingException(where + ": unknown transform kind '" + kind + "'");
      };
    } catch (IllegalArgumentException e) {
      throw new GatingException(where + ": " + e.getMessage(), e);
    }
  }

  private static SpilloverMatrix matrix(String source, String id, JsonNode node,
      Path baseDirectory) {
    String where = source + ": compensation '" + id + "'";
    if (node.hasNonNull("file")) {
      if (baseDirectory == null) {
        throw new GatingException(where + ": matrix files need a strategy read from a file");
      }
      return SpilloverCsv.read(baseDirectory.resolve(node.get("file").asText()));
    }
    List<String> detectors = new ArrayList<>();
    node.path("detectors").forEach(d -> detectors.add(d.asText()));
    JsonNode rows = node.path("matrix");
    if (!rows.isArray()) {
      throw new GatingException(where + ": matrix must be a list of rows, each a list of numbers");
    }
    double[][] values = new double[rows.size()][];
    for (int r = 0; r < values.length; r++) {
      values[r] = numbers(where, rows.get(r), "matrix row " + (r + 1));
    }
    try {
      return SpilloverMatrix.of(where, detectors, values);
    } catch (IllegalArgumentException e) {
      throw new CompensationException(e.getMessage());
    }
  }

  private static GateDefinition gate(String where, JsonNode node, String defaultCompensation) {
    List<Dimension> dimensions = new ArrayList<>();
    for (JsonNode dim : node.path("dimensions")) {
      if (dim.isTextual()) {
        dimensions.add(Dimension.of(dim.asText(), defaultCompensation, ""));
      } else {
        boolean ratio = dim.has("ratio");
        dimensions.add(new Dimension(dim.path(ratio ? "ratio" : "marker").asText(), ratio,
            dim.path("compensation").asText(defaultCompensation),
            dim.path("transform").asText("")));
      }
    }
    if (node.has("boolean")) {
      return bool(where, node.get("boolean"));
    }
    if (node.has("method")) {
      JsonNode method = node.get("method");
      Map<String, Object> arguments = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = method.path("args").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> arg = it.next();
        arguments.put(arg.getKey(), value(arg.getValue()));
      }
      return new MethodGate(method.path("name").asText(), dimensions, arguments);
    }
    JsonNode gate = node.path("gate");
    if (!gate.isObject() || gate.size() != 1) {
      throw new GatingException(where + ": needs exactly one of gate (rectangle, polygon, "
          + "ellipse), method or boolean");
    }
    String kind = gate.fieldNames().next();
    JsonNode g = gate.get(kind);
    try {
      return switch (kind) {
        case "rectangle" -> new RectangleGate(dimensions,
            bounds(where, g.path("min"), dimensions.size(), Double.NEGATIVE_INFINITY),
            bounds(where, g.path("max"), dimensions.size(), Double.POSITIVE_INFINITY));
        case "polygon" -> {
          JsonNode vertices = g.path("vertices");
          double[] xs = new double[vertices.size()];
          double[] ys = new double[vertices.size()];
          for (int v = 0; v < xs.length; v++) {
            double[] point = numbers(where, vertices.get(v), "vertex " + (v + 1));
            if (point.length != 2) {
              throw new GatingException(where + ": vertex " + (v + 1) + " needs 2 coordinates");
            }
            xs[v] = point[0];
            ys[v] = point[1];
          }
          yield new PolygonGate(dimensions, xs, ys);
        }
        case "ellipse" -> {
          JsonNode rows = g.path("covariance");
          double[][] covariance = new double[rows.size()][];
          for (int r = 0; r < covariance.length; r++) {
            covariance[r] = numbers(where, rows.get(r), "covariance row " + (r + 1));
          }
          yield new EllipsoidGate(dimensions, numbers(where, g.path("mean"), "mean"),
              covariance, number(where, g, "distance_square"));
        }
        default -> throw new GatingException(where + ": unknown gate kind '" + kind + "'");
      };
    } catch (GatingException e) {
      throw e.getMessage().startsWith(where) ? e : new GatingException(where + ": "
          + e.getMessage(), e);
    }
  }

  private static BooleanGate bool(String where, JsonNode node) {
    if (!node.isObject() || node.size() != 1) {
      throw new GatingException(where + ": boolean needs one of and, or, not");
    }
    String kind = node.fieldNames().next();
    BooleanGate.Operator operator = switch (kind) {
      case "and" -> BooleanGate.Operator.AND;
      case "or" -> BooleanGate.Operator.OR;
      case "not" -> BooleanGate.Operator.NOT;
      default -> throw new GatingException(where + ": unknown boolean operator '" + kind + "'");
    };
    List<BooleanGate.Operand> operands = new ArrayList<>();
    for (JsonNode operand : node.get(kind)) {
      String ref = operand.asText();
      boolean complement = ref.startsWith("!");
      operands.add(new BooleanGate.Operand(complement ? ref.substring(1) : ref, complement));
    }
    try {
      return new BooleanGate(operator, operands);
    } catch (GatingException e) {
      throw new GatingException(where + ": " + e.getMessage(), e);
    }
  }

  /** A YAML scalar or list as String, Integer/Long/Double, Boolean or List. */
  private static Object value(JsonNode node) {
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(value(item)));
      return list;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return node.asText();
  }

  private static double[] bounds(String where, JsonNode node, int n, double open) {
    double[] bounds = new double[n];
    if (node.isMissingNode() || node.isNull()) {
      java.util.Arrays.fill(bounds, open);
      return bounds;
    }
    if (!node.isArray() || node.size() != n) {
      throw new GatingException(where + ": rectangle bounds need " + n
          + " values (null for open)");
    }
    for (int d = 0; d < n; d++) {
      JsonNode v = node.get(d);
      if (v.isNull()) {
        bounds[d] = open;
      } else if (v.isNumber()) {
        bounds[d] = v.doubleValue();
      } else {
        throw new GatingException(where + ": rectangle bound '" + v.asText()
            + "' is not a number");
      }
    }
    return bounds;
  }

  private static double number(String where, JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isNumber()) {
      throw new GatingException(where + ": '" + field + "' must be a number, got '"
          + value.asText() + "'");
    }
    return value.doubleValue();
  }

  private static double optionalNumber(String where, JsonNode node, String field,
      double absent) {
    return node.has(field) ? number(where, node, field) : absent;
  }

  private static double[] numbers(String where, JsonNode node, String what) {
    if (!node.isArray()) {
      throw new GatingException(where + ": " + what + " must be a list of numbers");
    }
    double[] values = new double[node.size()];
    for (int i = 0; i < values.length; i++) {
      if (!node.get(i).isNumber()) {
        throw new GatingException(where + ": " + what + " holds '" + node.get(i).asText()
            + "', not a number");
      }
      values[i] = node.get(i).doubleValue();
    }
    return values;
  }
}
