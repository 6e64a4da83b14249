package org.mrdflow.gating.strategy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.events.EventTable;
import org.mrdflow.gating.events.Sample;
import org.mrdflow.gating.gate.BooleanGate;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.GateDefinition;
import org.mrdflow.gating.gate.GeometricGate;
import org.mrdflow.gating.gate.MethodGate;
import org.mrdflow.gating.gate.Region;
import org.mrdflow.gating.method.GatingMethod;
import org.mrdflow.gating.method.GatingMethods;
import org.mrdflow.gating.method.MethodArguments;
import org.mrdflow.gating.method.MethodContext;
import org.mrdflow.gating.method.MethodResult;
import org.mrdflow.gating.panel.Panel;
import org.mrdflow.gating.transform.Transform;

/**
 * Applies a validated {@link GatingStrategy} to samples. Populations are evaluated in
 * dependency order (parents and Boolean operands first); a population's events are its gate's
 * events AND its parent's. Thread-safe: all per-sample state lives in {@link #apply}.
 */
public final class StrategyEvaluator {
  private final GatingStrategy strategy;
  private final GatingMethods methods;
  private final Panel panel;
  private final List<Population> order;
  private final Set<String> markers;

  /**
   * Validates the strategy (throwing {@link StrategyValidationException}) so that no sample is
   * read for a strategy that cannot work.
   */
  public StrategyEvaluator(GatingStrategy strategy, GatingMethods methods) {
    StrategyValidator.validate(strategy, methods);
    Panel panel = strategy.panel();
    this.strategy = strategy;
    this.methods = methods;
    this.panel = panel;
    this.order = dependencyOrder(strategy, methods);
    this.markers = panel == null ? Set.of() : usedMarkers(strategy, panel);
  }

  public GatingStrategy strategy() {
    return strategy;
  }

  public GatingResult apply(Sample sample) {
    return apply(sample, Map.of());
  }

  /**
   * Applies the strategy with some geometric gates replaced: a reviewer's adjustment, re-run
   * exactly as the batch runs it. {@code replaced} maps an applied population id (a fixed gate's
   * population, or a part {@code <id>.<part>} of a fitted region, as {@link
   * GatingResult#appliedStrategy()} names them) to the geometry that replaces its gate, over the
   * same dimensions. Methods fitted after it see the replaced gate's events.
   *
   * @throws GatingException naming a replaced id that is not a geometric gate of this sample's
   *     applied strategy, or geometry over other dimensions than the gate it replaces
   */
  public GatingResult apply(Sample sample, Map<String, GeometricGate> replaced) {
    Map<String, GeometricGate> unused = new HashMap<>(replaced);
    Map<String, String> markerChannels =
        panel == null ? Map.of() : panel.resolve(sample.events(), markers);
    DimensionResolver resolver = new DimensionResolver(strategy, sample, markerChannels);
    int events = sample.events().eventCount();
    EventMask all = EventMask.all(events);
    Map<String, EventMask> masks = new HashMap<>();
    // Per declared population, what was applied: itself, or the parts of its fitted region.
    Map<String, List<Population>> applied = new HashMap<>();
    Map<String, Map<String, Double>> landmarks = new HashMap<>();
    for (Population population : order) {
      EventMask parent = population.parent() == null ? all : masks.get(population.parent());
      GateDefinition gate = population.gate();
      if (gate instanceof MethodGate methodGate) {
        MethodResult result = fit(population, methodGate, parent, masks, landmarks, resolver);
        if (result instanceof MethodResult.Geometry geometry) {
          landmarks.put(population.id(), geometry.landmarks());
          // The fitted region as ordinary populations, applied like any other: the gates that
          // count are the gates that are exported and drawn.
          List<Population> parts;
          try {
            parts = RegionExpansion.expand(population, geometry.region(), methodGate.dimensions());
          } catch (GatingException e) {
            // What a method fitted on this sample cannot be stated as gates: name the sample.
            throw new GatingException(sample.name() + ": " + e.getMessage(), e);
          }
          parts = parts.stream().map(part -> replace(part, unused)).toList();
          for (Population part : parts) {
            if (masks.containsKey(part.id())) {
              throw new GatingException("population '" + population.id() + "': region part '"
                  + part.id() + "' has the id of another population");
            }
            EventMask within = part.parent() == null ? all : masks.get(part.parent());
            masks.put(part.id(), apply(part.gate(), within, masks, resolver));
          }
          applied.put(population.id(), parts);
          continue;
        }
        MethodResult.Events selected = (MethodResult.Events) result;
        EventMask mask = selected.events().copy();
        mask.retainAll(parent);
        masks.put(population.id(), mask);
        landmarks.put(population.id(), selected.landmarks());
        applied.put(population.id(), List.of(population));
        continue;
      }
      Population fixed = replace(population, unused);
      masks.put(population.id(), apply(fixed.gate(), parent, masks, resolver));
      applied.put(population.id(), List.of(fixed));
    }
    if (!unused.isEmpty()) {
      throw new GatingException(sample.name() + ": no geometric gate " + String.join(", ",
          new TreeSet<>(unused.keySet())) + " in the applied strategy");
    }
    return result(sample, masks, applied, landmarks, resolver, markerChannels);
  }

