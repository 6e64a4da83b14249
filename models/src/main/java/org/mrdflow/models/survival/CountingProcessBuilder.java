package org.mrdflow.models.survival;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mrdflow.models.StatsInputException;

/**
 * Builds counting-process rows (start, stop] from one row per patient plus dated events, as R's
 * {@code survival::tmerge} does:
 *
 * <ul>
 *   <li>each patient starts as one interval (entry, exit];
 *   <li>{@link #timeDependent} ({@code tdc(time, value, init)}): a change on day d splits the
 *       interval containing d and applies to (d, next]; a change at or before the entry applies
 *       from the entry; one at or after the exit creates no row (tmerge's "trailing"). Rows are
 *       split at every dated value, even when it does not change;
 *   <li>{@link #event} ({@code event(time, code)}): an event on day d belongs to the row that
 *       ends at d (an interval containing d is split there). So an event on the day of a
 *       covariate change happens in the row before the change: a death on the transplant day is
 *       a death before transplant;
 *   <li>{@link #fixed}: a baseline value copied to every row of the patient.
 * </ul>
 */
public final class CountingProcessBuilder {

  private final List<String> ids;
  private final double[] entry;
  private final double[] exit;
  private final Map<String, Integer> index = new HashMap<>();
  private final Map<String, double[]> fixed = new LinkedHashMap<>();
  private final Map<String, List<TreeMap<Double, Double>>> changes = new LinkedHashMap<>();
  private final Map<String, Double> initial = new HashMap<>();
  private final Map<String, List<TreeMap<Double, Integer>>> events = new LinkedHashMap<>();

  private CountingProcessBuilder(List<String> ids, double[] entry, double[] exit) {
    this.ids = List.copyOf(ids);
    this.entry = entry.clone();
    this.exit = exit.clone();
    for (int i = 0; i < ids.size(); i++) {
      if (index.put(ids.get(i), i) != null) {
        throw new StatsInputException("counting process: patient " + (i + 1)
            + " appears twice in the patient rows");
      }
      if (!(entry[i] < exit[i])) {
        throw new StatsInputException("counting process: patient row " + (i + 1)
            + " must end after it starts, got (" + entry[i] + ", " + exit[i] + "]");
      }
    }
  }

  /**
   * One interval (entry, exit] per patient.
   *
   * @param ids patient ids, distinct
   * @param entry start of observation (e.g. 0 = the day of CAR-T infusion)
   * @param exit last follow-up (event or censoring)
   */
  public static CountingProcessBuilder of(List<String> ids, double[] entry, double[] exit) {
    if (ids.size() != entry.length || ids.size() != exit.length) {
      throw new StatsInputException("counting process: ids, entry and exit differ in length");
    }
    return new CountingProcessBuilder(ids, entry, exit);
  }

  /** A baseline covariate (one value per patient, in the order of the ids). */
  public CountingProcessBuilder fixed(String name, double[] values) {
    if (values.length != ids.size()) {
      throw new StatsInputException("counting process: " + values.length + " values of '" + name
          + "' for " + ids.size() + " patients");
    }
    fixed.put(name, values.clone());
    return this;
  }

  /**
   * A time-dependent covariate from dated values (any number per patient): {@code initial}
   * before the patient's first date.
   */
  public CountingProcessBuilder timeDependent(String name, List<String> patient, double[] time,
      double[] value, double initial) {
    List<TreeMap<Double, Double>> perPatient = perPatient(changes, name);
    for (int k = 0; k < patient.size(); k++) {
      int i = patientIndex(patient.get(k), name, k);
      if (!Double.isFinite(time[k])) {
        throw new StatsInputException("counting process: '" + name + "' row " + (k + 1)
            + " has no date");
      }
      Double previous = perPatient.get(i).put(time[k], value[k]);
      if (previous != null && previous != value[k]) {
        throw new StatsInputException("counting process: '" + name + "' row " + (k + 1)
            + " gives patient row " + (i + 1) + " two values on day " + time[k]);
      }
    }
    this.initial.put(name, initial);
    return this;
  }

