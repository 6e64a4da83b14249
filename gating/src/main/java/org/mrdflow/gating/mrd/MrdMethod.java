package org.mrdflow.gating.mrd;

import java.util.List;
import java.util.Map;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.Region;
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
    return MethodParameter.population(argument, defaultId, "the population " + role);
  }

  /** The density-estimate arguments of methods that look for peaks and valleys. */
  static List<MethodParameter> binningParameters() {
    return List.of(
        MethodParameter.optional("histogram_bins", MethodParameter.Type.BINS, 200,
            "histogram bins between the 0.1 and 99.9 % quantiles"),
        MethodParameter.optional("smoothing_bins", MethodParameter.Type.NUMBER, 2.0,
            "SD of the Gaussian smoothing kernel, in bins"));
  }

  /** The density estimate the strategy asks for ({@link #binningParameters()}). */
  static RobustStats.Binning binning(MethodContext context) {
    return new RobustStats.Binning(context.arguments().integer("histogram_bins"),
        context.arguments().number("smoothing_bins"));
  }

  /** The method's own parameters followed by {@code more}. */
  static List<MethodParameter> with(List<MethodParameter> own, List<MethodParameter> more) {
    List<MethodParameter> all = new java.util.ArrayList<>(own);
    all.addAll(more);
    return List.copyOf(all);
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

  /** The region the engine applies to the parent, with what was measured to build it. */
  static MethodResult.Geometry result(Region region, String description,
      Map<String, Double> landmarks) {
    return new MethodResult.Geometry(region, description, landmarks);
  }

  /** Dimension {@code d} of the population being fitted. */
  static Dimension dimension(MethodContext context, int d) {
    return context.dimensions().get(d);
  }

  /** log10 of a linear scatter value as the cuts compare it ({@link EventCuts#LOG_FLOOR}). */
  static double log10(float linear) {
    return EventCuts.log10(linear);
  }
}
