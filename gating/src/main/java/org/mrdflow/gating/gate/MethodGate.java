package org.mrdflow.gating.gate;

import java.util.List;
import java.util.Map;

/**
 * A data-driven gate: the named {@link org.mrdflow.gating.method.GatingMethod} fits geometry (or
 * an event set) to this sample's parent events over the given dimensions.
 *
 * @param arguments method arguments as loaded from the strategy (String, Number, Boolean or
 *     List values), validated against the method's declared parameters before any data is read
 */
public record MethodGate(String method, List<Dimension> dimensions, Map<String, Object> arguments)
    implements GateDefinition {
  public MethodGate {
    dimensions = List.copyOf(dimensions);
    arguments = Map.copyOf(arguments);
  }
}
