package org.mrdflow.models.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import smile.classification.DecisionTree;
import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;

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
    List<DecisionTree> forest = SmileTrainers.fitForest(FEATURES, x, y, ones(x.length), new SmileTrainers.ForestOptions(50, 20, 5, 99));
    ForestRiskModel exported = SmileTrainers.exportForest(FEATURES, forest);
    double[][] fresh = rows(200, 5);
    double[] posteriori = new double[2];
    for (double[] row : fresh) {
      double mean = 0;
      for (DecisionTree tree : forest) {
        tree.predict(SmileTrainers.tuple(row, tree.schema()), posteriori);
        mean += posteriori[1] / forest.size();
      }
      assertThat(exported.probability(row)).isCloseTo(mean, within(1e-12));
    }
  }

  @Test
  void theExportedBoostedTreesPredictExactlyAsSmile() {
    double[][] x = rows(300, 6);
    int[] y = labels(x, 7);
    SmileTrainers.BoostingOptions options = SmileTrainers.BoostingOptions.defaults(1);
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

  static double[] ones(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1);
    return w;
  }

  @Test
  void everyTreeSeedIsOneSmileUses() {
    // Smile 3.1.1 reseeds its generator with a tree's seed only when the seed is > 1
    for (long seed : new long[] {0, 1, 2020, -7}) {
      assertThat(Arrays.stream(SmileTrainers.treeSeeds(new SmileTrainers.ForestOptions(2000, 20, 5, seed))).min().getAsLong())
          .isGreaterThanOrEqualTo(2);
    }
  }

  /** With unit weights the weighted Newton fit minimizes Smile's own penalized objective. */
  @Test
  void weightedLogisticRegressionWithUnitWeightsEqualsSmiles() {
    double[][] x = rows(300, 21);
    int[] y = labels(x, 22);
    for (double lambda : new double[] {0, 0.1, 5}) {
      double[] smile = LogisticRegression.binomial(x, y, lambda, 1e-10, 5000).coefficients();
      double[] ours = WeightedLogistic.fit(x, y, ones(x.length), lambda);
      assertThat(ours).containsExactly(smile, within(1e-5));
    }
  }

  /** Unpenalized, the weighted fit solves the weighted score equations sum w (y - p) x = 0. */
  @Test
  void weightedLogisticRegressionSolvesTheWeightedScoreEquations() {
    double[][] x = rows(400, 23);
    int[] y = labels(x, 24);
    SplittableRandom r = new SplittableRandom(25);
    double[] w = new double[x.length];
    Arrays.setAll(w, i -> 0.5 + 2 * r.nextDouble());
    double[] beta = WeightedLogistic.fit(x, y, w, 0);
    double[] score = new double[4];
    for (int i = 0; i < x.length; i++) {
      double eta = beta[3] + beta[0] * x[i][0] + beta[1] * x[i][1] + beta[2] * x[i][2];
      double residual = w[i] * (y[i] - 1 / (1 + Math.exp(-eta)));
      for (int j = 0; j < 3; j++) {
        score[j] += residual * x[i][j];
      }
      score[3] += residual;
    }
    assertThat(score).containsExactly(new double[] {0, 0, 0, 0}, within(1e-8));
    // and the weights matter: the unweighted fit differs
    assertThat(WeightedLogistic.fit(x, y, ones(x.length), 0)[1]).isNotCloseTo(beta[1], within(1e-3));
  }

  /** Rows of weight 0 (censored before the horizon) change no trainer's model. */
  @Test
  void rowsOfWeightZeroChangeNothing() {
    double[][] x = rows(200, 31);
    int[] y = labels(x, 32);
    SplittableRandom r = new SplittableRandom(33);
    double[] w = new double[x.length];
    Arrays.setAll(w, i -> 1 + r.nextDouble());
    double[][] extraX = Arrays.copyOf(x, x.length + 30);
    int[] extraY = Arrays.copyOf(y, y.length + 30);
    double[] extraW = Arrays.copyOf(w, w.length + 30);
    for (int i = x.length; i < extraX.length; i++) {
      extraX[i] = new double[] {99, 0, 1};
      extraY[i] = 1;
    }
    double[][] fresh = rows(100, 34);
    for (RiskTrainer t : List.of(SmileTrainers.logistic(new SmileTrainers.LogisticOptions(0.1)),
        SmileTrainers.randomForest(new SmileTrainers.ForestOptions(40, 20, 5, 35)),
        SmileTrainers.gradientBoosting(SmileTrainers.BoostingOptions.defaults(36)))) {
      double[] a = t.fit(FEATURES, x, y, w).probabilities(fresh);
      double[] b = t.fit(FEATURES, extraX, extraY, extraW).probabilities(fresh);
      assertThat(b).as(t.fit(FEATURES, x, y, w).getClass().getSimpleName()).containsExactly(a, within(1e-9));
    }
  }
}
