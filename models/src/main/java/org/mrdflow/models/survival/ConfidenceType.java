package org.mrdflow.models.survival;

/**
 * Pointwise confidence interval for a survival probability S with Greenwood standard error
 * {@code se} of {@code -log S} (Kalbfleisch &amp; Prentice 2002, sec. 1.4; the transforms of R's
 * {@code survfit(conf.type=)}). Each type builds a symmetric normal interval on a transformed
 * scale and maps it back; the interval is undefined (NaN) where the transform is (S = 0 for all,
 * S = 1 for log-log, logit and arcsin).
 */
public enum ConfidenceType {
  /** Symmetric on the S scale, clipped to [0, 1]. */
  PLAIN("plain"),
  /** Symmetric on log S; upper limit clipped at 1 (R's default). */
  LOG("log"),
  /** Symmetric on log(-log S) (Kalbfleisch &amp; Prentice; Stata's and SAS's default). */
  LOG_LOG("log-log"),
  /** Symmetric on log(S / (1 - S)). */
  LOGIT("logit"),
  /** Symmetric on arcsin(sqrt S), clipped to [0, pi/2]. */
  ARCSIN("arcsin");

  private final String rName;

  ConfidenceType(String rName) {
    this.rName = rName;
  }

  /** The name R uses ({@code "log-log"}). */
  public String rName() {
    return rName;
  }

  /** Parses R's name: log, log-log, plain, logit or arcsin. */
  public static ConfidenceType fromName(String name) {
    for (ConfidenceType t : values()) {
      if (t.rName.equalsIgnoreCase(name)) {
        return t;
      }
    }
    throw new org.mrdflow.models.StatsInputException("unknown confidence interval type '" + name
        + "' (use log, log-log, plain, logit or arcsin)");
  }

  /**
   * The interval {lower, upper} for survival {@code surv} whose {@code -log} has standard error
   * {@code se}, with normal quantile {@code z}.
   */
  public double[] interval(double surv, double se, double z) {
    if (this == PLAIN) {
      return plain(surv, surv * se, z);
    }
    if (!(surv > 0) || Double.isNaN(se)) {
      return new double[] {Double.NaN, Double.NaN};
    }
    return switch (this) {
      case PLAIN -> plain(surv, surv * se, z);
      case LOG -> new double[] {
          Math.exp(Math.log(surv) - z * se), Math.min(1, Math.exp(Math.log(surv) + z * se))};
      case LOG_LOG -> {
        if (surv >= 1) {
          yield new double[] {Double.NaN, Double.NaN};
        }
        double logS = Math.log(surv);
        // exp(-exp(log(-log S) -/+ z se / log S)) = S ^ exp(-/+ z se / log S)
        yield new double[] {
            Math.pow(surv, Math.exp(-z * se / logS)), Math.pow(surv, Math.exp(z * se / logS))};
      }
      case LOGIT -> {
        if (surv >= 1) {
          yield new double[] {Double.NaN, Double.NaN};
        }
        double logit = Math.log(surv / (1 - surv));
        double width = z * se / (1 - surv);
        yield new double[] {expit(logit - width), expit(logit + width)};
      }
      case ARCSIN -> {
        if (surv >= 1) {
          yield new double[] {Double.NaN, Double.NaN};
        }
        double angle = Math.asin(Math.sqrt(surv));
        double width = z * 0.5 * se * Math.sqrt(surv / (1 - surv));
        double lo = Math.sin(Math.max(0, angle - width));
        double hi = Math.sin(Math.min(Math.PI / 2, angle + width));
        yield new double[] {lo * lo, hi * hi};
      }
    };
  }

  /**
   * The interval for a probability whose standard error {@code seProbability} is on the
   * probability scale (multi-state curves): a probability of 0 with SE 0 has the plain interval
   * (0, 0) and no transformed one, as R.
   */
  public double[] intervalFromProbabilityScale(double p, double seProbability, double z) {
    return this == PLAIN ? plain(p, seProbability, z) : interval(p, seProbability / p, z);
  }

  private static double[] plain(double p, double seProbability, double z) {
    if (Double.isNaN(seProbability) || Double.isNaN(p)) {
      return new double[] {Double.NaN, Double.NaN};
    }
    return new double[] {
        Math.max(0, p - z * seProbability), Math.min(1, p + z * seProbability)};
  }

  private static double expit(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
