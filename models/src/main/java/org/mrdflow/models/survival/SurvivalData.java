package org.mrdflow.models.survival;

import java.util.Arrays;
import org.mrdflow.models.StatsInputException;

/**
 * Right-censored observations, column-oriented: one follow-up time and one status per subject.
 * Status 0 is censored; any other value is an event (for competing risks, the cause number
 * 1..k). Survival methods (Kaplan-Meier, log-rank, Cox) treat every non-zero status as the event,
 * so the same data give event-free survival directly.
 *
 * @param time follow-up times, finite and {@code >= 0}
 * @param status 0 = censored, 1..k = event (cause)
 */
public record SurvivalData(double[] time, int[] status) {

  public SurvivalData {
    if (time == null || status == null) {
      throw new StatsInputException("survival data: time and status are required");
    }
    if (time.length != status.length) {
      throw new StatsInputException("survival data: " + time.length + " times but "
          + status.length + " statuses");
    }
    if (time.length == 0) {
      throw new StatsInputException("survival data: no observations");
    }
    for (int i = 0; i < time.length; i++) {
      if (!Double.isFinite(time[i]) || time[i] < 0) {
        throw new StatsInputException("survival data: time of row " + (i + 1)
            + " must be finite and >= 0, got " + time[i]);
      }
      if (status[i] < 0) {
        throw new StatsInputException("survival data: status of row " + (i + 1)
            + " must be 0 (censored) or a positive event code, got " + status[i]);
      }
    }
    time = time.clone();
    status = status.clone();
  }

  /** Builds data from a numeric status column (as read from CSV): values must be integers. */
  public static SurvivalData of(double[] time, double[] status) {
    int[] codes = new int[status.length];
    for (int i = 0; i < status.length; i++) {
      if (status[i] != Math.rint(status[i])) {
        throw new StatsInputException("survival data: status of row " + (i + 1)
            + " must be an integer code, got " + status[i]);
      }
      codes[i] = (int) status[i];
    }
    return new SurvivalData(time, codes);
  }

  public int size() {
    return time.length;
  }

  public boolean isEvent(int i) {
    return status[i] != 0;
  }

  /** The subset of rows where {@code keep} is true. */
  public SurvivalData subset(boolean[] keep) {
    int n = 0;
    for (boolean k : keep) {
      n += k ? 1 : 0;
    }
    double[] t = new double[n];
    int[] s = new int[n];
    int j = 0;
    for (int i = 0; i < keep.length; i++) {
      if (keep[i]) {
        t[j] = time[i];
        s[j++] = status[i];
      }
    }
    return new SurvivalData(t, s);
  }

  /** The data with event and censoring swapped, for the reverse Kaplan-Meier (follow-up). */
  public SurvivalData reversed() {
    int[] s = new int[status.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = status[i] == 0 ? 1 : 0;
    }
    return new SurvivalData(time, s);
  }

  /** Row indices ordered by increasing time (stable). */
  int[] orderByTime() {
    Integer[] idx = new Integer[time.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(time[a], time[b]));
    int[] out = new int[idx.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = idx[i];
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SurvivalData d && Arrays.equals(time, d.time)
        && Arrays.equals(status, d.status);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(time) + Arrays.hashCode(status);
  }

  @Override
  public String toString() {
    return "SurvivalData[n=" + time.length + "]";
  }
}
