package org.mrdflow.gating.mrd;

import java.util.Map;

/**
 * One gated population of one sample: a row of the {@code populations} Parquet table.
 *
 * @param path the population's path in the gating strategy, e.g.
 *     {@code /time-ok/cells/nucleated/ssc-low/blasts}
 * @param parent the strategy parent's path (not necessarily a row itself), or null for the root
 * @param events events in the population
 * @param fractionOfParent events / parent events (NaN when the parent is empty)
 * @param fractionOfNucleated events / nucleated events (NaN when there are none)
 * @param markerMedians median of each marker (marker name -> value on the gating scale); empty when
 *     the population is empty
 */
public record PopulationSummary(
    String path,
    String parent,
    long events,
    double fractionOfParent,
    double fractionOfNucleated,
    Map<String, Double> markerMedians) {}
