package org.mrdflow.models.survival;

import java.util.List;

/**
 * The proportional-hazards test of R's {@code cox.zph} (survival 3.x; Grambsch &amp; Therneau 1994,
 * Therneau &amp; Grambsch 2000 sec. 6.2): a score test, at the fitted coefficients, for adding the
 * time-varying terms {@code x * g(t)} to the model, per term (1 df) and for all terms together
 * (the {@code GLOBAL} row, p df).
 *
 * @param terms the model's terms followed by {@code "GLOBAL"}
 * @param chisq score statistics
 * @param df degrees of freedom
 * @param p p-values
 */
public record ProportionalHazardsTest(List<String> terms, double[] chisq, int[] df, double[] p) {

  /** The time scale g(t) of the test. */
  public enum Transform {
    /** 1 - Kaplan-Meier(t-) of the fitted data (the survival 3.x default). */
    KM,
    /** t itself. */
    IDENTITY,
    /** the rank of t among event times. */
    RANK;

    /** Parses {@code km}, {@code identity} or {@code rank}. */
    public static Transform fromName(String name) {
      return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
  }
}
