package org.mrdflow.gating.flowjo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mrdflow.fcs.SpilloverMatrix;
import org.mrdflow.gating.flowjo.FlowJoImportProblem.Kind;
import org.mrdflow.gating.flowjo.FlowJoWorkspace.WorkspaceCompensation;
import org.mrdflow.gating.flowjo.FlowJoWorkspace.WorkspacePopulation;
import org.mrdflow.gating.flowjo.FlowJoWorkspace.WorkspaceSample;
import org.mrdflow.gating.gate.BooleanGate;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.EllipsoidGate;
import org.mrdflow.gating.gate.GateDefinition;
import org.mrdflow.gating.gate.PolygonGate;
import org.mrdflow.gating.gate.RectangleGate;
import org.mrdflow.gating.strategy.GatingStrategy;
import org.mrdflow.gating.strategy.Population;
import org.mrdflow.gating.transform.AsinhTransform;
import org.mrdflow.gating.transform.HyperlogTransform;
import org.mrdflow.gating.transform.LogTransform;
import org.mrdflow.gating.transform.LogicleTransform;
import org.mrdflow.gating.transform.Transform;

/**
 * Turns one workspace sample into a strategy of the gating engine, bound to the channels of its
 * FCS file. How FlowJo's gates map:
 *
 * <ul>
 *   <li>Rectangles (and ranges and quadrants, which FlowJo stores as rectangles with open sides)
 *       are evaluated on the untransformed values: {@code min <= x < max} does not depend on a
 *       monotone scale, and the raw bounds are what FlowJo stored.
 *   <li>Polygons: FlowJo stores the vertices on the data scale but draws (and gates with)
 *       straight edges on the display scale; on an axis with a non-linear transform the vertices
 *       and the events are transformed before the even-odd test. A linear axis needs no
 *       transform (a polygon is unchanged by an affine map of its axes).
 *   <li>Ellipses: FlowJo 10 stores two foci and four edge points (the ends of both axes) in its
 *       256-channel display space; they become a centre and covariance on the transformed scale
 *       (display / 256), or on the data scale for a linear axis ({@code min + u (max - min) /
 *       256}).
 *   <li>Boolean nodes (And/Or/NotNode) become Boolean gates over the populations their
 *       {@code Dependents} name; like every engine population they are restricted to their
 *       parent.
 *   <li>Compensation: a dimension written with the matrix prefix ({@code Comp-PE-A}) is the
 *       detector after the sample's workspace matrix, or after the file's own matrix when the
 *       workspace defines none. FlowJo writes a {@code /} of {@code $PnN} as {@code _}; such
 *       names are matched to the file's channel.
 * </ul>
 *
 * <p>FlowJo's biexponential ({@code transforms:biex}: maxRange, pos, neg, width) is the logicle
 * of {@link LogicleTransform#fromFlowJoBiex}: pos = M, neg = A, and the width basis is Parks et
 * al.'s reference value r, {@code W = (M - log10(T / |width|)) / 2}.
 */
public final class FlowJoStrategies {
  /** FlowJo's display resolution: ellipse coordinates are in 256 channels per axis. */
  static final double DISPLAY_CHANNELS = 256;

  private FlowJoStrategies() {}

  /**
   * The sample's strategy with dimensions bound to {@code channels} (the file's $PnN). Gates that
   * cannot be imported (and the populations below them) are left out and listed as problems.
   */
  public static ImportedStrategy bind(
      FlowJoWorkspace workspace, WorkspaceSample sample, List<String> channels) {
    return new Binder(workspace, sample, channels).bind();
  }

  /** A sample by SampleNode name, DataSet file name or $FIL, or by sampleID. */
  public static Optional<WorkspaceSample> sampleNamed(FlowJoWorkspace workspace, String name) {
    for (WorkspaceSample sample : workspace.samples()) {
      if (sample.name().equals(name) || sample.id().equals(name)) {
        return Optional.of(sample);
      }
    }
    return workspace.samples().stream()
        .filter(s -> s.uriFileName().equals(name) || s.fil().filter(name::equals).isPresent())
        .findFirst();
  }

