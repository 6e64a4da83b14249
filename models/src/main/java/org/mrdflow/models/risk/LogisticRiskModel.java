package org.mrdflow.models.risk;

import java.util.List;

/**
 * Logistic regression on standardized features: {@code p = 1 / (1 + exp(-(intercept + sum_j
 * coefficients[j] * (x[j] - center[j]) / scale[j])))}.
 */
public record LogisticRiskModel(
    List<String> features, double[] center, double[] scale, double intercept, double[] coefficients)
    implements RiskModel {

  public LogisticRiskModel {
    features = List.copyOf(features);
    int p = features.size();
    if (center.length != p || scale.length != p || coefficients.length != p) {
      throw new IllegalArgumentException("logistic model: center, scale and coefficients need " + p + " values");
    }
    for (int j = 0; j < p; j++) {
      if (!Double.isFinite(center[j]) || !(scale[j] > 0) || Double.isInfinite(scale[j]) || !Double.isFinite(coefficients[j])) {
        throw new IllegalArgumentException("logistic model: feature " + features.get(j)
            + " needs a finite center and coefficient and a finite positive scale");
      }
    }
    if (!Double.isFinite(intercept)) {
      throw new IllegalArgumentException("logistic model: the intercept must be finite");
    }
  }

  @Override
  public double probability(double[] row) {
    double eta = intercept;
    for (int j = 0; j < coefficients.length; j++) {
      eta += coefficients[j] * (row[j] - center[j]) / scale[j];
    }
    return 1 / (1 + Math.exp(-eta));
  }
}
