package org.mrdflow.gating.gate;

/**
 * How a population is selected from its parent: fixed geometry over dimensions, a Boolean
 * combination of other populations, or a named data-driven gating method.
 */
public sealed interface GateDefinition permits GeometricGate, BooleanGate, MethodGate {}
