package org.mrdflow.models.survival;

import java.util.List;
import org.mrdflow.models.StatsInputException;
import org.mrdflow.models.SymmetricMatrices;

/**
 * Cox proportional-hazards regression (Cox 1972) by Newton-Raphson on the partial likelihood,
 * as R's {@code coxph}: start at beta = 0, halve the step while the log-likelihood decreases,
 * stop when the relative change of the log-likelihood is at most 1e-9 (at most 20 iterations).
 * Tied event times use Efron's (1977) or Breslow's (1974) approximation, or the exact discrete
 * (conditional logistic) likelihood of Kalbfleisch &amp; Prentice (2002, sec. 4.2.3).
 * Covariates are centred at their means for numerical stability; estimates do not depend on it.
 *
 * <p>A design singular at beta = 0 is a {@link org.mrdflow.models.SingularDesignException} naming
 * the column. Under monotone likelihood (e.g. no events in one category of a binary covariate) a
 * coefficient diverges and its information vanishes during the iterations; as {@code coxph}, the
 * fit then converges on the log-likelihood with a large finite coefficient and a warning
 * ({@link CoxFit#warnings()}) that it may be infinite.
 */
public final class CoxModel {

  /** Handling of tied event times. */
  public enum Ties {
    EFRON, BRESLOW, EXACT;

    /** Parses {@code efron}, {@code breslow} or {@code exact}. */
    public static Ties fromName(String name) {
      for (Ties t : values()) {
        if (t.name().equalsIgnoreCase(name)) {
          return t;
        }
      }
      throw new StatsInputException("unknown ties method '" + name
          + "' (use efron, breslow or exact)");
    }
  }

  static final double CONVERGENCE = 1e-9;
  static final int MAX_ITERATIONS = 20;
  private static final int MAX_HALVINGS = 30;

  private CoxModel() {}

  /**
   * Fits the model.
   *
   * @param data follow-up (any non-zero status is an event)
   * @param covariates one row per subject, one column per term
   * @param terms term names, one per column
   * @param ties tie handling
   */
  public static CoxFit fit(SurvivalData data, double[][] covariates, List<String> terms,
      Ties ties) {
    CoxLikelihood likelihood = new CoxLikelihood(data, covariates, terms, ties);
    int p = terms.size();
    double[] beta = new double[p];
    CoxLikelihood.Evaluation current = likelihood.evaluate(beta);
    CoxLikelihood.Evaluation nullModel = current;
    // singular at beta = 0 is a property of the design (a constant or collinear column)
    SymmetricMatrices.strictFactor(current.information(), terms);
    int iterations = 0;
    boolean converged = false;
    for (int iter = 1; iter <= MAX_ITERATIONS && !converged; iter++) {
      iterations = iter;
      // Later pivots can vanish when a coefficient diverges (monotone likelihood): as coxph's
      // cholesky2, such a column takes no step and the others go on.
      double[] step = SymmetricMatrices.factor(current.information()).solve(current.score());
      double[] next = new double[p];
      for (int j = 0; j < p; j++) {
        next[j] = beta[j] + step[j];
      }
      CoxLikelihood.Evaluation trial = likelihood.evaluate(next);
      // as coxfit6, a full step is tested for convergence before the halving test, so a change at
      // rounding level near the maximum (either sign) ends the iterations
      converged = Math.abs(1 - current.loglik() / trial.loglik()) <= CONVERGENCE;
      for (int h = 0; !converged && h < MAX_HALVINGS && !(trial.loglik() >= current.loglik()); h++) {
        for (int j = 0; j < p; j++) {
          next[j] = (next[j] + beta[j]) / 2;
        }
        trial = likelihood.evaluate(next);
      }
      beta = next;
      current = trial;
    }
    return new CoxFit(likelihood, beta, current, nullModel, iterations, converged);
  }
}