  /**
   * The sample that gates a file named {@code fileName} whose {@code $FIL} is {@code fil} (may
   * be null): by DataSet URI file name, then SampleNode name, then $FIL; a workspace with one
   * sample matches any file.
   */
  public static Optional<WorkspaceSample> sampleForFile(
      FlowJoWorkspace workspace, String fileName, String fil) {
    List<WorkspaceSample> samples = workspace.samples();
    for (WorkspaceSample sample : samples) {
      if (sample.uriFileName().equals(fileName)) {
        return Optional.of(sample);
      }
    }
    for (WorkspaceSample sample : samples) {
      if (sample.name().equals(fileName)) {
        return Optional.of(sample);
      }
    }
    if (fil != null) {
      List<WorkspaceSample> byFil = samples.stream()
          .filter(s -> s.fil().filter(fil::equals).isPresent()).toList();
      if (byFil.size() == 1) {
        return Optional.of(byFil.get(0));
      }
    }
    return samples.size() == 1 ? Optional.of(samples.get(0)) : Optional.empty();
  }

  /** Builds one sample's strategy; collects problems instead of stopping at the first. */
  private static final class Binder {
    private final FlowJoWorkspace workspace;
    private final WorkspaceSample sample;
    private final List<String> channels;
    private final List<FlowJoImportProblem> problems = new ArrayList<>();
    private final Map<String, SpilloverMatrix> compensations = new LinkedHashMap<>();
    private final Map<String, Transform> transforms = new LinkedHashMap<>();
    private final Map<FlowJoTransform, String> transformIds = new LinkedHashMap<>();
    private final String compensationId;
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final String prefix;
    private final String suffix;

    Binder(FlowJoWorkspace workspace, WorkspaceSample sample, List<String> channels) {
      this.workspace = workspace;
      this.sample = sample;
      this.channels = List.copyOf(channels);
      Optional<WorkspaceCompensation> compensation = sample.compensation();
      this.prefix = compensation.map(WorkspaceCompensation::prefix).orElse("Comp-");
      this.suffix = compensation.map(WorkspaceCompensation::suffix).orElse("");
      this.compensationId = compensation.map(this::register).orElse(Dimension.FILE_COMPENSATION);
      Map<String, Long> names = new LinkedHashMap<>();
      sample.populations().forEach(p -> names.merge(p.name(), 1L, Long::sum));
      for (WorkspacePopulation population : sample.populations()) {
        boolean unique = names.get(population.name()) == 1 && sample.populations().stream()
            .noneMatch(p -> p.path().equals(population.name()));
        ids.put(population.path(), unique ? population.name() : population.path());
      }
    }

    private String register(WorkspaceCompensation compensation) {
      SpilloverMatrix matrix = compensation.matrix();
      List<String> detectors = new ArrayList<>();
      for (String detector : matrix.detectors()) {
        String channel = channel(detector);
        if (channel == null) {
          problems.add(new FlowJoImportProblem(Kind.UNKNOWN_PARAMETER, sample.name(), null,
              "compensation matrix " + compensation.name() + " names detector " + detector
                  + ", not a parameter of the file"));
          return null;
        }
        detectors.add(channel);
      }
      String id = "flowjo-" + (compensation.name().isEmpty() ? "matrix" : compensation.name());
      compensations.put(id, SpilloverMatrix.of(matrix.source(), detectors, matrix.values()));
      return id;
    }

