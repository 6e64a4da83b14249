package org.mrdflow.models;

import java.util.List;

/**
 * Cholesky factorisation of symmetric positive-semidefinite matrices (information matrices of the
 * regression models). The factorisation is the generalized one of R's {@code survival}
 * ({@code cholesky2}): a pivot below a relative tolerance marks its column singular, and solves and
 * inverses then treat that column as absent (its component and row/column are 0). The strict entry
 * points turn any singular column into a typed error naming the covariate instead.
 */
public final class SymmetricMatrices {

  /** Relative pivot tolerance, close to R's {@code toler.chol = .Machine$double.eps^0.75}. */
  private static final double PIVOT_TOLERANCE = 1e-11;

  private SymmetricMatrices() {}

  /**
   * A generalized Cholesky factor: {@code lower} is L of {@code a = L L'} over the non-singular
   * columns; a singular column of L is 0.
   */
  public record Factor(double[][] lower, boolean[] singular) {

    /** Solves {@code a x = b} over the non-singular columns; singular components of x are 0. */
    public double[] solve(double[] b) {
      int p = b.length;
      double[] y = new double[p];
      for (int i = 0; i < p; i++) {
        if (singular[i]) {
          continue;
        }
        double s = b[i];
        for (int k = 0; k < i; k++) {
          s -= lower[i][k] * y[k];
        }
        y[i] = s / lower[i][i];
      }
      double[] x = new double[p];
      for (int i = p - 1; i >= 0; i--) {
        if (singular[i]) {
          continue;
        }
        double s = y[i];
        for (int k = i + 1; k < p; k++) {
          s -= lower[k][i] * x[k];
        }
        x[i] = s / lower[i][i];
      }
      return x;
    }

    /** The (generalized) inverse: rows and columns of singular columns are 0. */
    public double[][] inverse() {
      int p = singular.length;
      double[][] inv = new double[p][];
      for (int j = 0; j < p; j++) {
        double[] unit = new double[p];
        unit[j] = 1;
        inv[j] = solve(unit);
      }
      return inv; // symmetric, so columns = rows
    }
  }

  /**
   * The generalized factorisation: a column whose pivot (the diagonal after removing the earlier
   * columns) is not above the tolerance times the largest finite diagonal is marked singular.
   */
  public static Factor factor(double[][] a) {
    int p = a.length;
    double maxDiagonal = 0;
    for (int i = 0; i < p; i++) {
      if (Double.isFinite(a[i][i])) {
        maxDiagonal = Math.max(maxDiagonal, Math.abs(a[i][i]));
      }
    }
    double[][] l = new double[p][p];
    boolean[] singular = new boolean[p];
    for (int j = 0; j < p; j++) {
      double pivot = a[j][j];
      for (int k = 0; k < j; k++) {
        pivot -= l[j][k] * l[j][k];
      }
      if (!(pivot > PIVOT_TOLERANCE * maxDiagonal) || !Double.isFinite(pivot)) {
        singular[j] = true;
        continue;
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
    return new Factor(l, singular);
  }

  /**
   * The factor of a matrix that must be positive definite; a singular column is a
   * {@link SingularDesignException} naming the first one ({@code names} label the rows).
   */
  public static Factor strictFactor(double[][] a, List<String> names) {
    Factor f = factor(a);
    for (int j = 0; j < a.length; j++) {
      if (f.singular()[j]) {
        String name = j < names.size() ? names.get(j) : "term " + (j + 1);
        throw new SingularDesignException("singular design: covariate '" + name
            + "' is constant or a linear combination of the covariates before it");
      }
    }
    return f;
  }

  /** Solves {@code a x = b}; a singular column is a typed error naming it. */
  public static double[] solve(double[][] a, double[] b, List<String> names) {
    return strictFactor(a, names).solve(b);
  }

  /** The quadratic form {@code b' a^-1 b}; a singular column is a typed error naming it. */
  public static double quadraticFormInverse(double[][] a, double[] b, List<String> names) {
    double[] x = solve(a, b, names);
    double s = 0;
    for (int i = 0; i < b.length; i++) {
      s += b[i] * x[i];
    }
    return s;
  }
}
