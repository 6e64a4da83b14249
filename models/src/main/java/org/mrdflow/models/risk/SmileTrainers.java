package org.mrdflow.models.risk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import smile.base.cart.CART;
import smile.base.cart.DecisionNode;
import smile.base.cart.InternalNode;
import smile.base.cart.Node;
import smile.base.cart.RegressionNode;
import smile.base.cart.SplitRule;
import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.StructType;
import smile.data.vector.IntVector;
import smile.regression.RegressionTree;

/**
 * Fits Smile 3.1.1 classifiers and exports them into the portable {@link RiskModel}s. Every source
 * of randomness is an explicit seed: the forest gets one seed per tree; gradient boosting runs
 * without subsampling because Smile 3.1.1 would draw the subsample from its global generator.
 */
public final class SmileTrainers {

  private static final String RESPONSE = "relapse_within_horizon";

  private SmileTrainers() {}

  /** L2-penalized logistic regression on standardized features (Smile's {@code lambda}). */
  public record LogisticOptions(double lambda) {
    public static LogisticOptions defaults() {
      return new LogisticOptions(0.1);
    }
  }

  /** Random forest (Breiman 2001) with Gini splits and bootstrap samples. */
  public record ForestOptions(int trees, int maxDepth, int nodeSize, long seed) {
    public static ForestOptions defaults(long seed) {
      return new ForestOptions(300, 20, 5, seed);
    }
  }

  /** Gradient tree boosting (Friedman 2001) with small trees and shrinkage. */
  public record BoostingOptions(int trees, int maxDepth, int maxNodes, int nodeSize, double shrinkage) {
    public static BoostingOptions defaults() {
      return new BoostingOptions(100, 3, 6, 5, 0.05);
    }
  }

  public static RiskTrainer logistic(LogisticOptions options) {
    return (features, x, y) -> {
      int p = features.size();
      double[] center = new double[p];
      double[] scale = new double[p];
      for (int j = 0; j < p; j++) {
        final int col = j;
        double mean = Arrays.stream(x).mapToDouble(r -> r[col]).average().orElse(0);
        double var = Arrays.stream(x).mapToDouble(r -> (r[col] - mean) * (r[col] - mean)).sum() / Math.max(1, x.length - 1);
        center[j] = mean;
        // A constant feature keeps scale 1 (its coefficient is then penalized to 0).
        scale[j] = var > 0 ? Math.sqrt(var) : 1;
      }
      double[][] z = new double[x.length][p];
      for (int i = 0; i < x.length; i++) {
        for (int j = 0; j < p; j++) {
          z[i][j] = (x[i][j] - center[j]) / scale[j];
        }
      }
      LogisticRegression.Binomial fit = LogisticRegression.binomial(z, y, options.lambda(), 1e-8, 1000);
      // Smile keeps the intercept after the p slopes.
      double[] w = fit.coefficients();
      return new LogisticRiskModel(features, center, scale, w[p], Arrays.copyOf(w, p));
    };
  }

  public static RiskTrainer randomForest(ForestOptions options) {
    return (features, x, y) -> exportForest(features, fitForest(features, x, y, options));
  }

  /**
   * Fits the forest one tree at a time, each with its own seed, and merges them. Smile's own
   * multi-tree fit grows trees in parallel and hands out the seeds in whatever order the threads
   * ask for them, so the same seeds could give a different forest from run to run.
   */
  static RandomForest fitForest(List<String> features, double[][] x, int[] y, ForestOptions options) {
    int mtry = Math.max(1, (int) Math.floor(Math.sqrt(features.size())));
    long[] seeds = new SplittableRandom(options.seed()).longs(options.trees()).toArray();
    DataFrame data = frame(features, x, y);
    RandomForest forest = null;
    for (long seed : seeds) {
      RandomForest tree =
          RandomForest.fit(
              Formula.lhs(RESPONSE), data, 1, mtry, SplitRule.GINI, options.maxDepth(), Math.max(2, x.length),
              options.nodeSize(), 1.0, null, LongStream.of(seed));
      forest = forest == null ? tree : forest.merge(tree);
    }
    return forest;
  }

  static ForestRiskModel exportForest(List<String> features, RandomForest forest) {
    List<TreeNodes> trees = new ArrayList<>();
    double[] weights = new double[forest.models().length];
    for (int t = 0; t < weights.length; t++) {
      RandomForest.Model m = forest.models()[t];
      trees.add(export(m.tree, m.tree.schema()));
      weights[t] = m.weight;
    }
    return new ForestRiskModel(features, trees, weights);
  }

  public static RiskTrainer gradientBoosting(BoostingOptions options) {
    return (features, x, y) -> exportBoosting(features, fitBoosting(features, x, y, options), options, x[0]);
  }

