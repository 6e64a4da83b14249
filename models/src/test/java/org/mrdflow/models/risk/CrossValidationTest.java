package org.mrdflow.models.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CrossValidationTest {

  private static RiskData data(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(4) == 0 ? 1 : 0;
      x[i] = new double[] {y[i], r.nextDouble()};
    }
    // a case relapses on day 100, a control is followed to day 1000, past the 730-day horizon
    return new RiskData(
        List.of("label_copy", "noise"), IntStream.range(0, n).mapToObj(i -> "P" + i).toList(), x,
        IntStream.of(y).mapToDouble(v -> v == 1 ? 100 : 1000).toArray(), y, 730);
  }

  @Test
  void stratifiedFoldsSpreadCasesEvenly() {
    int[] y = data(103, 1).labels();
    int[] fold = CrossValidation.stratifiedFolds(y, 5, new SplittableRandom(3));
    int[] casesPerFold = new int[5];
    int[] rowsPerFold = new int[5];
    for (int i = 0; i < y.length; i++) {
      casesPerFold[fold[i]] += y[i];
      rowsPerFold[fold[i]]++;
    }
    assertThat(IntStream.of(casesPerFold).max().getAsInt() - IntStream.of(casesPerFold).min().getAsInt()).isLessThanOrEqualTo(1);
    assertThat(IntStream.of(rowsPerFold).max().getAsInt() - IntStream.of(rowsPerFold).min().getAsInt()).isLessThanOrEqualTo(1);
  }

  @Test
  void aModelThatSeesTheLabelScoresAucOneAndAConstantScoresOneHalf() {
    RiskData d = data(120, 2);
    RiskTrainer oracle = (f, x, y, w) -> new LogisticRiskModel(f, new double[] {0, 0}, new double[] {1, 1}, -5, new double[] {10, 0});
    RiskTrainer constant = (f, x, y, w) -> new LogisticRiskModel(f, new double[] {0, 0}, new double[] {1, 1}, 0, new double[] {0, 0});
    CrossValidationSettings s = new CrossValidationSettings(5, 3, 9, 4);
    assertThat(CrossValidation.evaluate("oracle", d, oracle, s).weighted().auc()).isEqualTo(1.0);
    CrossValidationResult flat = CrossValidation.evaluate("constant", d, constant, s);
    assertThat(flat.weighted().auc()).isEqualTo(0.5);
    // Every prediction is 0.5, so the Brier score is exactly 0.25; without censoring every weight is 1.
    assertThat(flat.weighted().brier()).isEqualTo(0.25);
    assertThat(flat.completeCase().brier()).isEqualTo(0.25);
  }

  @Test
  void theSameSeedGivesTheSameOutOfFoldPredictions() {
    RiskData d = data(120, 4);
    RiskTrainer logistic = SmileTrainers.logistic(SmileTrainers.LogisticOptions.defaults());
    CrossValidationResult a = CrossValidation.evaluate("lr", d, logistic, new CrossValidationSettings(5, 2, 77, 4));
    CrossValidationResult b = CrossValidation.evaluate("lr", d, logistic, new CrossValidationSettings(5, 2, 77, 4));
    CrossValidationResult c = CrossValidation.evaluate("lr", d, logistic, new CrossValidationSettings(5, 2, 78, 4));
    assertThat(a.outOfFold()).isDeepEqualTo(b.outOfFold());
    assertThat(a.outOfFold()[0]).isNotEqualTo(c.outOfFold()[0]);
  }

  @Test
  void tooFewCasesForTheFoldsIsAClearError() {
    RiskData d = new RiskData(List.of("a"), List.of("P1", "P2", "P3"), new double[][] {{1}, {2}, {3}},
        new double[] {10, 800, 900}, new int[] {1, 0, 0}, 730);
    assertThatThrownBy(() -> CrossValidation.evaluate("lr", d, SmileTrainers.logistic(SmileTrainers.LogisticOptions.defaults()),
            new CrossValidationSettings(2, 1, 1, 2)))
        .hasMessage("lr: 1 relapses and 2 non-relapses cannot fill 2 stratified folds");
  }
}
