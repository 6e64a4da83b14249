package org.mrdflow.gating.flowjo;

import java.util.List;
import org.mrdflow.gating.strategy.GatingStrategy;

/**
 * One workspace sample bound to an FCS file's channels: the gating strategy that reproduces
 * FlowJo's gates (population id = FlowJo path, name = FlowJo node name) and what could not be
 * imported.
 */
public record ImportedStrategy(
    String sample, GatingStrategy strategy, List<FlowJoImportProblem> problems) {
  public ImportedStrategy {
    problems = List.copyOf(problems);
  }

  /** This import, or a {@link FlowJoImportException} listing its problems. */
  public ImportedStrategy requireComplete() {
    if (!problems.isEmpty()) {
      throw new FlowJoImportException(strategy.source(), this);
    }
    return this;
  }
}