    ImportedStrategy bind() {
      // Boolean nodes may name populations defined later in the tree, so nodes are imported in
      // passes until nothing more can be; what is left depends on something not imported.
      Map<String, Population> imported = new LinkedHashMap<>();
      List<WorkspacePopulation> pending = new ArrayList<>(sample.populations());
      boolean progress = true;
      while (progress && !pending.isEmpty()) {
        progress = false;
        List<WorkspacePopulation> waiting = new ArrayList<>();
        for (WorkspacePopulation node : pending) {
          if (!ready(node, imported.keySet())) {
            waiting.add(node);
            continue;
          }
          progress = true;
          GateDefinition gate = node.booleanKind() != null ? booleanGate(node) : geometricGate(node);
          if (gate != null) {
            imported.put(node.path(), new Population(id(node.path()), node.name(),
                node.parentPath() == null ? null : id(node.parentPath()), gate));
          }
        }
        pending = waiting;
      }
      for (WorkspacePopulation node : pending) {
        List<String> missing = new ArrayList<>();
        if (node.parentPath() != null && !imported.containsKey(node.parentPath())) {
          missing.add("parent " + node.parentPath());
        }
        for (String operand : operands(node)) {
          if (!imported.containsKey(operand)) {
            missing.add("operand " + operand);
          }
        }
        problems.add(problem(Kind.DEPENDS_ON_SKIPPED, node,
            String.join(", ", missing) + " not imported"));
      }
      List<Population> populations = new ArrayList<>();
      for (WorkspacePopulation node : sample.populations()) {
        if (imported.containsKey(node.path())) {
          populations.add(imported.get(node.path()));
        }
      }
      String id = "flowjo:" + sample.name();
      GatingStrategy strategy = new GatingStrategy(workspace.source() + " sample " + sample.name(),
          id, compensations, transforms, Map.of(), populations, null, null);
      return new ImportedStrategy(sample.name(), strategy, problems);
    }

    /**
     * A population's id: its FlowJo name when no other node of the sample has that name (so a
     * Gating-ML export, which keeps only ids, re-imports with FlowJo's paths and the membership
     * CSV is headed by FlowJo's names), else its FlowJo path.
     */
    private String id(String path) {
      return ids.getOrDefault(path, path);
    }

    private static boolean ready(WorkspacePopulation node, Set<String> imported) {
      return (node.parentPath() == null || imported.contains(node.parentPath()))
          && imported.containsAll(operands(node));
    }

    /** A Boolean node's operands as population paths ({@code Time/CD3+} -> {@code /Time/CD3+}). */
    private static List<String> operands(WorkspacePopulation node) {
      return node.dependents().stream().map(d -> d.startsWith("/") ? d : "/" + d).toList();
    }

    private GateDefinition booleanGate(WorkspacePopulation node) {
      List<BooleanGate.Operand> operands = new ArrayList<>();
      for (String path : operands(node)) {
        operands.add(new BooleanGate.Operand(id(path), false));
      }
      BooleanGate.Operator operator = BooleanGate.Operator.valueOf(node.booleanKind());
      if (operator == BooleanGate.Operator.NOT ? operands.size() != 1 : operands.size() < 2) {
        problems.add(problem(Kind.UNSUPPORTED_GATE, node, node.booleanKind()
            + " node with " + operands.size() + " dependent(s)"));
        return null;
      }
      return new BooleanGate(operator, operands);
    }

