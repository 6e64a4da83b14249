package org.mrdflow.gating.strategy;

import java.util.Map;
import org.mrdflow.gating.events.EventMask;

/**
 * One population of one sample. An empty population is a normal result (count 0).
 *
 * @param parent parent id, null for a top-level population (whose parent is all events)
 * @param parentCount events in the parent (all events for a top-level population)
 * @param denominatorCount events in the strategy's denominator population (all events when the
 *     strategy names none)
 * @param landmarks what a data-driven method measured on this sample to cut the population
 *     ({@link org.mrdflow.gating.method.MethodResult.Events#landmarks()}); empty otherwise
 */
public record PopulationResult(
    String id,
    String path,
    String parent,
    EventMask events,
    int count,
    int parentCount,
    int denominatorCount,
    Map<String, Double> landmarks) {

  public PopulationResult {
    landmarks = Map.copyOf(landmarks);
  }

  /** count / parentCount; NaN when the parent is empty. */
  public double fractionOfParent() {
    return parentCount == 0 ? Double.NaN : (double) count / parentCount;
  }

  /** count / denominatorCount; NaN when the denominator is empty. */
  public double fractionOfDenominator() {
    return denominatorCount == 0 ? Double.NaN : (double) count / denominatorCount;
  }
}
