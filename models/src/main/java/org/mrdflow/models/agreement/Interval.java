package org.mrdflow.models.agreement;

/** An estimate with its confidence interval ({@code level}, e.g. 0.95). */
public record Interval(double estimate, double lower, double upper, double level) {}