  /** The population with its gate replaced when {@code replaced} holds its id (removed there). */
  private static Population replace(Population population, Map<String, GeometricGate> replaced) {
    GeometricGate replacement = replaced.remove(population.id());
    if (replacement == null) {
      return population;
    }
    if (!(population.gate() instanceof GeometricGate original)) {
      throw new GatingException("population '" + population.id()
          + "' is not a geometric gate: its geometry cannot be replaced");
    }
    if (!original.dimensions().equals(replacement.dimensions())) {
      throw new GatingException("population '" + population.id() + "': the replacing geometry is over "
          + replacement.dimensions() + ", the gate over " + original.dimensions());
    }
    return new Population(population.id(), population.name(), population.parent(), replacement);
  }

  /** The events of {@code parent} a fixed or Boolean gate selects. */
  private static EventMask apply(GateDefinition gate, EventMask parent,
      Map<String, EventMask> masks, DimensionResolver resolver) {
    EventMask mask = gate instanceof GeometricGate geometric
        ? evaluate(geometric, resolver, parent)
        : combine((BooleanGate) gate, masks);
    mask.retainAll(parent);
    return mask;
  }

  private GatingResult result(Sample sample, Map<String, EventMask> masks,
      Map<String, List<Population>> applied, Map<String, Map<String, Double>> landmarks,
      DimensionResolver resolver, Map<String, String> markerChannels) {
    int events = sample.events().eventCount();
    int denominatorCount = strategy.denominator() == null
        ? events
        : masks.get(strategy.denominator()).cardinality();
    Map<String, Integer> counts = new HashMap<>();
    masks.forEach((id, mask) -> counts.put(id, mask.cardinality()));
    // Strategy order, each population preceded by the parts its fitted region was expanded to.
    List<Population> frozen = new ArrayList<>();
    for (Population population : strategy.populations()) {
      frozen.addAll(applied.get(population.id()));
    }
    GatingStrategy appliedStrategy = strategy.withPopulations(frozen);
    List<PopulationResult> results = new ArrayList<>();
    for (Population population : frozen) {
      String id = population.id();
      int parentCount = population.parent() == null ? events : counts.get(population.parent());
      results.add(new PopulationResult(id, appliedStrategy.path(id), population.parent(),
          masks.get(id), counts.get(id), parentCount, denominatorCount,
          landmarks.getOrDefault(id, Map.of())));
    }
    return new GatingResult(sample.name(), appliedStrategy, results, resolver,
        markerChannels);
  }

  private static EventMask evaluate(GeometricGate gate, DimensionResolver resolver,
      EventMask parent) {
    List<Dimension> dimensions = gate.dimensions();
    float[][] columns = new float[dimensions.size()][];
    for (int d = 0; d < columns.length; d++) {
      columns[d] = resolver.values(dimensions.get(d));
    }
    return gate.evaluate(columns, parent);
  }

  private static EventMask combine(BooleanGate gate, Map<String, EventMask> masks) {
    EventMask result = null;
    for (BooleanGate.Operand operand : gate.operands()) {
      EventMask mask = masks.get(operand.population());
      if (operand.complement() != (gate.operator() == BooleanGate.Operator.NOT)) {
        mask = mask.not();
      }
      if (result == null) {
        result = mask;
      } else if (gate.operator() == BooleanGate.Operator.OR) {
        result = result.or(mask);
      } else {
        result = result.and(mask);
      }
    }
    // An uncomplemented single operand is another population's shared mask; the caller narrows
    // the result in place, so hand back a copy.
    return result == masks.get(gate.operands().get(0).population()) ? result.copy() : result;
  }

