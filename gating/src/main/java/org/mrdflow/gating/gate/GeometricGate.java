package org.mrdflow.gating.gate;

import java.util.List;
import org.mrdflow.gating.events.EventMask;

/**
 * Fixed geometry over one or more dimensions. A gate holds geometry only and answers one
 * question: which events lie inside. Parentage lives in the strategy.
 */
public sealed interface GeometricGate extends GateDefinition
    permits RectangleGate, PolygonGate, EllipsoidGate {

  List<Dimension> dimensions();

  /**
   * Marks the events of {@code within} that lie inside the gate. Events outside {@code within}
   * (the parent population) are never looked at, so deep hierarchies cost what their parents
   * hold, not the whole sample.
   *
   * @param columns the values of each dimension, in {@link #dimensions()} order, already
   *     compensated and transformed; all of length {@code within.size()}
   */
  EventMask evaluate(float[][] columns, EventMask within);
}
