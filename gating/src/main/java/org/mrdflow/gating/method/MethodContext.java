package org.mrdflow.gating.method;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.events.EventTable;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.Region;
import org.mrdflow.gating.transform.Transform;

/**
 * Everything a {@link GatingMethod} may look at while fitting one population of one sample: the
 * population's own dimensions, its parent's events, any other dimension of the whole sample,
 * and populations evaluated earlier in the strategy (parents and earlier siblings).
 */
public interface MethodContext {
  /** Id of the population being fitted (for messages). */
  String populationId();

  MethodArguments arguments();

  /** The population's dimensions as declared (after panel resolution). */
  List<Dimension> dimensions();

  /**
   * Values of {@link #dimensions()} for ALL events of the sample (compensated and transformed),
   * in declaration order. Restrict to {@link #parent()} for the events the gate applies to.
   */
  float[][] columns();

  /** Events of the parent population (all events for a top-level population). */
  EventMask parent();

  int eventCount();

  /** Values of any dimension of the sample, compensated and transformed as it says. */
  float[] values(Dimension dimension);

  /**
   * Events of a population evaluated before this one.
   *
   * @throws org.mrdflow.gating.GatingException if that population is unknown or not yet evaluated
   */
  EventMask population(String populationId);

  /**
   * Landmarks a method measured on this sample for a population evaluated before this one
   * ({@link MethodResult.Events#landmarks()}); empty for populations without them.
   *
   * @throws org.mrdflow.gating.GatingException if that population is unknown or not yet evaluated
   */
  Map<String, Double> landmarks(String populationId);

  /**
   * The events of {@link #parent()} inside {@code region}, selected by the same code the engine
   * applies the method's result with (so a method can measure on exactly what it will return).
   */
  EventMask select(Region region);

  /** The strategy's transform with this id, if it declares one. */
  Optional<Transform> transform(String transformId);

  /** The sample's events compensated with the file's spillover matrix, not transformed. */
  EventTable compensatedEvents();
}
