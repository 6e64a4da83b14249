package org.mrdflow.gating.strategy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mrdflow.fcs.SpilloverMatrix;
import org.mrdflow.gating.gate.BooleanGate;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.GeometricGate;
import org.mrdflow.gating.gate.MethodGate;
import org.mrdflow.gating.method.GatingMethod;
import org.mrdflow.gating.method.GatingMethods;
import org.mrdflow.gating.method.MethodParameter;
import org.mrdflow.gating.panel.Panel;

/**
 * Checks a whole strategy before any data is read (openCyto's rule: the table is validated
 * first): duplicate ids and sibling names, unknown parents, cycles, unknown compensation,
 * transform, ratio, marker or method references, wrong dimension counts and argument types.
 * Every problem names its population; all are reported at once.
 */
public final class StrategyValidator {
  private StrategyValidator() {}

  /**
   * With a panel in the strategy, every non-ratio dimension must be one of its markers (or a
   * fluorochrome output of a strategy compensation).
   *
   * @throws StrategyValidationException listing every problem
   */
  public static void validate(GatingStrategy strategy, GatingMethods methods) {
    Panel panel = strategy.panel();
    List<String> problems = new ArrayList<>();
    Map<String, Population> byId = new HashMap<>();
    for (Population population : strategy.populations()) {
      if (byId.put(population.id(), population) != null) {
        problems.add("population id '" + population.id() + "' is used twice");
      }
    }
    Set<String> siblingNames = new HashSet<>();
    for (Population population : strategy.populations()) {
      String where = "population '" + population.id() + "'";
      if (population.parent() != null && !byId.containsKey(population.parent())) {
        problems.add(where + ": unknown parent '" + population.parent() + "'");
      }
      if (!siblingNames.add(population.parent() + "\u0000" + population.name())) {
        problems.add(where + ": another child of "
            + (population.parent() == null ? "the root" : "'" + population.parent() + "'")
            + " is also named '" + population.name() + "'");
      }
      if (population.gate() instanceof GeometricGate gate) {
        checkDimensions(strategy, panel, where, gate.dimensions(), problems);
      } else if (population.gate() instanceof BooleanGate gate) {
        for (BooleanGate.Operand operand : gate.operands()) {
          if (!byId.containsKey(operand.population())) {
            problems.add(where + ": boolean gate refers to unknown population '"
                + operand.population() + "'");
          }
        }
      } else if (population.gate() instanceof MethodGate gate) {
        checkDimensions(strategy, panel, where, gate.dimensions(), problems);
        checkMethod(methods, where, gate, problems);
        for (Map.Entry<String, String> reference : populationArguments(gate, methods).entrySet()) {
          if (!byId.containsKey(reference.getValue())) {
            problems.add(where + ": argument " + reference.getKey()
                + " refers to unknown population '" + reference.getValue() + "'");
          }
        }
      }
    }
    if (problems.isEmpty()) {
      checkCycles(strategy, byId, methods, problems);
    }
    if (strategy.denominator() != null && !byId.containsKey(strategy.denominator())) {
      problems.add("denominator population '" + strategy.denominator() + "' is not defined");
    }
    if (!problems.isEmpty()) {
      throw new StrategyValidationException(strategy.source(), problems);
    }
  }

  private static void checkMethod(GatingMethods methods, String where, MethodGate gate,
      List<String> problems) {
    GatingMethod method = methods.find(gate.method()).orElse(null);
    if (method == null) {
      problems.add(where + ": unknown gating method '" + gate.method() + "' (available: "
          + methods.names() + ")");
      return;
    }
    int n = gate.dimensions().size();
    if (n < method.minDimensions() || n > method.maxDimensions()) {
      problems.add(where + ": method " + method.name() + " works on "
          + (method.minDimensions() == method.maxDimensions()
              ? String.valueOf(method.minDimensions())
              : method.minDimensions() + " to " + method.maxDimensions())
          + " dimensions, got " + n);
    }
    for (String problem : GatingMethods.checkArguments(method, gate.arguments())) {
      problems.add(where + ": " + problem);
    }
  }