  static GradientTreeBoost fitBoosting(List<String> features, double[][] x, int[] y, BoostingOptions options) {
    return GradientTreeBoost.fit(
        Formula.lhs(RESPONSE), frame(features, x, y), options.trees(), options.maxDepth(),
        options.maxNodes(), options.nodeSize(), options.shrinkage(), 1.0);
  }

  static BoostedRiskModel exportBoosting(
      List<String> features, GradientTreeBoost boost, BoostingOptions options, double[] anyRow) {
    List<TreeNodes> trees = new ArrayList<>();
    for (RegressionTree tree : boost.trees()) {
      trees.add(export(tree, tree.schema()));
    }
    // Smile does not expose its initial value; recover it from one prediction:
    // f = 0.5 * logit(p) = intercept + shrinkage * sum(trees).
    BoostedRiskModel withoutIntercept = new BoostedRiskModel(features, 0, options.shrinkage(), trees);
    double[] posteriori = new double[2];
    boost.predict(tuple(anyRow, boost.schema()), posteriori);
    double f = 0.5 * Math.log(posteriori[1] / posteriori[0]);
    return new BoostedRiskModel(features, f - withoutIntercept.halfLogOdds(anyRow), options.shrinkage(), trees);
  }

  static DataFrame frame(List<String> features, double[][] x, int[] y) {
    if (x.length != y.length || x.length == 0) {
      throw new IllegalArgumentException("need as many labels as rows, and at least one row");
    }
    return DataFrame.of(x, features.toArray(String[]::new)).merge(IntVector.of(RESPONSE, y));
  }

  static Tuple tuple(double[] row, StructType schema) {
    return Tuple.of(row, schema);
  }

  /** Flattens a Smile tree (with its predictor schema) into {@link TreeNodes}, depth first. */
  static TreeNodes export(CART tree, StructType schema) {
    List<Node> nodes = new ArrayList<>();
    List<int[]> children = new ArrayList<>();
    collect(tree.root(), nodes, children);
    int n = nodes.size();
    int[] feature = new int[n];
    double[] threshold = new double[n];
    int[] left = new int[n];
    int[] right = new int[n];
    double[] value = new double[n];
    for (int i = 0; i < n; i++) {
      Node node = nodes.get(i);
      if (node instanceof InternalNode internal) {
        feature[i] = internal.feature();
        threshold[i] = splitValue(internal, schema);
        left[i] = children.get(i)[0];
        right[i] = children.get(i)[1];
      } else {
        feature[i] = -1;
        threshold[i] = 0;
        left[i] = -1;
        right[i] = -1;
        value[i] = leafValue(node);
      }
    }
    return new TreeNodes(feature, threshold, left, right, value);
  }

  private static int collect(Node node, List<Node> nodes, List<int[]> children) {
    int index = nodes.size();
    nodes.add(node);
    int[] kids = {-1, -1};
    children.add(kids);
    if (node instanceof InternalNode internal) {
      kids[0] = collect(internal.trueChild(), nodes, children);
      kids[1] = collect(internal.falseChild(), nodes, children);
    }
    return index;
  }

  private static double leafValue(Node leaf) {
    if (leaf instanceof DecisionNode decision) {
      return decision.posteriori(new double[2])[1];
    }
    if (leaf instanceof RegressionNode regression) {
      return regression.output();
    }
    throw new IllegalStateException("unexpected Smile leaf " + leaf.getClass().getName());
  }

  /**
   * The split value of an ordinal node, found exactly from Smile's public {@code branch} test: the
   * largest double v with {@code branch(v)} true, by bisection over the ordered bit patterns of
   * doubles (at most 64 steps). Smile keeps the value itself private.
   */
  private static double splitValue(InternalNode node, StructType schema) {
    double[] row = new double[schema.length()];
    long lo = orderedBits(-Double.MAX_VALUE);
    long hi = orderedBits(Double.MAX_VALUE);
    row[node.feature()] = -Double.MAX_VALUE;
    if (!node.branch(tuple(row, schema))) {
      throw new IllegalStateException("Smile split on feature " + node.feature() + " is not an ordinal split");
    }
    while (lo < hi) {
      // Unsigned halving: hi - lo exceeds Long.MAX_VALUE.
      long mid = lo + ((hi - lo + 1) >>> 1);
      row[node.feature()] = fromOrderedBits(mid);
      if (node.branch(tuple(row, schema))) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return fromOrderedBits(lo);
  }

  private static long orderedBits(double d) {
    long bits = Double.doubleToLongBits(d);
    return bits >= 0 ? bits : bits ^ Long.MAX_VALUE;
  }

  private static double fromOrderedBits(long ordered) {
    return Double.longBitsToDouble(ordered >= 0 ? ordered : ordered ^ Long.MAX_VALUE);
  }
}
