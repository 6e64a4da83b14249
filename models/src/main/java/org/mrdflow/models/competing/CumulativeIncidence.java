package org.mrdflow.models.competing;

import java.util.ArrayList;
import java.util.List;
import org.mrdflow.models.StatsInputException;
import org.mrdflow.models.survival.SurvivalData;

/**
 * Aalen-Johansen cumulative incidence of a cause in the presence of competing causes
 * (Kalbfleisch &amp; Prentice 2002, sec. 8.2.2), with the variance estimator of Aalen (1978)
 * used by
 * Gray's {@code cmprsk::cuminc}. Status 0 is censored, 1..k the cause.
 *
 * <p>With S the all-cause Kaplan-Meier curve, F(t) = sum over failure times s &lt;= t of
 * S(s-) d1(s)/n(s). Writing c(s) = S(s-)^2 / S(s)^2 and h_j(s) = d_j (n - d_j) / (n^2 (n - 1))
 * (h_j = 1/n^2 for a single failure) for the cause of interest (j = 1) and the other causes
 * (j = 2):
 *
 * <pre>
 * Var F(t) = sum_s c(s) [ h_2(s) (F(t) - F(s))^2 + h_1(s) (S(s) + F(s) - F(t))^2 ]
 * </pre>
 *
 * expanded as a quadratic in F(t) so one pass accumulates it.
 */
public final class CumulativeIncidence {

  private CumulativeIncidence() {}

  /** The curve of {@code cause} (1..k). */
  public static CumulativeIncidenceCurve fit(SurvivalData data, int cause) {
    data.requireRightCensored("cumulative incidence");
    if (cause < 1) {
      throw new StatsInputException("cumulative incidence: cause must be >= 1, got " + cause);
    }
    int n = data.size();
    double[] t = data.time();
    int[] status = data.status();
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = i;
    }
    java.util.Arrays.sort(boxed, (a, b) -> Double.compare(t[a], t[b]));
    List<double[]> jumps = new ArrayList<>();
    double survivalBefore = 1;
    double incidence = 0;
    // accumulators of the variance's quadratic form: v0 + F(t)^2 v2 - 2 F(t) v1
    double v0 = 0;
    double v1 = 0;
    double v2 = 0;
    int i = 0;
    double last = 0;
    while (i < n) {
      double time = t[boxed[i]];
      int atRisk = n - i;
      int ofCause = 0;
      int other = 0;
      while (i < n && t[boxed[i]] == time) {
        int s = status[boxed[i]];
        ofCause += s == cause ? 1 : 0;
        other += s != 0 && s != cause ? 1 : 0;
        i++;
      }
      last = time;
      if (ofCause + other == 0) {
        continue;
      }
      double survivalAfter = survivalBefore * (1 - (double) (ofCause + other) / atRisk);
      incidence += survivalBefore * ofCause / atRisk;
      double inverseAfter = survivalAfter > 0 ? 1 / survivalAfter : 0;
      if (other > 0) {
        double h = survivalBefore * survivalBefore * binomialFactor(other, atRisk);
        double a = incidence * inverseAfter;
        v0 += a * a * h;
        v1 += inverseAfter * a * h;
        v2 += inverseAfter * inverseAfter * h;
      }
      if (ofCause > 0) {
        double h = survivalBefore * survivalBefore * binomialFactor(ofCause, atRisk);
        double a = 1 + incidence * inverseAfter;
        v0 += a * a * h;
        v1 += inverseAfter * a * h;
        v2 += inverseAfter * inverseAfter * h;
        jumps.add(new double[] {time, incidence,
            v0 + incidence * incidence * v2 - 2 * incidence * v1});
      }
      survivalBefore = survivalAfter;
    }
    double[] times = new double[jumps.size()];
    double[] estimate = new double[jumps.size()];
    double[] variance = new double[jumps.size()];
    for (int j = 0; j < times.length; j++) {
      times[j] = jumps.get(j)[0];
      estimate[j] = jumps.get(j)[1];
      variance[j] = jumps.get(j)[2];
    }
    return new CumulativeIncidenceCurve(cause, times, estimate, variance, last);
  }

  /** d (n - d) / (n^2 (n - 1)), with 1/n^2 for a single failure (also when n = 1). */
  private static double binomialFactor(int d, int n) {
    double shrink = d > 1 ? 1 - (d - 1.0) / (n - 1.0) : 1;
    return shrink * d / ((double) n * n);
  }

  /** The causes present in the data (sorted distinct non-zero statuses). */
  public static int[] causes(SurvivalData data) {
    return java.util.Arrays.stream(data.status()).filter(s -> s != 0).distinct().sorted()
        .toArray();
  }
}
