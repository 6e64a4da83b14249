package org.mrdflow.gating.mrd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mrdflow.gating.events.EventMask;

/** The population rows ({@link PopulationSummary}) of one analysed sample. */
final class MrdPopulations {
  /** Medians are read from a histogram on the logicle scale: 1/4096 of the scale per bin. */
  private static final int MEDIAN_BINS = 4096;
  private static final double MEDIAN_LO = -0.25;
  private static final double MEDIAN_HI = 1.25;

  private MrdPopulations() {}

  static List<PopulationSummary> summaries(MrdEvents events, MarrowGatingResult g) {
    long nucleated = g.nucleated().cardinality();
    List<PopulationSummary> rows = new ArrayList<>();
    String time = "/time-ok";
    String cells = time + "/cells";
    String nuc = cells + "/nucleated";
    String low = nuc + "/ssc-low";
    String lineage = low + "/b-lineage";
    add(rows, events, time, null, g.timeOk(), null, nucleated);
    add(rows, events, cells, time, g.cells(), g.timeOk(), nucleated);
    add(rows, events, nuc, cells, g.nucleated(), g.cells(), nucleated);
    add(rows, events, low, nuc, g.sscLow(), g.nucleated(), nucleated);
    add(rows, events, low + "/lymphocytes-t-nk", low, g.lymphocytesTnk(), g.sscLow(), nucleated);
    add(rows, events, low + "/progenitors", low, g.progenitors(), g.sscLow(), nucleated);
    add(rows, events, low + "/plasma-cells", low, g.plasma(), g.sscLow(), nucleated);
    add(rows, events, lineage, low, g.bLineage(), g.sscLow(), nucleated);
    add(rows, events, lineage + "/hematogones", lineage, g.hematogones(), g.bLineage(), nucleated);
    add(rows, events, lineage + "/mature-b", lineage, g.matureB(), g.bLineage(), nucleated);
    add(rows, events, low + "/cd19-negative-arm", low, g.cd19NegativeArm(), g.sscLow(),
        nucleated);
    add(rows, events, low + "/blasts", low, g.blasts(), g.sscLow(), nucleated);
    add(rows, events, low + "/blasts/cd19-positive", low + "/blasts", g.cd19PositiveBlasts(),
        g.blasts(), nucleated);
    return rows;
  }

  private static void add(List<PopulationSummary> rows, MrdEvents events, String path,
      String parentPath, EventMask population, EventMask parent, long nucleated) {
    long count = population.cardinality();
    long parentCount = parent == null ? population.size() : parent.cardinality();
    Map<String, Double> medians = new LinkedHashMap<>();
    if (count > 0) {
      int[] indices = population.indices();
      for (String marker : MrdEvents.PANEL_MARKERS) {
        medians.put(marker, binnedMedian(events.marker(marker), indices));
      }
    }
    rows.add(new PopulationSummary(path, parentPath, count,
        parentCount == 0 ? Double.NaN : (double) count / parentCount,
        nucleated == 0 ? Double.NaN : (double) count / nucleated, medians));
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