  /**
   * An event column: per patient the day and code of the event (NaN day: none); 0 on every other
   * row.
   */
  public CountingProcessBuilder event(String name, double[] time, int[] code) {
    List<TreeMap<Double, Integer>> perPatient = perPatient(events, name);
    for (int i = 0; i < ids.size(); i++) {
      if (Double.isNaN(time[i]) || code[i] == 0) {
        continue;
      }
      if (!(entry[i] < time[i] && time[i] <= exit[i])) {
        throw new StatsInputException("counting process: event '" + name + "' of patient row "
            + (i + 1) + " on day " + time[i] + " is outside its follow-up (" + entry[i] + ", "
            + exit[i] + "]");
      }
      perPatient.get(i).put(time[i], code[i]);
    }
    return this;
  }

  private <T> List<TreeMap<Double, T>> perPatient(Map<String, List<TreeMap<Double, T>>> by,
      String name) {
    if (fixed.containsKey(name) || changes.containsKey(name) || events.containsKey(name)) {
      throw new StatsInputException("counting process: column '" + name + "' defined twice");
    }
    List<TreeMap<Double, T>> list = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      list.add(new TreeMap<>());
    }
    by.put(name, list);
    return list;
  }

  private int patientIndex(String id, String column, int row) {
    Integer i = index.get(id);
    if (i == null) {
      throw new StatsInputException("counting process: '" + column + "' row " + (row + 1)
          + " names a patient without a patient row");
    }
    return i;
  }

  /** The rows, patient by patient in the order of the ids, each patient's rows in time order. */
  public CountingProcessRows build() {
    List<String> rowId = new ArrayList<>();
    List<Double> start = new ArrayList<>();
    List<Double> stop = new ArrayList<>();
    Map<String, List<Double>> columns = new LinkedHashMap<>();
    for (String name : fixed.keySet()) {
      columns.put(name, new ArrayList<>());
    }
    for (String name : changes.keySet()) {
      columns.put(name, new ArrayList<>());
    }
    for (String name : events.keySet()) {
      columns.put(name, new ArrayList<>());
    }
    for (int i = 0; i < ids.size(); i++) {
      TreeSet<Double> cuts = new TreeSet<>();
      cuts.add(entry[i]);
      cuts.add(exit[i]);
      for (List<TreeMap<Double, Double>> c : changes.values()) {
        for (double t : c.get(i).keySet()) {
          if (entry[i] < t && t < exit[i]) {
            cuts.add(t);
          }
        }
      }
      for (List<TreeMap<Double, Integer>> e : events.values()) {
        cuts.addAll(e.get(i).keySet());
      }
      Double from = null;
      for (double to : cuts) {
        if (from != null) {
          rowId.add(ids.get(i));
          start.add(from);
          stop.add(to);
          for (Map.Entry<String, double[]> f : fixed.entrySet()) {
            columns.get(f.getKey()).add(f.getValue()[i]);
          }
          for (Map.Entry<String, List<TreeMap<Double, Double>>> c : changes.entrySet()) {
            // the last value dated at or before the interval's start
            Map.Entry<Double, Double> last = c.getValue().get(i).floorEntry(from);
            columns.get(c.getKey()).add(last == null ? initial.get(c.getKey()) : last.getValue());
          }
          for (Map.Entry<String, List<TreeMap<Double, Integer>>> e : events.entrySet()) {
            Integer code = e.getValue().get(i).get(to);
            columns.get(e.getKey()).add(code == null ? 0.0 : code);
          }
        }
        from = to;
      }
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    columns.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
    return new CountingProcessRows(rowId, start.stream().mapToDouble(Double::doubleValue).toArray(),
        stop.stream().mapToDouble(Double::doubleValue).toArray(), out);
  }
}
