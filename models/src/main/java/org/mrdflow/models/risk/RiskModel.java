package org.mrdflow.models.risk;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A fitted model of the probability of relapse within the horizon. Implementations are plain data
 * (coefficients or trees) exported from Smile, so a saved model is portable JSON that any language
 * can evaluate (format in models/README.md), never Java serialization.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = LogisticRiskModel.class, name = "logistic_regression"),
  @JsonSubTypes.Type(value = ForestRiskModel.class, name = "random_forest"),
  @JsonSubTypes.Type(value = BoostedRiskModel.class, name = "gradient_boosting")
})
public sealed interface RiskModel permits LogisticRiskModel, ForestRiskModel, BoostedRiskModel {

  /** Feature names, in the order {@link #probability} expects them. */
  List<String> features();

  /** Probability of relapse within the horizon for one row of features. */
  double probability(double[] row);

  /** Probabilities for rows in the feature order of this model. */
  default double[] probabilities(double[][] rows) {
    double[] p = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != features().size()) {
        throw new IllegalArgumentException(
            "row " + i + " has " + rows[i].length + " features, the model needs " + features().size());
      }
      p[i] = probability(rows[i]);
    }
    return p;
  }
}
