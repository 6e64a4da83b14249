package org.mrdflow.gating.gate;

import java.util.List;
import org.mrdflow.gating.GatingException;

/**
 * Gating-ML 2.0 section 5.1.5 Boolean gate over other populations (each operand is that
 * population's full membership, its own parents included), optionally complemented.
 */
public record BooleanGate(Operator operator, List<Operand> operands) implements GateDefinition {
  public enum Operator { AND, OR, NOT }

  /** A referenced population id and whether its complement is used. */
  public record Operand(String population, boolean complement) {}

  public BooleanGate {
    operands = List.copyOf(operands);
    if (operator == Operator.NOT ? operands.size() != 1 : operands.size() < 2) {
      throw new GatingException(
          "boolean " + operator.name().toLowerCase() + " gate needs "
              + (operator == Operator.NOT ? "exactly 1 operand" : "at least 2 operands")
              + ", got " + operands.size());
    }
  }
}
