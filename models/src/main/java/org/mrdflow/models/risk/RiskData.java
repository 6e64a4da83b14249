package org.mrdflow.models.risk;

import java.util.Arrays;
import java.util.List;

/**
 * Rows for the relapse-risk models: every patient eligible at the landmark, with the competing
 * outcome after it. The target is the cumulative incidence of relapse by the horizon, with death
 * without relapse as a competing event (models/README.md, "Relapse-risk models"): {@link #label}
 * is 1 for a relapse at or before the horizon, 0 for follow-up past the horizon without relapse or
 * a death without relapse at or before it, and unknown ({@link #UNKNOWN}) for a patient censored at
 * or before the horizon without either event; such a patient is kept and weighted, not dropped
 * (see {@link Ipcw}).
 *
 * @param features feature names, the columns of {@code x}
 * @param patientKeys one per row
 * @param x feature values
 * @param days days from the landmark to relapse, death or censoring
 * @param status 0 censored, 1 relapse, 2 death without relapse (cmprsk's {@code fstatus})
 * @param horizonDays the horizon after the landmark
 */
public record RiskData(
    List<String> features,
    List<String> patientKeys,
    double[][] x,
    double[] days,
    int[] status,
    int horizonDays) {

  public static final int CENSORED = 0;
  public static final int RELAPSE = 1;
  public static final int NON_RELAPSE_DEATH = 2;
  /** {@link #label} of a patient censored at or before the horizon without an event. */
  public static final int UNKNOWN = -1;

  public RiskData {
    features = List.copyOf(features);
    patientKeys = List.copyOf(patientKeys);
    int n = patientKeys.size();
    if (x.length != n || days.length != n || status.length != n) {
      throw new IllegalArgumentException("risk data columns differ in length");
    }
    for (int i = 0; i < n; i++) {
      if (status[i] < CENSORED || status[i] > NON_RELAPSE_DEATH || !(days[i] >= 0)) {
        throw new IllegalArgumentException("risk data row " + (i + 1) + ": status must be 0, 1 or 2 and days >= 0, got "
            + status[i] + ", " + days[i]);
      }
    }
    if (horizonDays < 1) {
      throw new IllegalArgumentException("horizon must be at least 1 day, got " + horizonDays);
    }
  }

  /** The given rows, in the given order. */
  public RiskData subset(int[] rows) {
    return new RiskData(
        features,
        Arrays.stream(rows).mapToObj(patientKeys::get).toList(),
        Arrays.stream(rows).mapToObj(i -> x[i]).toArray(double[][]::new),
        Arrays.stream(rows).mapToDouble(i -> days[i]).toArray(),
        Arrays.stream(rows).map(i -> status[i]).toArray(),
        horizonDays);
  }

  public int rows() {
    return patientKeys.size();
  }

  /** 1 relapse by the horizon, 0 none (event-free past it, or a competing death by it), {@link #UNKNOWN} censored before. */
  public int label(int i) {
    if (days[i] <= horizonDays && status[i] == RELAPSE) {
      return 1;
    }
    if (days[i] > horizonDays || status[i] == NON_RELAPSE_DEATH) {
      return 0;
    }
    return UNKNOWN;
  }

  /** {@link #label} of every row. */
  public int[] labels() {
    int[] y = new int[rows()];
    Arrays.setAll(y, this::label);
    return y;
  }

  /** Relapses at or before the horizon. */
  public int cases() {
    return count(1);
  }

  /** Rows with label 0: event-free past the horizon or a competing death by it. */
  public int controls() {
    return count(0);
  }

  /** Rows censored at or before the horizon without an event (label unknown). */
  public int censoredBeforeHorizon() {
    return count(UNKNOWN);
  }

  /** Deaths without relapse at or before the horizon (controls of the cumulative-incidence target). */
  public int competingDeaths() {
    int c = 0;
    for (int i = 0; i < rows(); i++) {
      c += days[i] <= horizonDays && status[i] == NON_RELAPSE_DEATH ? 1 : 0;
    }
    return c;
  }

  private int count(int label) {
    int c = 0;
    for (int i = 0; i < rows(); i++) {
      c += label(i) == label ? 1 : 0;
    }
    return c;
  }
}
