package org.mrdflow.models.risk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Repeated stratified k-fold cross-validation of a {@link RiskTrainer}: every eligible row is
 * predicted by a model that did not see it, and each outcome (relapse, competing death, censored
 * before the horizon, event-free past it) is spread evenly over the folds. Training uses the
 * {@link Ipcw} weights of the training rows; evaluation uses the weights of all rows, with the
 * complete-case numbers beside them.
 */
public final class CrossValidation {

  private CrossValidation() {}

  /** Fits on the training rows of a fold and returns the score of new rows. */
  @FunctionalInterface
  public interface FoldScorer {
    ToDoubleFunction<double[]> fit(RiskData training);
  }

  /** Cross-validates a probability model, fitted with IPCW weights: discrimination and calibration. */
  public static CrossValidationResult evaluate(
      String name, RiskData data, RiskTrainer trainer, CrossValidationSettings settings) {
    FoldScorer scorer = training -> trainer.fitWeighted(training)::probability;
    return evaluate(name, data, scorer, true, settings);
  }

  /**
   * Cross-validates any scorer; a score that is not a probability (a linear predictor) gets
   * discrimination only, its Brier score and calibration are NaN.
   */
  public static CrossValidationResult evaluate(
      String name, RiskData data, FoldScorer scorer, boolean probabilities, CrossValidationSettings settings) {
    int n = data.rows();
    int cases = data.cases();
    int controls = data.controls();
    if (cases < settings.folds() || controls < settings.folds()) {
      throw new IllegalArgumentException(
          name + ": " + cases + " relapses and " + controls + " non-relapses cannot fill "
              + settings.folds() + " stratified folds");
    }
    int[] label = data.labels();
    double[] weights = Ipcw.weightsOf(data);
    int[] known = IntStream.range(0, n).filter(i -> label[i] != RiskData.UNKNOWN).toArray();
    int[] knownLabel = Arrays.stream(known).map(i -> label[i]).toArray();
    int[] stratum = strata(data);
    SplittableRandom seeds = new SplittableRandom(settings.seed());
    int reps = settings.repeats();
    int[][] folds = new int[reps][];
    double[][] outOfFold = new double[reps][];
    Accumulator weighted = new Accumulator(probabilities);
    Accumulator completeCase = new Accumulator(probabilities);
    for (int r = 0; r < reps; r++) {
      int[] fold = stratifiedFolds(stratum, settings.folds(), seeds.split());
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
      folds[r] = fold;
      outOfFold[r] = p;
      weighted.add(IpcwMetrics.auc(p, label, weights), probabilities ? Calibration.of(p, label, weights, 1) : null);
      double[] pKnown = Arrays.stream(known).mapToDouble(i -> p[i]).toArray();
      completeCase.add(Discrimination.auc(pKnown, knownLabel), probabilities ? Calibration.of(pKnown, knownLabel, 1) : null);
    }
    List<CalibrationBin> weightedBins = List.of();
    List<CalibrationBin> completeCaseBins = List.of();
    if (probabilities) {
      double[] pooled = new double[n * reps];
      int[] pooledLabel = new int[n * reps];
      double[] pooledWeight = new double[n * reps];
      double[] ones = new double[n * reps];
      for (int r = 0; r < reps; r++) {
        System.arraycopy(outOfFold[r], 0, pooled, r * n, n);
        System.arraycopy(label, 0, pooledLabel, r * n, n);
        System.arraycopy(weights, 0, pooledWeight, r * n, n);
        for (int i = 0; i < n; i++) {
          ones[r * n + i] = label[i] == RiskData.UNKNOWN ? 0 : 1;
        }
      }
      weightedBins = Calibration.of(pooled, pooledLabel, pooledWeight, settings.calibrationGroups()).bins();
      completeCaseBins = Calibration.of(pooled, pooledLabel, ones, settings.calibrationGroups()).bins();
    }
    return new CrossValidationResult(name, settings, probabilities, folds, outOfFold, weights,
        weighted.metrics(weightedBins), completeCase.metrics(completeCaseBins));
  }

  /** Sums of one kind of per-repeat metrics. */
  private static final class Accumulator {
    private final boolean probabilities;
    private final List<AucEstimate> aucs = new ArrayList<>();
    private double variance;
    private double brier;
    private double slope;
    private double large;

    Accumulator(boolean probabilities) {
      this.probabilities = probabilities;
    }

    void add(AucEstimate auc, Calibration calibration) {
      aucs.add(auc);
      variance += auc.standardError() * auc.standardError();
      if (probabilities) {
        brier += calibration.brier();
        slope += calibration.slope();
        large += calibration.interceptInTheLarge();
      }
    }

    CrossValidationResult.Metrics metrics(List<CalibrationBin> bins) {
      int reps = aucs.size();
      double auc = aucs.stream().mapToDouble(AucEstimate::auc).average().orElseThrow();
      double se = Math.sqrt(variance / reps);
      double nan = Double.NaN;
      return new CrossValidationResult.Metrics(aucs, auc,
          Math.max(0, auc - Discrimination.Z_975 * se), Math.min(1, auc + Discrimination.Z_975 * se),
          probabilities ? brier / reps : nan, probabilities ? slope / reps : nan, probabilities ? large / reps : nan, bins);
    }
  }

  /** Outcome strata of the folds: relapse by the horizon, competing death, censored before, event-free past it. */
  static int[] strata(RiskData data) {
    int[] s = new int[data.rows()];
    for (int i = 0; i < s.length; i++) {
      int label = data.label(i);
      s[i] = label == 1 ? 3 : label == RiskData.UNKNOWN ? 1 : data.days()[i] <= data.horizonDays() ? 2 : 0;
    }
    return s;
  }

  /**
   * Fold of each row: the rows of each stratum (highest code first) are shuffled and dealt
   * round-robin, each stratum continuing where the previous one stopped, so fold sizes differ by
   * at most one and each stratum's counts per fold by at most one.
   */
  static int[] stratifiedFolds(int[] stratum, int folds, SplittableRandom random) {
    int[] fold = new int[stratum.length];
    int next = 0;
    int[] codes = Arrays.stream(stratum).distinct().sorted().toArray();
    for (int c = codes.length - 1; c >= 0; c--) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < stratum.length; i++) {
        if (stratum[i] == codes[c]) {
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
