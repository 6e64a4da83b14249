package org.mrdflow.models.risk;

/**
 * L2-penalized logistic regression with case weights: minimizes
 * {@code -sum_i w_i [y_i eta_i - log(1 + exp(eta_i))] + lambda/2 sum_{j<p} beta_j^2} with
 * {@code eta_i = beta_p + sum_{j<p} beta_j x_ij} (the intercept, last, is not penalized) by
 * Newton-Raphson with step halving. The objective is convex, so the minimum is unique when
 * lambda > 0 or the weighted data are not separable.
 */
final class WeightedLogistic {

  private static final int MAX_ITERATIONS = 100;

  private WeightedLogistic() {}

  /** Coefficients of the p columns of {@code x}, then the intercept. */
  static double[] fit(double[][] x, int[] y, double[] w, double lambda) {
    int n = x.length;
    int p = n == 0 ? 0 : x[0].length;
    if (y.length != n || w.length != n || n == 0) {
      throw new IllegalArgumentException("logistic regression needs rows, as many labels and weights as rows");
    }
    double[] beta = new double[p + 1];
    double objective = objective(x, y, w, lambda, beta);
    for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
      double[] gradient = new double[p + 1];
      double[][] hessian = new double[p + 1][p + 1];
      for (int i = 0; i < n; i++) {
        double mu = 1 / (1 + Math.exp(-eta(x[i], beta)));
        double r = w[i] * (mu - y[i]);
        double v = w[i] * mu * (1 - mu);
        for (int a = 0; a <= p; a++) {
          double xa = a < p ? x[i][a] : 1;
          gradient[a] += r * xa;
          for (int b = 0; b <= a; b++) {
            hessian[a][b] += v * xa * (b < p ? x[i][b] : 1);
          }
        }
      }
      for (int a = 0; a < p; a++) {
        gradient[a] += lambda * beta[a];
        hessian[a][a] += lambda;
      }
      for (int a = 0; a <= p; a++) {
        for (int b = a + 1; b <= p; b++) {
          hessian[a][b] = hessian[b][a];
        }
      }
      double[] step = solve(hessian, gradient);
      double scale = 1;
      double[] next = new double[p + 1];
      double nextObjective;
      do {
        for (int a = 0; a <= p; a++) {
          next[a] = beta[a] - scale * step[a];
        }
        nextObjective = objective(x, y, w, lambda, next);
        scale /= 2;
      } while (nextObjective > objective && scale > 1e-10);
      double change = 0;
      for (int a = 0; a <= p; a++) {
        change = Math.max(change, Math.abs(next[a] - beta[a]));
      }
      beta = next.clone();
      boolean converged = Math.abs(objective - nextObjective) <= 1e-14 * (1 + Math.abs(objective)) || change < 1e-12;
      objective = nextObjective;
      if (converged) {
        break;
      }
    }
    return beta;
  }

  private static double eta(double[] row, double[] beta) {
    int p = row.length;
    double e = beta[p];
    for (int j = 0; j < p; j++) {
      e += beta[j] * row[j];
    }
    return e;
  }

  private static double objective(double[][] x, int[] y, double[] w, double lambda, double[] beta) {
    double f = 0;
    for (int i = 0; i < x.length; i++) {
      double e = eta(x[i], beta);
      // log(1 + exp(e)) without overflow
      double log1pExp = e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e));
      f -= w[i] * (y[i] * e - log1pExp);
    }
    for (int j = 0; j < beta.length - 1; j++) {
      f += 0.5 * lambda * beta[j] * beta[j];
    }
    return f;
  }

  /** Solves H s = g for a symmetric positive (semi)definite H by Gaussian elimination with partial pivoting. */
  private static double[] solve(double[][] h, double[] g) {
    int m = g.length;
    double[][] a = new double[m][m + 1];
    for (int i = 0; i < m; i++) {
      System.arraycopy(h[i], 0, a[i], 0, m);
      a[i][m] = g[i];
    }
    for (int c = 0; c < m; c++) {
      int pivot = c;
      for (int r = c + 1; r < m; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
          pivot = r;
        }
      }
      double[] t = a[c];
      a[c] = a[pivot];
      a[pivot] = t;
      if (Math.abs(a[c][c]) < 1e-300) {
        // A direction without curvature (a separable, unpenalized design): no step along it.
        a[c][c] = 1;
        a[c][m] = 0;
        for (int k = c + 1; k < m; k++) {
          a[c][k] = 0;
        }
      }
      for (int r = c + 1; r < m; r++) {
        double f = a[r][c] / a[c][c];
        for (int k = c; k <= m; k++) {
          a[r][k] -= f * a[c][k];
        }
      }
    }
    double[] s = new double[m];
    for (int i = m - 1; i >= 0; i--) {
      double v = a[i][m];
      for (int k = i + 1; k < m; k++) {
        v -= a[i][k] * s[k];
      }
      s[i] = v / a[i][i];
    }
    return s;
  }
}
