package org.mrdflow.models.risk;

import java.util.List;

/** Fits a {@link RiskModel} to rows of features and 0/1 labels (1 = relapse within the horizon). */
@FunctionalInterface
public interface RiskTrainer {
  RiskModel fit(List<String> features, double[][] x, int[] relapse);
}
