package org.mrdflow.gating.method;

import java.util.Map;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.gate.GeometricGate;

/**
 * What a data-driven method found for one sample. Geometry is preferred: it is applied like a
 * fixed gate and exported to Gating-ML as-is. Methods that classify events individually (e.g.
 * mixture-model clusters) return the event set; such a population cannot be frozen to Gating-ML
 * geometry and export reports it.
 */
public sealed interface MethodResult {
  /** Fixed geometry fitted to this sample over the method's dimensions. */
  record Geometry(GeometricGate gate) implements MethodResult {}

  /**
   * Selected events (a subset of the parent's); {@code description} says how they were chosen
   * and {@code landmarks} holds the values the method measured on this sample to choose them
   * (thresholds, reference medians and spreads, by name), for later methods, plots and frozen
   * exports.
   */
  record Events(EventMask events, String description, Map<String, Double> landmarks)
      implements MethodResult {
    public Events {
      landmarks = Map.copyOf(landmarks);
    }

    public Events(EventMask events, String description) {
      this(events, description, Map.of());
    }
  }
}
