package org.mrdflow.models.survival;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.mrdflow.models.StatsInputException;

/**
 * Group membership of each subject: the distinct labels in R's factor order (numerically when
 * every label is a number, otherwise alphabetically) and each row's index into them.
 *
 * @param labels distinct group labels, in order
 * @param index per row, the position of its label in {@code labels}
 */
public record Grouping(List<String> labels, int[] index) {

  public Grouping {
    labels = List.copyOf(labels);
    index = index.clone();
  }

  /** Groups rows by a text column; a missing label is an error. */
  public static Grouping of(String[] values) {
    boolean numeric = true;
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        throw new StatsInputException("grouping: row " + (i + 1) + " has no group");
      }
      numeric &= isNumber(values[i]);
    }
    Comparator<String> order = numeric
        ? Comparator.comparingDouble(Double::parseDouble)
        : Comparator.naturalOrder();
    TreeSet<String> distinct = new TreeSet<>(order);
    for (String v : values) {
      distinct.add(v);
    }
    List<String> labels = new ArrayList<>(distinct);
    int[] index = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      index[i] = numeric ? indexOfNumber(labels, values[i]) : labels.indexOf(values[i]);
    }
    return new Grouping(labels, index);
  }

  /** A single group "all" covering {@code n} rows. */
  public static Grouping single(int n) {
    return new Grouping(List.of("all"), new int[n]);
  }

  private static int indexOfNumber(List<String> labels, String v) {
    double x = Double.parseDouble(v);
    for (int k = 0; k < labels.size(); k++) {
      if (Double.parseDouble(labels.get(k)) == x) {
        return k;
      }
    }
    throw new IllegalStateException("label " + v + " not among " + labels);
  }

  private static boolean isNumber(String v) {
    try {
      Double.parseDouble(v);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  public int groupCount() {
    return labels.size();
  }

  /** Rows of group {@code k}. */
  public boolean[] member(int k) {
    boolean[] keep = new boolean[index.length];
    for (int i = 0; i < index.length; i++) {
      keep[i] = index[i] == k;
    }
    return keep;
  }
}
