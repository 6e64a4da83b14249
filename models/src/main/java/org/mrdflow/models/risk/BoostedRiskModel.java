package org.mrdflow.models.risk;

import java.util.List;

/**
 * Gradient-boosted regression trees for a binary outcome on Friedman's (2001) half log-odds scale:
 * {@code f = intercept + shrinkage * sum_t tree_t(x)}, {@code p = 1 / (1 + exp(-2 f))}.
 */
public record BoostedRiskModel(List<String> features, double intercept, double shrinkage, List<TreeNodes> trees)
    implements RiskModel {

  public BoostedRiskModel {
    features = List.copyOf(features);
    trees = List.copyOf(trees);
    if (!Double.isFinite(intercept) || !Double.isFinite(shrinkage)) {
      throw new IllegalArgumentException("boosted model needs a finite intercept and shrinkage");
    }
    for (int t = 0; t < trees.size(); t++) {
      try {
        trees.get(t).checkFeatureIndices(features.size());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("tree " + t + ": " + e.getMessage(), e);
      }
    }
  }

  /** The half log-odds {@code f} of a row. */
  public double halfLogOdds(double[] row) {
    double f = intercept;
    for (TreeNodes tree : trees) {
      f += shrinkage * tree.evaluate(row);
    }
    return f;
  }

  @Override
  public double probability(double[] row) {
    return 1 / (1 + Math.exp(-2 * halfLogOdds(row)));
  }
}
