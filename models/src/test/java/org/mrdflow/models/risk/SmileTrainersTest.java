package org.mrdflow.models.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import smile.classification.GradientTreeBoost;
import smile.classification.RandomForest;

class SmileTrainersTest {

  static final List<String> FEATURES = List.of("age_years", "mrd_log10", "male");

  /** Rows whose relapse probability rises with age and MRD: logit p = -1 + 0.03 (age - 30) + 0.8 (mrd + 4). */
  static double[][] rows(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = new double[] {Math.floor(10 + 50 * r.nextDouble()), -6 + 5 * r.nextDouble(), r.nextInt(2)};
    }
    return x;
  }

  static int[] labels(double[][] x, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] y = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      double eta = -1 + 0.03 * (x[i][0] - 30) + 0.8 * (x[i][1] + 4);
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    }
    return y;
  }

  @Test
  void unpenalizedLogisticRegressionSolvesTheScoreEquations() {
    double[][] x = rows(400, 1);
    int[] y = labels(x, 2);
    RiskModel model = SmileTrainers.logistic(new SmileTrainers.LogisticOptions(0)).fit(FEATURES, x, y);
    double[] p = model.probabilities(x);
    // The maximum-likelihood estimate satisfies sum (y - p) = 0 and sum (y - p) x_j = 0 for each j.
    double[] score = new double[4];
    for (int i = 0; i < x.length; i++) {
      double residual = y[i] - p[i];
      score[0] += residual;
      for (int j = 0; j < 3; j++) {
        score[j + 1] += residual * x[i][j];
      }
    }
    assertThat(score[0]).isCloseTo(0, within(1e-4));
    assertThat(score[1] / 30).isCloseTo(0, within(1e-4));
    assertThat(score[2]).isCloseTo(0, within(1e-4));
    assertThat(score[3]).isCloseTo(0, within(1e-4));
  }

  @Test
  void theExportedForestPredictsExactlyAsSmile() {
    double[][] x = rows(300, 3);
    int[] y = labels(x, 4);
    RandomForest forest = SmileTrainers.fitForest(FEATURES, x, y, new SmileTrainers.ForestOptions(50, 20, 5, 99));
    ForestRiskModel exported = SmileTrainers.exportForest(FEATURES, forest);
    double[][] fresh = rows(200, 5);
    double[] posteriori = new double[2];
    for (double[] row : fresh) {
      forest.predict(SmileTrainers.tuple(row, forest.schema()), posteriori);
      assertThat(exported.probability(row)).isCloseTo(posteriori[1], within(1e-12));
    }
  }

  @Test
  void theExportedBoostedTreesPredictExactlyAsSmile() {
    double[][] x = rows(300, 6);
    int[] y = labels(x, 7);
    SmileTrainers.BoostingOptions options = SmileTrainers.BoostingOptions.defaults();
    GradientTreeBoost boost = SmileTrainers.fitBoosting(FEATURES, x, y, options);
    BoostedRiskModel exported = SmileTrainers.exportBoosting(FEATURES, boost, options, x[0]);
    double[] posteriori = new double[2];
    for (double[] row : rows(200, 8)) {
      boost.predict(SmileTrainers.tuple(row, boost.schema()), posteriori);
      assertThat(exported.probability(row)).isCloseTo(posteriori[1], within(1e-12));
    }
  }

  @Test
  void theSameForestSeedGivesTheSameForest() {
    double[][] x = rows(200, 9);
    int[] y = labels(x, 10);
    RiskTrainer trainer = SmileTrainers.randomForest(new SmileTrainers.ForestOptions(40, 20, 5, 5));
    double[] a = trainer.fit(FEATURES, x, y).probabilities(x);
    double[] b = trainer.fit(FEATURES, x, y).probabilities(x);
    double[] c = SmileTrainers.randomForest(new SmileTrainers.ForestOptions(40, 20, 5, 6)).fit(FEATURES, x, y).probabilities(x);
    assertThat(a).containsExactly(b);
    assertThat(a).isNotEqualTo(c);
  }
}
