package org.mrdflow.models;

import java.util.List;

/**
 * Cholesky factorisation of symmetric positive-definite matrices (information matrices of the
 * regression models), with a pivot tolerance that turns a singular design into a typed error
 * naming the offending covariate instead of a numerically meaningless inverse.
 */
public final class SymmetricMatrices {

  /** Relative pivot tolerance, close to R's {@code toler.chol = .Machine$double.eps^0.75}. */
  private static final double PIVOT_TOLERANCE = 1e-11;

  private SymmetricMatrices() {}

  /** Lower-triangular L with {@code a = L L'}; {@code names} label the rows for the error. */
  public static double[][] cholesky(double[][] a, List<String> names) {
    int p = a.length;
    double maxDiagonal = 0;
    for (int i = 0; i < p; i++) {
      maxDiagonal = Math.max(maxDiagonal, Math.abs(a[i][i]));
    }
    double[][] l = new double[p][p];
    for (int j = 0; j < p; j++) {
      double pivot = a[j][j];
      for (int k = 0; k < j; k++) {
        pivot -= l[j][k] * l[j][k];
      }
      if (!(pivot > PIVOT_TOLERANCE * maxDiagonal) || !Double.isFinite(pivot)) {
        String name = j < names.size() ? names.get(j) : "term " + (j + 1);
        throw new SingularDesignException("singular design: covariate '" + name
            + "' is constant or a linear combination of the covariates before it");
      }
      l[j][j] = Math.sqrt(pivot);
      for (int i = j + 1; i < p; i++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        l[i][j] = s / l[j][j];
      }
    }
    return l;
  }

  /** Solves {@code a x = b}. */
  public static double[] solve(double[][] a, double[] b, List<String> names) {
    double[][] l = cholesky(a, names);
    int p = b.length;
    double[] y = new double[p];
    for (int i = 0; i < p; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * y[k];
      }
      y[i] = s / l[i][i];
    }
    double[] x = new double[p];
    for (int i = p - 1; i >= 0; i--) {
      double s = y[i];
      for (int k = i + 1; k < p; k++) {
        s -= l[k][i] * x[k];
      }
      x[i] = s / l[i][i];
    }
    return x;
  }

  /** The inverse of {@code a}. */
  public static double[][] inverse(double[][] a, List<String> names) {
    int p = a.length;
    double[][] inv = new double[p][];
    for (int j = 0; j < p; j++) {
      double[] unit = new double[p];
      unit[j] = 1;
      inv[j] = solve(a, unit, names);
    }
    return inv; // symmetric, so columns = rows
  }

  /** The quadratic form {@code b' a^-1 b}. */
  public static double quadraticFormInverse(double[][] a, double[] b, List<String> names) {
    double[] x = solve(a, b, names);
    double s = 0;
    for (int i = 0; i < b.length; i++) {
      s += b[i] * x[i];
    }
    return s;
  }
}
