package org.mrdflow.gating.strategy;

import java.util.Objects;
import org.mrdflow.gating.gate.GateDefinition;

/**
 * One named population of a gating strategy: the events of its parent (all events when
 * {@code parent} is null) that its gate selects.
 *
 * @param id unique within the strategy (the Gating-ML gate id; referenced by children, Boolean
 *     gates and the membership CSV header)
 * @param name unique among siblings; the population's path is the names from the root, e.g.
 *     {@code /nucleated/singlets/cd19/blasts}
 * @param parent id of the parent population, or null for a top-level population
 */
public record Population(String id, String name, String parent, GateDefinition gate) {
  public Population {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(gate, "gate");
    name = name == null || name.isEmpty() ? id : name;
  }
}
