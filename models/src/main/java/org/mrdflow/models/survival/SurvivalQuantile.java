package org.mrdflow.models.survival;

/**
 * A survival-time quantile (e.g. the median) with its confidence limits; NaN where not reached.
 *
 * @param estimate first time the curve falls to {@code 1 - p} or below
 * @param lower the same time for the upper confidence curve
 * @param upper the same time for the lower confidence curve
 */
public record SurvivalQuantile(double estimate, double lower, double upper) {}