  private static void checkDimensions(GatingStrategy strategy, Panel panel, String where,
      List<Dimension> dimensions, List<String> problems) {
    for (Dimension dimension : dimensions) {
      String compensation = dimension.compensation();
      if (!compensation.equals(Dimension.UNCOMPENSATED)
          && !compensation.equals(Dimension.FILE_COMPENSATION)
          && !strategy.compensations().containsKey(compensation)) {
        problems.add(where + ": unknown compensation '" + compensation + "' for "
            + dimension.parameter());
      }
      if (dimension.transformed() && !strategy.transforms().containsKey(dimension.transform())) {
        problems.add(where + ": unknown transform '" + dimension.transform() + "' for "
            + dimension.parameter());
      }
      if (dimension.ratio()) {
        RatioDefinition ratio = strategy.ratios().get(dimension.parameter());
        if (ratio == null) {
          problems.add(where + ": unknown ratio dimension '" + dimension.parameter() + "'");
        } else if (panel != null) {
          checkMarker(strategy, panel, where, ratio.numerator(), compensation, problems);
          checkMarker(strategy, panel, where, ratio.denominator(), compensation, problems);
        }
      } else if (panel != null) {
        checkMarker(strategy, panel, where, dimension.parameter(), compensation, problems);
      }
    }
  }

  private static void checkMarker(GatingStrategy strategy, Panel panel, String where,
      String parameter, String compensation, List<String> problems) {
    SpilloverMatrix matrix = strategy.compensations().get(compensation);
    boolean fluorochrome = matrix != null && matrix.fluorochromes().contains(parameter);
    if (!fluorochrome && !panel.hasMarker(parameter)) {
      problems.add(where + ": unknown marker '" + parameter + "' (panel " + panel.name()
          + " has " + panel.aliases().keySet() + ")");
    }
  }

  private static void checkCycles(GatingStrategy strategy, Map<String, Population> byId,
      GatingMethods methods, List<String> problems) {
    Map<String, Integer> state = new HashMap<>();
    for (Population population : strategy.populations()) {
      if (visit(population.id(), byId, methods, state)) {
        problems.add("population '" + population.id() + "' depends on itself through its "
            + "parents, boolean operands or population arguments (a method may only refer to "
            + "populations that do not depend on it)");
        return;
      }
    }
  }

  /** Depth-first search; true when a cycle is reachable. 1 = on the stack, 2 = done. */
  private static boolean visit(String id, Map<String, Population> byId, GatingMethods methods,
      Map<String, Integer> state) {
    Integer s = state.get(id);
    if (s != null) {
      return s == 1;
    }
    state.put(id, 1);
    for (String dependency : dependencies(byId.get(id), methods)) {
      if (visit(dependency, byId, methods, state)) {
        return true;
      }
    }
    state.put(id, 2);
    return false;
  }

  /**
   * Populations that must be evaluated before {@code population}: its parent, its Boolean
   * operands and the populations its method's arguments refer to.
   */
  static List<String> dependencies(Population population, GatingMethods methods) {
    List<String> dependencies = new ArrayList<>();
    if (population.parent() != null) {
      dependencies.add(population.parent());
    }
    if (population.gate() instanceof BooleanGate gate) {
      gate.operands().forEach(o -> dependencies.add(o.population()));
    }
    if (population.gate() instanceof MethodGate gate) {
      dependencies.addAll(populationArguments(gate, methods).values());
    }
    return dependencies;
  }

  /** Argument name -> referenced population id, for the method's population parameters. */
  static Map<String, String> populationArguments(MethodGate gate, GatingMethods methods) {
    Map<String, String> references = new java.util.LinkedHashMap<>();
    methods.find(gate.method()).ifPresent(method -> {
      for (MethodParameter parameter : method.parameters()) {
        Object value = gate.arguments().getOrDefault(parameter.name(), parameter.defaultValue());
        if (parameter.type() == MethodParameter.Type.POPULATION && value instanceof String id) {
          references.put(parameter.name(), id);
        }
      }
    });
    return references;
  }
}
