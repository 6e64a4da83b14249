package org.mrdflow.models.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Repeated stratified k-fold cross-validation of a {@link RiskTrainer}: every row is predicted by a
 * model that did not see it, and cases and controls are spread evenly over the folds.
 */
public final class CrossValidation {

  private CrossValidation() {}

  public static CrossValidationResult evaluate(
      String name, RiskData data, RiskTrainer trainer, CrossValidationSettings settings) {
    int n = data.rows();
    int cases = data.cases();
    if (cases < settings.folds() || n - cases < settings.folds()) {
      throw new IllegalArgumentException(
          name + ": " + cases + " relapses and " + (n - cases) + " non-relapses cannot fill "
              + settings.folds() + " stratified folds");
    }
    SplittableRandom seeds = new SplittableRandom(settings.seed());
    double[][] outOfFold = new double[settings.repeats()][];
    List<AucEstimate> aucs = new ArrayList<>();
    double brier = 0, slope = 0, large = 0, variance = 0;
    for (int r = 0; r < settings.repeats(); r++) {
      int[] fold = stratifiedFolds(data.relapse(), settings.folds(), seeds.split());
      double[] p = new double[n];
      for (int k = 0; k < settings.folds(); k++) {
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          (fold[i] == k ? test : train).add(i);
        }
        double[][] xTrain = train.stream().map(i -> data.x()[i]).toArray(double[][]::new);
        int[] yTrain = train.stream().mapToInt(i -> data.relapse()[i]).toArray();
        RiskModel model = trainer.fit(data.features(), xTrain, yTrain);
        for (int i : test) {
          p[i] = model.probability(data.x()[i]);
        }
      }
      outOfFold[r] = p;
      AucEstimate auc = Discrimination.auc(p, data.relapse());
      aucs.add(auc);
      variance += auc.standardError() * auc.standardError();
      Calibration c = Calibration.of(p, data.relapse(), settings.calibrationGroups());
      brier += c.brier();
      slope += c.slope();
      large += c.interceptInTheLarge();
    }
    int reps = settings.repeats();
    double meanAuc = aucs.stream().mapToDouble(AucEstimate::auc).average().orElseThrow();
    double se = Math.sqrt(variance / reps);
    double[] pooled = new double[n * reps];
    int[] pooledY = new int[n * reps];
    for (int r = 0; r < reps; r++) {
      System.arraycopy(outOfFold[r], 0, pooled, r * n, n);
      System.arraycopy(data.relapse(), 0, pooledY, r * n, n);
    }
    return new CrossValidationResult(
        name, settings, outOfFold, aucs, meanAuc,
        Math.max(0, meanAuc - Discrimination.Z_975 * se), Math.min(1, meanAuc + Discrimination.Z_975 * se),
        brier / reps, slope / reps, large / reps,
        Calibration.bins(pooled, pooledY, settings.calibrationGroups()));
  }

  /**
   * Fold of each row: cases and controls are shuffled separately and dealt round-robin, the
   * controls continuing where the cases stopped, so fold sizes differ by at most one.
   */
  static int[] stratifiedFolds(int[] label, int folds, SplittableRandom random) {
    int[] fold = new int[label.length];
    int next = 0;
    for (int cls = 1; cls >= 0; cls--) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < label.length; i++) {
        if (label[i] == cls) {
          members.add(i);
        }
      }
      for (int i = members.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        Integer t = members.get(i);
        members.set(i, members.get(j));
        members.set(j, t);
      }
      for (int i : members) {
        fold[i] = next;
        next = (next + 1) % folds;
      }
    }
    return fold;
  }
}
