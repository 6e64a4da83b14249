package org.mrdflow.gating.method;

import java.util.Map;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.gate.GeometricGate;
import org.mrdflow.gating.gate.Region;

/**
 * What a data-driven method found for one sample. Geometry is preferred: it is applied like a
 * fixed gate and exported to Gating-ML as-is. Methods that classify events individually (e.g.
 * mixture-model clusters) return the event set; such a population cannot be frozen to Gating-ML
 * geometry and export reports it.
 */
public sealed interface MethodResult {
  /**
   * Geometry fitted to this sample ({@link Region}: shapes over named dimensions, Boolean
   * combinations, other populations), which the engine applies to the parent's events;
   * {@code description} says what it is and {@code landmarks} holds the values the method
   * measured on this sample to build it (for later methods and reports).
   */
  record Geometry(Region region, String description, Map<String, Double> landmarks)
      implements MethodResult {
    public Geometry {
      java.util.Objects.requireNonNull(region, "region");
      landmarks = Map.copyOf(landmarks);
    }

    /** One fixed shape over the method's dimensions. */
    public Geometry(GeometricGate gate) {
      this(new Region.Shape("shape", gate), "", Map.of());
    }
  }

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
