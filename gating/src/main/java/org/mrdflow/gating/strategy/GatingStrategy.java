package org.mrdflow.gating.strategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mrdflow.fcs.SpilloverMatrix;
import org.mrdflow.gating.panel.Panel;
import org.mrdflow.gating.transform.Transform;

/**
 * A gating strategy as data: named populations in a hierarchy plus the compensations, transforms
 * and ratio dimensions their gates refer to by id, exactly as Gating-ML 2.0 organises them.
 * Loaded from YAML ({@link StrategyYaml}) or Gating-ML ({@code GatingMlReader}); check it with
 * {@link StrategyValidator} before reading data, apply it with {@link StrategyEvaluator}.
 *
 * @param source file or description, for messages
 * @param id strategy id (recorded with results, e.g. {@code gating_strategy_id})
 * @param compensations spillover matrices by id (besides "uncompensated" and "FCS")
 * @param transforms scale transforms by id
 * @param ratios ratio dimensions by id
 * @param populations in document order
 * @param denominator id of the population fractions are also reported against, or null
 * @param panel resolves marker dimensions to channels; null when dimensions name channels
 *     ($PnN) directly, as in Gating-ML
 */
public record GatingStrategy(
    String source,
    String id,
    Map<String, SpilloverMatrix> compensations,
    Map<String, Transform> transforms,
    Map<String, RatioDefinition> ratios,
    List<Population> populations,
    String denominator,
    Panel panel) {

  public GatingStrategy {
    compensations = unmodifiable(compensations);
    transforms = unmodifiable(transforms);
    ratios = unmodifiable(ratios);
    populations = List.copyOf(populations);
  }

  private static <V> Map<String, V> unmodifiable(Map<String, V> map) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  public Optional<Population> population(String populationId) {
    return populations.stream().filter(p -> p.id().equals(populationId)).findFirst();
  }

  /** Path of names from the root, e.g. {@code /nucleated/singlets}. */
  public String path(String populationId) {
    List<String> names = new ArrayList<>();
    String current = populationId;
    int guard = populations.size() + 1;
    while (current != null && guard-- > 0) {
      Population population = population(current).orElse(null);
      if (population == null) {
        break;
      }
      names.add(0, population.name());
      current = population.parent();
    }
    return "/" + String.join("/", names);
  }

  /** The same strategy with other populations (e.g. data-driven gates frozen to geometry). */
  public GatingStrategy withPopulations(List<Population> newPopulations) {
    return new GatingStrategy(
        source, id, compensations, transforms, ratios, newPopulations, denominator, panel);
  }
}
