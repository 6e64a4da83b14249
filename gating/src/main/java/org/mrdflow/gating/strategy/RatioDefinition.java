package org.mrdflow.gating.strategy;

import org.mrdflow.gating.transform.RatioTransform;

/**
 * A derived dimension (Gating-ML {@code new-dimension} with an {@code fratio} transformation):
 * {@code transform(numerator, denominator)} where both parameters take the compensation of the
 * gate dimension that uses the ratio.
 */
public record RatioDefinition(RatioTransform transform, String numerator, String denominator) {}
