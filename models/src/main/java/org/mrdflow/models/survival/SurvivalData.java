package org.mrdflow.models.survival;

import java.util.Arrays;
import org.mrdflow.models.StatsInputException;

/**
 * Survival observations, column-oriented: one row per subject (right-censored data) or one row
 * per interval (start, stop] of a subject (counting-process data, R's
 * {@code Surv(start, stop, event)}), with the subject's id on every row. Status 0 is censored (for
 * counting-process rows: the interval ends without an event); any other value is an event (for
 * competing risks, the cause number 1..k). Survival methods (Kaplan-Meier, log-rank, Cox) treat
 * every non-zero status as the event, so the same data give event-free survival directly.
 *
 * <p>A row is at risk at time t when {@code start < t <= stop}. Right-censored data have no
 * start ({@link #start()} is null): every row is at risk from the origin, and a subject censored
 * at time 0 is in the time-0 risk set. A start later than the origin is a delayed entry (left
 * truncation), e.g. a patient who enters the transplanted group on the day of the transplant.
 *
 * @param start entry times (counting-process data; each {@code < stop}), or null
 * @param time follow-up times (the stop of each interval), finite and {@code >= 0}
 * @param status 0 = censored, 1..k = event (cause)
 * @param id the subject each row belongs to (counting-process data), or null
 */
public record SurvivalData(double[] start, double[] time, int[] status, String[] id) {

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
    if (start != null && start.length != time.length
        || id != null && id.length != time.length) {
      throw new StatsInputException("survival data: start, stop, status and id columns differ"
          + " in length");
    }
    for (int i = 0; i < time.length; i++) {
      if (!Double.isFinite(time[i]) || start == null && time[i] < 0) {
        throw new StatsInputException("survival data: time of row " + (i + 1)
            + " must be finite and >= 0, got " + time[i]);
      }
      if (start != null && !(Double.isFinite(start[i]) && start[i] < time[i])) {
        throw new StatsInputException("survival data: row " + (i + 1)
            + " must have a finite start before its stop, got (" + start[i] + ", " + time[i]
            + "]");
      }
      if (status[i] < 0) {
        throw new StatsInputException("survival data: status of row " + (i + 1)
            + " must be 0 (censored) or a positive event code, got " + status[i]);
      }
      if (id != null && id[i] == null) {
        throw new StatsInputException("survival data: row " + (i + 1) + " has no id");
      }
    }
    start = start == null ? null : start.clone();
    time = time.clone();
    status = status.clone();
    id = id == null ? null : id.clone();
  }

  /** Right-censored data: one row per subject, at risk from the origin. */
  public SurvivalData(double[] time, int[] status) {
    this(null, time, status, null);
  }

  /** Builds right-censored data from a numeric status column (as read from CSV). */
  public static SurvivalData of(double[] time, double[] status) {
    return new SurvivalData(time, codes(status));
  }

  /**
   * Builds counting-process data (start, stop] from numeric columns (as read from CSV); {@code id}
   * may be null when no clustering by subject is needed.
   */
  public static SurvivalData countingProcess(double[] start, double[] stop, double[] status,
      String[] id) {
    return new SurvivalData(start, stop, codes(status), id);
  }

  private static int[] codes(double[] status) {
    int[] codes = new int[status.length];
    for (int i = 0; i < status.length; i++) {
      if (status[i] != Math.rint(status[i])) {
        throw new StatsInputException("survival data: status of row " + (i + 1)
            + " must be an integer code, got " + status[i]);
      }
      codes[i] = (int) status[i];
    }
    return codes;
  }

  public int size() {
    return time.length;
  }

  public boolean isEvent(int i) {
    return status[i] != 0;
  }

  /** True for (start, stop] rows. */
  public boolean isCountingProcess() {
    return start != null;
  }

  /** Entry time of row i: its start, or minus infinity for right-censored data. */
  public double entry(int i) {
    return start == null ? Double.NEGATIVE_INFINITY : start[i];
  }

  /** Whether row i is at risk at time t ({@code start < t <= stop}). */
  public boolean atRisk(int i, double t) {
    return entry(i) < t && t <= time[i];
  }

  @Override
  public double[] start() {
    return start == null ? null : start.clone();
  }

  @Override
  public double[] time() {
    return time.clone();
  }

  @Override
  public int[] status() {
    return status.clone();
  }

  @Override
  public String[] id() {
    return id == null ? null : id.clone();
  }

  /** A method that needs one row per subject refuses (start, stop] data, as R's survdiff. */
  public void requireRightCensored(String method) {
    if (start != null) {
      throw new StatsInputException(method + ": needs right-censored data (one row per subject),"
          + " not (start, stop] rows");
    }
  }

  /** The subset of rows where {@code keep} is true. */
  public SurvivalData subset(boolean[] keep) {
    int n = 0;
    for (boolean k : keep) {
      n += k ? 1 : 0;
    }
    double[] b = start == null ? null : new double[n];
    double[] t = new double[n];
    int[] s = new int[n];
    String[] ids = id == null ? null : new String[n];
    int j = 0;
    for (int i = 0; i < keep.length; i++) {
      if (keep[i]) {
        if (b != null) {
          b[j] = start[i];
        }
        if (ids != null) {
          ids[j] = id[i];
        }
        t[j] = time[i];
        s[j++] = status[i];
      }
    }
    return new SurvivalData(b, t, s, ids);
  }

  /** The data with event and censoring swapped, for the reverse Kaplan-Meier (follow-up). */
  public SurvivalData reversed() {
    int[] s = new int[status.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = status[i] == 0 ? 1 : 0;
    }
    return new SurvivalData(start, time, s, id);
  }

  /** Row indices ordered by increasing time (stable). */
  int[] orderByTime() {
    return order(time);
  }

  /** Row indices ordered by increasing entry time (stable); identity order without entries. */
  int[] orderByEntry() {
    return start == null ? order(new double[time.length]) : order(start);
  }

  private static int[] order(double[] key) {
    Integer[] idx = new Integer[key.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(key[a], key[b]));
    int[] out = new int[idx.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = idx[i];
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SurvivalData d && Arrays.equals(start, d.start)
        && Arrays.equals(time, d.time) && Arrays.equals(status, d.status)
        && Arrays.equals(id, d.id);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new int[] {Arrays.hashCode(start), Arrays.hashCode(time),
        Arrays.hashCode(status), Arrays.hashCode(id)});
  }

  @Override
  public String toString() {
    return "SurvivalData[n=" + time.length + (start == null ? "" : ", counting process") + "]";
  }
}
