package org.mrdflow.pipeline.job;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Packs files into Spark partitions of similar total size: longest-processing-time-first (Graham
 * 1969: sort by size descending, give each file to the lightest bin; within 4/3 of optimal).
 * Analysis time grows with events, i.e. with bytes, so equal bytes mean equal task times.
 */
public final class PartitionPlan {
  private PartitionPlan() {}

  /**
   * @param sizes size of each item
   * @param bins number of partitions wanted (fewer when there are fewer items)
   * @return for each bin, the indices of its items; bins in order of decreasing load so the
   *     scheduler starts the biggest first
   */
  public static List<List<Integer>> balance(long[] sizes, int bins) {
    int n = Math.max(1, Math.min(bins, sizes.length));
    Integer[] order = new Integer[sizes.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparingLong((Integer i) -> sizes[i]).reversed().thenComparing(i -> i));
    long[] load = new long[n];
    List<List<Integer>> members = new ArrayList<>();
    for (int b = 0; b < n; b++) {
      members.add(new ArrayList<>());
    }
    PriorityQueue<Integer> lightest =
        new PriorityQueue<>(Comparator.comparingLong((Integer b) -> load[b]).thenComparing(b -> b));
    for (int b = 0; b < n; b++) {
      lightest.add(b);
    }
    for (int item : order) {
      int b = lightest.poll();
      members.get(b).add(item);
      load[b] += sizes[item];
      lightest.add(b);
    }
    List<Integer> binOrder = new ArrayList<>();
    for (int b = 0; b < n; b++) {
      binOrder.add(b);
    }
    binOrder.sort(Comparator.comparingLong((Integer b) -> load[b]).reversed().thenComparing(b -> b));
    List<List<Integer>> result = new ArrayList<>();
    for (int b : binOrder) {
      if (!members.get(b).isEmpty()) {
        result.add(List.copyOf(members.get(b)));
      }
    }
    return result;
  }
}