  private MethodResult fit(Population population, MethodGate gate, EventMask parent,
      Map<String, EventMask> masks, Map<String, Map<String, Double>> landmarks,
      DimensionResolver resolver) {
    GatingMethod method = methods.find(gate.method()).orElseThrow();
    MethodArguments arguments = new MethodArguments(method.parameters(), gate.arguments());
    float[][] columns = new float[gate.dimensions().size()][];
    for (int d = 0; d < columns.length; d++) {
      columns[d] = resolver.values(gate.dimensions().get(d));
    }
    MethodContext context = new MethodContext() {
      @Override
      public String populationId() {
        return population.id();
      }

      @Override
      public MethodArguments arguments() {
        return arguments;
      }

      @Override
      public List<Dimension> dimensions() {
        return gate.dimensions();
      }

      @Override
      public float[][] columns() {
        return columns.clone();
      }

      @Override
      public EventMask parent() {
        return parent.copy();
      }

      @Override
      public int eventCount() {
        return resolver.eventCount();
      }

      @Override
      public float[] values(Dimension dimension) {
        return resolver.values(dimension);
      }

      @Override
      public EventMask population(String populationId) {
        EventMask mask = masks.get(populationId);
        if (mask == null) {
          throw new GatingException("population '" + population.id() + "': method "
              + method.name() + " asked for population '" + populationId
              + "', which is unknown or not evaluated before it");
        }
        return mask.copy();
      }

      @Override
      public Map<String, Double> landmarks(String populationId) {
        population(populationId); // the same unknown / not-yet-evaluated check
        return landmarks.getOrDefault(populationId, Map.of());
      }

      @Override
      public EventMask select(Region region) {
        Map<String, EventMask> scratch = new HashMap<>(masks);
        for (Population part : RegionExpansion.expand(population, region, gate.dimensions())) {
          EventMask within = part.parent() == null
              ? EventMask.all(resolver.eventCount()) : scratch.get(part.parent());
          scratch.put(part.id(), StrategyEvaluator.apply(part.gate(), within, scratch, resolver));
        }
        return scratch.get(population.id()).copy();
      }

      @Override
      public Optional<Transform> transform(String transformId) {
        return Optional.ofNullable(strategy.transforms().get(transformId));
      }

      @Override
      public EventTable compensatedEvents() {
        return resolver.table(Dimension.FILE_COMPENSATION);
      }
    };
    MethodResult result = method.fit(context);
    if (result == null) {
      throw new GatingException("population '" + population.id() + "': method " + method.name()
          + " returned no result");
    }
    return result;
  }

  private static List<Population> dependencyOrder(GatingStrategy strategy,
      GatingMethods methods) {
    Map<String, Population> byId = new HashMap<>();
    strategy.populations().forEach(p -> byId.put(p.id(), p));
    Set<String> done = new LinkedHashSet<>();
    List<Population> order = new ArrayList<>();
    for (Population population : strategy.populations()) {
      addInOrder(population, byId, methods, done, order);
    }
    return order;
  }

  private static void addInOrder(Population population, Map<String, Population> byId,
      GatingMethods methods, Set<String> done, List<Population> order) {
    if (done.contains(population.id())) {
      return;
    }
    for (String dependency : StrategyValidator.dependencies(population, methods)) {
      addInOrder(byId.get(dependency), byId, methods, done, order);
    }
    done.add(population.id());
    order.add(population);
  }

  private static Set<String> usedMarkers(GatingStrategy strategy, Panel panel) {
    Set<String> used = new LinkedHashSet<>();
    for (Population population : strategy.populations()) {
      List<Dimension> dimensions = population.gate() instanceof GeometricGate g
          ? g.dimensions()
          : population.gate() instanceof MethodGate m ? m.dimensions() : List.of();
      for (Dimension dimension : dimensions) {
        if (dimension.ratio()) {
          RatioDefinition ratio = strategy.ratios().get(dimension.parameter());
          used.add(ratio.numerator());
          used.add(ratio.denominator());
        } else {
          used.add(dimension.parameter());
        }
      }
    }
    used.removeIf(name -> !panel.hasMarker(name));
    return used;
  }
}
