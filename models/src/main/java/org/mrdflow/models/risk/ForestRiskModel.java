package org.mrdflow.models.risk;

import java.util.List;

/**
 * Random forest: {@code p = sum_t weights[t] * leaf_t(x) / sum_t weights[t]}, where each leaf
 * holds the Laplace-smoothed relapse fraction of its training cases, as Smile's soft vote.
 */
public record ForestRiskModel(List<String> features, List<TreeNodes> trees, double[] weights)
    implements RiskModel {

  public ForestRiskModel {
    features = List.copyOf(features);
    trees = List.copyOf(trees);
    if (trees.isEmpty() || weights.length != trees.size()) {
      throw new IllegalArgumentException("forest needs at least one tree and one weight per tree");
    }
    for (int t = 0; t < trees.size(); t++) {
      if (!(weights[t] > 0) || Double.isInfinite(weights[t])) {
        throw new IllegalArgumentException("tree " + t + " has weight " + weights[t] + ", need a finite positive weight");
      }
      try {
        trees.get(t).checkFeatureIndices(features.size());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("tree " + t + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public double probability(double[] row) {
    double sum = 0;
    double total = 0;
    for (int t = 0; t < trees.size(); t++) {
      sum += weights[t] * trees.get(t).evaluate(row);
      total += weights[t];
    }
    return sum / total;
  }
}
