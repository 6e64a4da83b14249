package org.mrdflow.gating.mrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.GeometricGate;
import org.mrdflow.gating.gate.Region;

/**
 * {@link BlastCluster#unlikeNormal} as geometry against the Bayes rule it states, computed here
 * event by event from the two weighted Gaussian densities: the gate's NOT-ellipsoid (or
 * NOT-range) must select exactly the events where the clone's weighted density is the higher
 * over the markers in which the normal events are the tighter population.
 */
class UnlikeNormalTest {
  private static final List<Dimension> MARKERS = List.of(Dimension.of("CD10", "", ""),
      Dimension.of("CD20", "", ""), Dimension.of("CD34", "", ""), Dimension.of("CD38", "", ""),
      Dimension.of("CD45", "", ""));

  @Test
  void theGateIsTheWeightedBayesRuleOverTheMarkersWhereNormalCellsAreTighter() {
    // Hematogone-like normal events: tight in CD10, CD38 and CD45, wide in CD20 and CD34.
    double[] normalCentre = {0.77, 0.21, 0.49, 0.70, 0.56};
    double[] normalSd = {0.04, 0.07, 0.29, 0.034, 0.04};
    BlastCluster clone = new BlastCluster(List.of("CD10", "CD20", "CD34", "CD38", "CD45"),
        new double[] {0.85, 0.21, 0.71, 0.44, 0.43}, new double[] {0.046, 0.06, 0.071, 0.079, 0.057},
        15.09);
    int normalCount = 40_000;
    int probes = 20_000;
    Random random = new Random(7);
    float[][] columns = new float[5][normalCount + probes];
    for (int j = 0; j < 5; j++) {
      for (int i = 0; i < normalCount; i++) {
        columns[j][i] = (float) (normalCentre[j] + normalSd[j] * random.nextGaussian());
      }
      for (int i = normalCount; i < normalCount + probes; i++) {
        // probes spread between the two populations and beyond
        columns[j][i] = (float) (0.2 + 0.8 * random.nextDouble());
      }
    }
    EventMask normal = EventMask.none(normalCount + probes);
    for (int i = 0; i < normalCount; i++) {
      normal.set(i);
    }
    int clonePrior = 250;

    Region region = clone.unlikeNormal("unlike-normal", MARKERS, columns, normal, clonePrior, 0.01);

    Region.Not not = (Region.Not) region;
    GeometricGate gate = ((Region.Shape) not.part()).gate();
    List<String> used = new ArrayList<>();
    for (Dimension d : gate.dimensions()) {
      used.add(d.parameter());
    }
    assertThat(used).containsExactly("CD10", "CD38", "CD45");
    float[][] gateColumns = new float[used.size()][];
    double[] fittedCentre = new double[5];
    double[] fittedSd = new double[5];
    for (int j = 0; j < 5; j++) {
      float[] values = RobustStats.values(columns[j], normal);
      fittedCentre[j] = RobustStats.median(values);
      fittedSd[j] = Math.max(RobustStats.robustSd(values), 0.01);
      int k = used.indexOf(MARKERS.get(j).parameter());
      if (k >= 0) {
        gateColumns[k] = columns[j];
      }
    }
    EventMask insideNormal = gate.evaluate(gateColumns, EventMask.all(normalCount + probes));
    int claimed = 0;
    int disagree = 0;
    for (int i = normalCount; i < normalCount + probes; i++) {
      double cloneLog = Math.log(clonePrior);
      double normalLog = Math.log(normalCount);
      for (int j = 0; j < 5; j++) {
        if (!(fittedSd[j] < clone.sd()[j])) {
          continue;
        }
        double zc = (columns[j][i] - clone.centre()[j]) / clone.sd()[j];
        double zn = (columns[j][i] - fittedCentre[j]) / fittedSd[j];
        cloneLog += -0.5 * zc * zc - Math.log(clone.sd()[j]);
        normalLog += -0.5 * zn * zn - Math.log(fittedSd[j]);
      }
      boolean bayes = cloneLog > normalLog;
      claimed += bayes ? 1 : 0;
      if (bayes == insideNormal.get(i)) {
        disagree++;
      }
    }
    // float columns against double arithmetic: at most a handful of events on the boundary
    assertThat(disagree).isLessThanOrEqualTo(2);
    assertThat(claimed).isBetween(probes / 20, probes - probes / 20);
  }

  @Test
  void withOneTighterMarkerTheGateIsARange() {
    BlastCluster clone = new BlastCluster(List.of("CD10", "CD20", "CD34", "CD38", "CD45"),
        new double[] {0.8, 0.2, 0.7, 0.45, 0.45}, new double[] {0.05, 0.05, 0.05, 0.08, 0.05},
        15.09);
    int n = 5_000;
    Random random = new Random(11);
    float[][] columns = new float[5][n];
    double[] sd = {0.10, 0.10, 0.10, 0.03, 0.10};
    for (int j = 0; j < 5; j++) {
      for (int i = 0; i < n; i++) {
        columns[j][i] = (float) (0.6 + sd[j] * random.nextGaussian());
      }
    }
    Region region = clone.unlikeNormal("unlike-normal", MARKERS, columns, EventMask.all(n), 50,
        0.01);

    GeometricGate gate = ((Region.Shape) ((Region.Not) region).part()).gate();
    assertThat(gate.dimensions()).extracting(Dimension::parameter).containsExactly("CD38");
  }

  @Test
  void aCloneOutweighingTheNormalEventsEverywhereIsNotRestricted() {
    BlastCluster clone = new BlastCluster(List.of("CD10", "CD20", "CD34", "CD38", "CD45"),
        new double[] {0.8, 0.2, 0.7, 0.45, 0.45}, new double[] {0.05, 0.05, 0.05, 0.08, 0.05},
        15.09);
    float[][] columns = new float[5][20];
    for (int j = 0; j < 5; j++) {
      for (int i = 0; i < 20; i++) {
        columns[j][i] = (float) (clone.centre()[j] - 0.01 + 0.001 * i);
      }
    }
    // 20 tight normal events where the clone is, against a clone of a million: weighted, the
    // clone is denser there (1e6 x prod 1/s_c > 20 x prod 1/s_n) and, wider, everywhere else
    Region region = clone.unlikeNormal("unlike-normal", MARKERS, columns, EventMask.all(20),
        1_000_000, 0.01);

    assertThat(region).isInstanceOf(Region.Everything.class);
  }
}