    private GateDefinition geometricGate(WorkspacePopulation node) {
      if (node.gate().isEmpty()) {
        problems.add(problem(Kind.UNSUPPORTED_GATE, node, "population without a gate"));
        return null;
      }
      FlowJoGate gate = node.gate().get();
      if (gate instanceof FlowJoGate.Unsupported unsupported) {
        problems.add(problem(Kind.UNSUPPORTED_GATE, node,
            "gate element <" + unsupported.element() + "> is not supported"));
        return null;
      }
      List<String> names = gate.dimensions();
      List<Dimension> raw = new ArrayList<>();
      for (String name : names) {
        Dimension dimension = dimension(name, "", node);
        if (dimension == null) {
          return null;
        }
        raw.add(dimension);
      }
      if (gate instanceof FlowJoGate.Rectangle rectangle) {
        return new RectangleGate(raw, rectangle.min(), rectangle.max());
      }
      List<Transform> scales = new ArrayList<>();
      List<Dimension> display = new ArrayList<>();
      for (int d = 0; d < names.size(); d++) {
        FlowJoTransform flowJo = transformOf(names.get(d));
        Transform transform;
        try {
          transform = transform(flowJo);
        } catch (IllegalArgumentException e) {
          problems.add(problem(Kind.UNSUPPORTED_TRANSFORM, node, "axis " + names.get(d) + ": "
              + flowJo + ": " + e.getMessage()));
          return null;
        }
        scales.add(transform);
        display.add(transform == null ? raw.get(d) : Dimension.of(raw.get(d).parameter(),
            raw.get(d).compensation(), transformIds.get(flowJo)));
      }
      if (gate instanceof FlowJoGate.Polygon polygon) {
        return new PolygonGate(display, scaled(polygon.xs(), scales.get(0)),
            scaled(polygon.ys(), scales.get(1)));
      }
      return ellipse((FlowJoGate.Ellipse) gate, node, display, scales);
    }

    /** FlowJo's foci + axis ends (display channels) as a centre and covariance. */
    private GateDefinition ellipse(FlowJoGate.Ellipse gate, WorkspacePopulation node,
        List<Dimension> dimensions, List<Transform> scales) {
      double[][] edge = gate.edge();
      if (dimensions.size() != 2 || edge.length != 4) {
        problems.add(problem(Kind.UNSUPPORTED_GATE, node, "ellipse with "
            + dimensions.size() + " dimensions and " + edge.length + " edge points"));
        return null;
      }
      // Display channel u -> gating value: the transformed scale is u / 256; a linear axis
      // (no transform) is min + u (max - min) / 256 on the data scale.
      double[] offset = new double[2];
      double[] scale = new double[2];
      for (int d = 0; d < 2; d++) {
        if (scales.get(d) == null) {
          FlowJoTransform linear = transformOf(gate.dimensions().get(d));
          double min = linear.number("minRange", 0);
          double max = linear.number("maxRange", 262144);
          offset[d] = min;
          scale[d] = (max - min) / DISPLAY_CHANNELS;
        } else {
          scale[d] = 1 / DISPLAY_CHANNELS;
        }
      }
      double[] centre = {(edge[0][0] + edge[1][0]) / 2, (edge[0][1] + edge[1][1]) / 2};
      double ax = (edge[1][0] - edge[0][0]) / 2;
      double ay = (edge[1][1] - edge[0][1]) / 2;
      double a = Math.hypot(ax, ay);
      double b = Math.hypot(edge[3][0] - edge[2][0], edge[3][1] - edge[2][1]) / 2;
      if (!(a > 0) || !(b > 0)) {
        problems.add(problem(Kind.UNSUPPORTED_GATE, node, "degenerate ellipse"));
        return null;
      }
      double cos = ax / a;
      double sin = ay / a;
      // Covariance with semi-axes a (along the first edge pair) and b (perpendicular), so the
      // ellipse is (x - m)' C^-1 (x - m) <= 1; then scaled per axis to the gating scale.
      double cxx = a * a * cos * cos + b * b * sin * sin;
      double cyy = a * a * sin * sin + b * b * cos * cos;
      double cxy = (a * a - b * b) * cos * sin;
      double[] mean = {offset[0] + scale[0] * centre[0], offset[1] + scale[1] * centre[1]};
      double[][] covariance = {
          {scale[0] * scale[0] * cxx, scale[0] * scale[1] * cxy},
          {scale[0] * scale[1] * cxy, scale[1] * scale[1] * cyy}};
      return new EllipsoidGate(dimensions, mean, covariance, 1.0);
    }

    private static double[] scaled(double[] values, Transform transform) {
      if (transform == null) {
        return values.clone();
      }
      double[] out = new double[values.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = transform.apply(values[i]);
      }
      return out;
    }

