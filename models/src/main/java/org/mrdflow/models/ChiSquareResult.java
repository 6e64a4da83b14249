package org.mrdflow.models;

/**
 * A chi-square distributed test statistic with its degrees of freedom and upper-tail p-value.
 *
 * @param statistic the statistic (NaN when undefined)
 * @param df degrees of freedom
 * @param p {@code P(X^2_df >= statistic)}
 */
public record ChiSquareResult(double statistic, int df, double p) {

  /** Builds the result, computing the upper-tail p-value accurately (no {@code 1 - cdf}). */
  public static ChiSquareResult of(double statistic, int df) {
    return new ChiSquareResult(statistic, df, Probabilities.chiSquareUpperTail(statistic, df));
  }
}
