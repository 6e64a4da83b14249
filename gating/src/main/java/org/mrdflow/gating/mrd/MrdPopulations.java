package org.mrdflow.gating.mrd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.strategy.GatingResult;
import org.mrdflow.gating.strategy.PopulationResult;

/** The population rows ({@link PopulationSummary}) of one analysed sample. */
final class MrdPopulations {
  /** Medians are read from a histogram on the logicle scale: 1/4096 of the scale per bin. */
  private static final int MEDIAN_BINS = 4096;
  private static final double MEDIAN_LO = -0.25;
  private static final double MEDIAN_HI = 1.25;

  private MrdPopulations() {}

  /** Strategy population ids reported per sample, in report order. */
  private static final List<String> REPORTED = List.of("time-ok", "cells", "nucleated", "ssc-low",
      "lymphocytes-t-nk", "progenitors", "plasma-cells", "b-lineage", "hematogones", "mature-b",
      "cd19-negative-arm", "blasts", "cd19-positive-blasts");

  /**
   * Paths, parents and fractions of parent are the strategy's own, as the engine evaluated them,
   * so a row names the population exactly as {@code mrdflow gate} prints it.
   */
  static List<PopulationSummary> summaries(MrdEvents events, GatingResult gating) {
    long nucleated = gating.population("nucleated").count();
    List<PopulationSummary> rows = new ArrayList<>();
    for (String id : REPORTED) {
      PopulationResult population = gating.population(id);
      String parentPath = population.parent() == null ? null
          : gating.population(population.parent()).path();
      rows.add(new PopulationSummary(population.path(), parentPath, population.count(),
          population.fractionOfParent(),
          nucleated == 0 ? Double.NaN : (double) population.count() / nucleated,
          medians(events, population.events())));
    }
    return rows;
  }

  private static Map<String, Double> medians(MrdEvents events, EventMask population) {
    Map<String, Double> medians = new LinkedHashMap<>();
    if (population.cardinality() > 0) {
      int[] indices = population.indices();
      for (String marker : MrdEvents.PANEL_MARKERS) {
        medians.put(marker, binnedMedian(events.marker(marker), indices));
      }
    }
    return medians;
  }

  private static double binnedMedian(float[] values, int[] indices) {
    int[] bins = new int[MEDIAN_BINS];
    double width = (MEDIAN_HI - MEDIAN_LO) / MEDIAN_BINS;
    float scale = (float) (1 / width);
    float lo = (float) MEDIAN_LO;
    for (int i : indices) {
      int b = (int) ((values[i] - lo) * scale);
      bins[Math.max(0, Math.min(MEDIAN_BINS - 1, b))]++;
    }
    long half = (indices.length + 1) / 2;
    long seen = 0;
    for (int b = 0; b < MEDIAN_BINS; b++) {
      seen += bins[b];
      if (seen >= half) {
        return MEDIAN_LO + (b + 0.5) * width;
      }
    }
    return Double.NaN;
  }
}
