package org.mrdflow.gating.method;

import java.util.List;

/**
 * A data-driven gating method, found by {@link #name()} from a strategy's
 * {@code method: {name: ...}} entry. Implementations are stateless and thread-safe; register
 * them in {@code META-INF/services/org.mrdflow.gating.method.GatingMethod} (or pass them to
 * {@link GatingMethods#with}).
 *
 * <p>Contract: {@link #fit} sees one population of one sample through its {@link MethodContext}
 * and returns geometry or an event subset of the parent; it never throws for a sample that
 * simply lacks the population (return an empty result: no B cells after CAR-T is a finding).
 */
public interface GatingMethod {
  /** Name used in strategies, lower-case with hyphens, e.g. "density-valley". */
  String name();

  /** Arguments accepted, with types and defaults; anything else is a validation error. */
  List<MethodParameter> parameters();

  /** Smallest number of dimensions the method works on. */
  int minDimensions();

  /** Largest number of dimensions the method works on. */
  int maxDimensions();

  MethodResult fit(MethodContext context);
}
