package org.mrdflow.models.competing;

import java.util.Arrays;
import org.mrdflow.models.survival.SurvivalData;

/**
 * The Aalen-Johansen estimate of the state probabilities of the competing-risks model (event-free,
 * then one absorbing state per cause), with the infinitesimal-jackknife standard errors of R's
 * multi-state {@code survfit(Surv(time, factor(status)) ~ 1)}: each SE is the root of the sum over
 * subjects of the squared derivative of the probability with respect to the subject's case weight
 * (Therneau's survival vignette "Multi-state models"). The probabilities equal
 * {@link CumulativeIncidence} and the event-free Kaplan-Meier curve; the SEs differ from cmprsk's
 * (Aalen) variance.
 */
public final class AalenJohansen {

  /**
   * State probabilities at requested times.
   *
   * @param time the requested times (ascending)
   * @param nRisk subjects at risk at each time
   * @param states the state of each column: 0 event-free, then the causes
   * @param probability [time][state]
   * @param stdErr infinitesimal-jackknife standard errors, [time][state]
   */
  public record StateProbabilities(double[] time, int[] nRisk, int[] states,
      double[][] probability, double[][] stdErr) {}

  private AalenJohansen() {}

  /** The state probabilities and their SEs at each requested time (sorted ascending). */
  public static StateProbabilities at(SurvivalData data, double[] requested) {
    data.requireRightCensored("Aalen-Johansen");
    double[] times = requested.clone();
    Arrays.sort(times);
    int n = data.size();
    double[] t = data.time();
    int[] status = data.status();
    int[] causes = CumulativeIncidence.causes(data);
    int states = causes.length + 1;
    int[] stateOf = new int[n]; // 0 censored, else 1 + index of the cause
    for (int i = 0; i < n; i++) {
      stateOf[i] = status[i] == 0 ? 0 : 1 + Arrays.binarySearch(causes, status[i]);
    }
    double[] eventTimes = Arrays.stream(t).sorted().distinct().toArray();
    double[] p = new double[states];
    p[0] = 1;
    double[][] influence = new double[n][states];
    double[][] outP = new double[times.length][];
    double[][] outSe = new double[times.length][];
    int[] outRisk = new int[times.length];
    int next = 0;
    for (double et : eventTimes) {
      while (next < times.length && times[next] < et) {
        record(outP, outSe, outRisk, next, p, influence, t, times[next]);
        next++;
      }
      int atRisk = 0;
      double[] failures = new double[states];
      for (int i = 0; i < n; i++) {
        if (t[i] >= et) {
          atRisk++;
          if (t[i] == et && stateOf[i] > 0) {
            failures[stateOf[i]]++;
          }
        }
      }
      double totalHazard = 0;
      double[] hazard = new double[states];
      for (int s = 1; s < states; s++) {
        hazard[s] = failures[s] / atRisk;
        totalHazard += hazard[s];
      }
      if (totalHazard > 0) {
        double before = p[0];
        for (int i = 0; i < n; i++) {
          double[] u = influence[i];
          double u0 = u[0];
          double leaving = 0;
          for (int s = 1; s < states; s++) {
            // d(hazard_s)/d(w_i) = (dN_is - Y_i hazard_s) / Y
            double dHazard = t[i] >= et
                ? ((t[i] == et && stateOf[i] == s ? 1 : 0) - hazard[s]) / atRisk : 0;
            leaving += dHazard;
            u[s] += u0 * hazard[s] + before * dHazard;
          }
          u[0] = u0 * (1 - totalHazard) - before * leaving;
        }
        for (int s = 1; s < states; s++) {
          p[s] += before * hazard[s];
        }
        p[0] = before * (1 - totalHazard);
      }
    }
    while (next < times.length) {
      record(outP, outSe, outRisk, next, p, influence, t, times[next]);
      next++;
    }
    int[] stateCodes = new int[states];
    System.arraycopy(causes, 0, stateCodes, 1, causes.length);
    return new StateProbabilities(times, outRisk, stateCodes, outP, outSe);
  }

  private static void record(double[][] outP, double[][] outSe, int[] outRisk, int k,
      double[] p, double[][] influence, double[] t, double time) {
    outP[k] = p.clone();
    double[] se = new double[p.length];
    for (double[] u : influence) {
      for (int s = 0; s < p.length; s++) {
        se[s] += u[s] * u[s];
      }
    }
    for (int s = 0; s < p.length; s++) {
      se[s] = Math.sqrt(se[s]);
    }
    outSe[k] = se;
    int atRisk = 0;
    for (double v : t) {
      atRisk += v >= time ? 1 : 0;
    }
    outRisk[k] = atRisk;
  }
}
