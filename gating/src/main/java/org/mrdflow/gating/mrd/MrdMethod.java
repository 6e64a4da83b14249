package org.mrdflow.gating.mrd;

import java.util.Map;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.method.GatingMethod;
import org.mrdflow.gating.method.MethodContext;
import org.mrdflow.gating.method.MethodParameter;
import org.mrdflow.gating.method.MethodResult;
import org.mrdflow.gating.transform.BiexponentialScale;

/**
 * Common ground of the MRD gating methods (domain brief section 3): each cuts one population of
 * {@code conf/gating/b-all-mrd.yaml} per sample and publishes the landmarks it measured (so
 * later steps, plots and the frozen Gating-ML export use the same numbers). Landmarks of other
 * populations are read by the population ids the strategy passes as STRING arguments; every
 * threshold is a landmark of the sample itself, never a channel value.
 */
abstract class MrdMethod implements GatingMethod {
  private final String name;
  private final int dimensions;

  MrdMethod(String name, int dimensions) {
    this.name = name;
    this.dimensions = dimensions;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public int minDimensions() {
    return dimensions;
  }

  @Override
  public int maxDimensions() {
    return dimensions;
  }

  /** An argument naming another population of the strategy, with its id in the bundled one. */
  static MethodParameter population(String argument, String defaultId, String role) {
    return MethodParameter.optional(argument, MethodParameter.Type.STRING, defaultId,
        "id of the population " + role);
  }

  /** Landmark {@code key} of the population named by argument {@code argument}. */
  static double landmark(MethodContext context, String argument, String key) {
    String population = context.arguments().string(argument);
    Double value = context.landmarks(population).get(key);
    if (value == null) {
      throw new GatingException("population '" + context.populationId() + "': population '"
          + population + "' (argument " + argument + ") has no landmark '" + key + "'");
    }
    return value;
  }

  /** Events of the population named by argument {@code argument}. */
  static EventMask events(MethodContext context, String argument) {
    return context.population(context.arguments().string(argument));
  }

  /** One decade of the logicle/biexponential scale dimension {@code d} is on (1 / M). */
  static double decade(MethodContext context, int d) {
    return 1.0 / scale(context, d).M();
  }

  /** The logicle/biexponential scale dimension {@code d} is on. */
  static BiexponentialScale scale(MethodContext context, int d) {
    String transform = context.dimensions().get(d).transform();
    if (context.transform(transform).orElse(null) instanceof BiexponentialScale scale) {
      return scale;
    }
    throw new GatingException("population '" + context.populationId() + "': dimension "
        + context.dimensions().get(d).parameter() + " must be on a logicle scale, not '"
        + transform + "'");
  }

  /** The calibration cannot proceed: the sample lacks a reference population. */
  static MrdGatingException cannotCalibrate(MethodContext context, String problem) {
    return new MrdGatingException("population '" + context.populationId() + "'", problem);
  }

  static MethodResult.Events result(EventMask events, String description,
      Map<String, Double> landmarks) {
    return new MethodResult.Events(events, description, landmarks);
  }
}
