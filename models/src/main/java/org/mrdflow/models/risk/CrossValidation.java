package org.mrdflow.models.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Repeated stratified k-fold cross-validation of a {@link RiskTrainer}: every row is predicted by a
 * model that did not see it, and cases and controls are spread evenly over the folds.
 */
public final class CrossValidation {

  private CrossValidation() {}

  /** Fits on the training rows of a fold and returns the score of new rows. */
  @FunctionalInterface
  public interface FoldScorer {
    ToDoubleFunction<double[]> fit(RiskData training);
  }

  /** Cross-validates a probability model: discrimination and calibration. */
  public static CrossValidationResult evaluate(
      String name, RiskData data, RiskTrainer trainer, CrossValidationSettings settings) {
    FoldScorer scorer = training -> trainer.fit(training.features(), training.x(), training.relapse())::probability;
    return evaluate(name, data, scorer, true, settings);
  }

  /**
   * Cross-validates any scorer; a score that is not a probability (a Cox linear predictor) gets
   * discrimination only, its Brier score and calibration are NaN.
   */
  public static CrossValidationResult evaluate(
      String name, RiskData data, FoldScorer scorer, boolean probabilities, CrossValidationSettings settings) {
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
        final int testFold = k;
        int[] train = IntStream.range(0, n).filter(i -> fold[i] != testFold).toArray();
        ToDoubleFunction<double[]> model = scorer.fit(data.subset(train));
        for (int i = 0; i < n; i++) {
          if (fold[i] == testFold) {
            p[i] = model.applyAsDouble(data.x()[i]);
          }
        }
      }
      outOfFold[r] = p;
      AucEstimate auc = Discrimination.auc(p, data.relapse());
      aucs.add(auc);
      variance += auc.standardError() * auc.standardError();
      if (probabilities) {
        Calibration c = Calibration.of(p, data.relapse(), settings.calibrationGroups());
        brier += c.brier();
        slope += c.slope();
        large += c.interceptInTheLarge();
      }
    }
    if (!probabilities) {
      brier = slope = large = Double.NaN;
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
        probabilities ? Calibration.bins(pooled, pooledY, settings.calibrationGroups()) : List.of());
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
