package org.mrdflow.models.risk;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Fits a {@link RiskModel} to rows of features, 0/1 labels (1 = relapse within the horizon) and
 * case weights (the {@link Ipcw} weights; all 1 for an unweighted fit).
 */
@FunctionalInterface
public interface RiskTrainer {

  RiskModel fit(List<String> features, double[][] x, int[] relapse, double[] weights);

  /** Unweighted fit: every row weighs 1. */
  default RiskModel fit(List<String> features, double[][] x, int[] relapse) {
    double[] ones = new double[x.length];
    Arrays.fill(ones, 1);
    return fit(features, x, relapse, ones);
  }

  /**
   * Fits the rows of {@code data} whose label is known, weighted by the censoring distribution of
   * {@code data} itself (so a cross-validation fold's weights never see its test rows).
   */
  default RiskModel fitWeighted(RiskData data) {
    double[] w = Ipcw.weightsOf(data);
    int[] known = IntStream.range(0, data.rows()).filter(i -> w[i] > 0).toArray();
    return fit(
        data.features(),
        Arrays.stream(known).mapToObj(i -> data.x()[i]).toArray(double[][]::new),
        Arrays.stream(known).map(data::label).toArray(),
        Arrays.stream(known).mapToDouble(i -> w[i]).toArray());
  }
}
