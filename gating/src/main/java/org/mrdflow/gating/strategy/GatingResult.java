package org.mrdflow.gating.strategy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.events.EventTable;
import org.mrdflow.gating.gate.Dimension;

/**
 * The populations of one sample, in strategy order, plus the strategy as applied: data-driven
 * gates frozen to the geometry fitted to this sample (what Gating-ML export writes).
 */
public final class GatingResult {
  private final String sampleName;
  private final GatingStrategy appliedStrategy;
  private final Map<String, PopulationResult> populations;
  private final EventTable medianSource;
  private final Map<String, String> markerChannels;
  private final DimensionResolver resolver;

  GatingResult(String sampleName, GatingStrategy appliedStrategy,
      List<PopulationResult> results, DimensionResolver resolver,
      Map<String, String> markerChannels) {
    this.resolver = resolver;
    this.markerChannels = Map.copyOf(markerChannels);
    this.sampleName = sampleName;
    this.appliedStrategy = appliedStrategy;
    this.populations = new LinkedHashMap<>();
    results.forEach(r -> populations.put(r.id(), r));
    this.medianSource = resolver.table(Dimension.FILE_COMPENSATION);
  }

  /**
   * Values of a dimension of the strategy for every event, compensated and transformed as it
   * says: the columns the gates were applied to (shared, do not modify).
   */
  public float[] values(Dimension dimension) {
    return resolver.values(dimension);
  }

  public String sampleName() {
    return sampleName;
  }

  public int eventCount() {
    return medianSource.eventCount();
  }

  /** The strategy with every method gate replaced by its fitted geometry where it has one. */
  public GatingStrategy appliedStrategy() {
    return appliedStrategy;
  }

  /** Panel marker -> channel name as resolved for this sample (empty without a panel). */
  public Map<String, String> markerChannels() {
    return markerChannels;
  }

  public List<PopulationResult> populations() {
    return List.copyOf(populations.values());
  }

  public PopulationResult population(String id) {
    PopulationResult result = populations.get(id);
    if (result == null) {
      throw new GatingException("no population '" + id + "' in the results of " + sampleName);
    }
    return result;
  }

  /**
   * Median of every channel over the population's events, on the file-compensated, untransformed
   * scale; NaN for an empty population. Computed on demand (it is O(events) per channel).
   */
  public Map<String, Double> medians(String id) {
    EventMask events = population(id).events();
    int[] indices = events.indices();
    Map<String, Double> medians = new LinkedHashMap<>();
    float[] values = new float[indices.length];
    for (int c = 0; c < medianSource.channelCount(); c++) {
      float[] column = medianSource.column(c);
      int n = 0;
      for (int index : indices) {
        float v = column[index];
        if (!Float.isNaN(v)) {
          values[n++] = v;
        }
      }
      medians.put(medianSource.channel(c).name(), median(values, n));
    }
    return medians;
  }

  /** Median of the first n values (mean of the two middle ones for even n); sorts them. */
  static double median(float[] values, int n) {
    if (n == 0) {
      return Double.NaN;
    }
    Arrays.sort(values, 0, n);
    int mid = n >>> 1;
    return (n & 1) == 1 ? values[mid] : ((double) values[mid - 1] + values[mid]) / 2;
  }
}
