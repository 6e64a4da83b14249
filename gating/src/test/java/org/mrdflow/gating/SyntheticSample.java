package org.mrdflow.gating;

import java.util.List;
import java.util.SplittableRandom;
import org.mrdflow.gating.events.Channel;
import org.mrdflow.gating.events.EventTable;
import org.mrdflow.gating.events.Sample;

/**
 * A seeded synthetic blood-like sample with known ground truth, for method and strategy tests.
 * Populations (fractions): debris 10%, doublets 5%, granulocytes 35%, CD45-negative cells 10%,
 * T lymphocytes 30%, B lymphocytes {@code bFraction}, the rest monocytes. Channels are named
 * the way a BD instrument writes them ($PnN detector, $PnS "marker fluorochrome").
 */
public final class SyntheticSample {
  public static final int DEBRIS = 0;
  public static final int DOUBLET = 1;
  public static final int GRANULOCYTE = 2;
  public static final int CD45_NEGATIVE = 3;
  public static final int T_CELL = 4;
  public static final int B_CELL = 5;
  public static final int MONOCYTE = 6;

  public final Sample sample;
  public final int[] truth;

  private SyntheticSample(Sample sample, int[] truth) {
    this.sample = sample;
    this.truth = truth;
  }

  public static SyntheticSample generate(int events, double bFraction, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] fscA = new float[events];
    float[] fscH = new float[events];
    float[] sscA = new float[events];
    float[] cd45 = new float[events];
    float[] cd19 = new float[events];
    int[] truth = new int[events];
    double[] cumulative = {0.10, 0.15, 0.50, 0.60, 0.90, 0.90 + bFraction};
    for (int e = 0; e < events; e++) {
      double u = random.nextDouble();
      int kind = MONOCYTE;
      for (int k = 0; k < cumulative.length; k++) {
        if (u < cumulative[k]) {
          kind = k;
          break;
        }
      }
      truth[e] = kind;
      double fsc;
      double ssc;
      double cd45Level;
      double cd19Level = 0;
      switch (kind) {
        case DEBRIS -> { fsc = 8000; ssc = 5000; cd45Level = 0; }
        case GRANULOCYTE -> { fsc = 110000; ssc = 150000; cd45Level = 3000; }
        case CD45_NEGATIVE -> { fsc = 60000; ssc = 15000; cd45Level = 0; }
        case T_CELL, DOUBLET -> { fsc = 60000; ssc = 18000; cd45Level = 20000; }
        case B_CELL -> { fsc = 60000; ssc = 18000; cd45Level = 20000; cd19Level = 8000; }
        default -> { fsc = 90000; ssc = 60000; cd45Level = 8000; }
      }
      double area = fsc * Math.exp(0.1 * random.nextGaussian());
      fscA[e] = (float) (kind == DOUBLET ? 2 * area : area);
      fscH[e] = (float) (area * (0.9 + 0.02 * random.nextGaussian()));
      sscA[e] = (float) (ssc * Math.exp(0.15 * random.nextGaussian()));
      cd45[e] = (float) (cd45Level * Math.exp(0.25 * random.nextGaussian())
          + 60 * random.nextGaussian());
      cd19[e] = (float) (cd19Level * Math.exp(0.25 * random.nextGaussian())
          + 60 * random.nextGaussian());
    }
    List<Channel> channels = List.of(new Channel("FSC-A", ""), new Channel("FSC-H", ""),
        new Channel("SSC-A", ""), new Channel("FITC-A", "CD45 FITC"),
        new Channel("PE-Cy7-A", "CD19 PE-Cy7"));
    EventTable table = new EventTable(channels,
        new float[][] {fscA, fscH, sscA, cd45, cd19});
    return new SyntheticSample(Sample.of("synthetic-" + seed, table), truth);
  }

  public int count(int kind) {
    int n = 0;
    for (int t : truth) {
      if (t == kind) {
        n++;
      }
    }
    return n;
  }
}
