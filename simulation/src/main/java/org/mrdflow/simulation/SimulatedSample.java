package org.mrdflow.simulation;

import java.util.List;
import java.util.Map;

/**
 * One simulated sample in memory: the channel values (column-major, file order), the per-event
 * labels and the truth derived from them.
 *
 * @param writtenSpillover the matrix written to $SPILLOVER (an estimate of the true one)
 * @param intendedPercent the configured composition, percent of nucleated cells
 * @param debrisFraction intended share of debris events among all events
 * @param doubletFraction intended share of doublet events among all events
 * @param doubletsContainingBlasts doublets with a blast in them (not counted as blasts)
 * @param disturbance the flow disturbance of the run, or null
 * @param disturbedEvents events acquired during the disturbance
 */
public record SimulatedSample(
    SampleSpec spec,
    List<Instrument.Channel> channels,
    float[][] columns,
    byte[] labels,
    double[][] writtenSpillover,
    Map<Population, Double> intendedPercent,
    double debrisFraction,
    double doubletFraction,
    long doubletsContainingBlasts,
    FlowDisturbance disturbance,
    long disturbedEvents,
    SimulationTruth truth) {}
