package org.mrdflow.gating.strategy;

import java.util.List;
import org.mrdflow.gating.GatingException;

/** A strategy document with errors; every problem is listed, each naming its population. */
public final class StrategyValidationException extends GatingException {
  private final List<String> problems;

  public StrategyValidationException(String source, List<String> problems) {
    super(source + ": invalid gating strategy:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