    /** The transform FlowJo applies to a parameter (linear when the workspace names none). */
    private FlowJoTransform transformOf(String name) {
      FlowJoTransform transform = sample.transforms().get(name);
      if (transform == null) {
        transform = sample.transforms().get(uncompensatedName(name));
      }
      return transform == null ? new FlowJoTransform("linear", Map.of()) : transform;
    }

    /**
     * The engine transform for a FlowJo one, registered under an id; null for a linear scale
     * (gates are then evaluated on the data scale).
     */
    private Transform transform(FlowJoTransform flowJo) {
      Transform transform = switch (flowJo.kind()) {
        case "linear" -> null;
        case "log" -> {
          double offset = flowJo.number("offset", 1);
          double decades = flowJo.number("decades", 4.5);
          yield new LogTransform(offset * Math.pow(10, decades), decades);
        }
        case "biex" -> LogicleTransform.fromFlowJoBiex(flowJo.number("maxRange", 262144),
            flowJo.number("pos", 4.5), flowJo.number("width", -10), flowJo.number("neg", 0));
        case "logicle" -> new LogicleTransform(flowJo.number("T", 262144),
            flowJo.number("W", 0.5), flowJo.number("M", 4.5), flowJo.number("A", 0));
        case "hyperlog" -> new HyperlogTransform(flowJo.number("T", 262144),
            flowJo.number("W", 0.5), flowJo.number("M", 4.5), flowJo.number("A", 0));
        case "fasinh" -> new AsinhTransform(flowJo.number("T", 262144),
            flowJo.number("M", 4.5), flowJo.number("A", 0));
        default -> throw new IllegalArgumentException("transform " + flowJo.kind()
            + " is not supported (supported: linear, log, biex, logicle, hyperlog, fasinh)");
      };
      if (transform != null && !transformIds.containsKey(flowJo)) {
        String id = "flowjo-" + flowJo.kind() + "-" + (transformIds.size() + 1);
        transformIds.put(flowJo, id);
        transforms.put(id, transform);
      }
      return transform;
    }

    /** A FlowJo dimension name bound to the file: compensation from its prefix, channel. */
    private Dimension dimension(String name, String transformId, WorkspacePopulation node) {
      String detector = uncompensatedName(name);
      boolean compensated = !detector.equals(name);
      String channel = channel(detector);
      if (channel == null) {
        problems.add(problem(Kind.UNKNOWN_PARAMETER, node, "parameter " + name
            + " is not in the file (channels: " + String.join(", ", channels) + ")"));
        return null;
      }
      if (compensated && compensationId == null) {
        problems.add(problem(Kind.UNKNOWN_PARAMETER, node, "parameter " + name
            + " needs the sample's compensation matrix, which names detectors the file lacks"));
        return null;
      }
      return Dimension.of(channel, compensated ? compensationId : Dimension.UNCOMPENSATED,
          transformId);
    }

    /** {@code Comp-PE-A} -> {@code PE-A} (names without the matrix prefix/suffix unchanged). */
    private String uncompensatedName(String name) {
      if (!prefix.isEmpty() && name.startsWith(prefix)
          && name.endsWith(suffix) && name.length() > prefix.length() + suffix.length()
          && channel(name) == null) {
        return name.substring(prefix.length(), name.length() - suffix.length());
      }
      return name;
    }

    /** The file channel FlowJo means by {@code name}: itself, or with {@code /} written as _. */
    private String channel(String name) {
      if (channels.contains(name)) {
        return name;
      }
      for (String channel : channels) {
        if (channel.replace('/', '_').equals(name)) {
          return channel;
        }
      }
      return null;
    }

    private FlowJoImportProblem problem(Kind kind, WorkspacePopulation node, String detail) {
      return new FlowJoImportProblem(kind, sample.name(), node.path(), detail);
    }
  }
}
