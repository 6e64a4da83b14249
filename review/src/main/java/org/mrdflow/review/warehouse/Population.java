package org.mrdflow.review.warehouse;

import java.util.Map;

/** One {@code populations} row of an analysis. */
public record Population(
    String path, String parent, long events, Double fractionOfParent, Double fractionOfNucleated,
    Map<String, Double> markerMedians) {}
