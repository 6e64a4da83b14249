package org.mrdflow.models.risk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import smile.base.cart.CART;
import smile.base.cart.DecisionNode;
import smile.base.cart.InternalNode;
import smile.base.cart.Node;
import smile.base.cart.RegressionNode;
import smile.base.cart.SplitRule;
import smile.classification.DecisionTree;
import smile.classification.GradientTreeBoost;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.StructField;
import smile.data.type.StructType;
import smile.data.vector.IntVector;
import smile.math.MathEx;
import smile.regression.RegressionTree;

/**
 * Fits Smile 3.1.1 classifiers and exports them into the portable {@link RiskModel}s. Every fit
 * takes case weights (the IPCW weights of a censored outcome). Every source of randomness is an
 * explicit seed: the forest gets one seed per tree; gradient boosting runs without subsampling
 * because Smile 3.1.1 would draw the subsample from its global generator.
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

  /**
   * Random forest (Breiman 2001) with Gini splits and bootstrap samples.
   *
   * @param seed the seed of the per-tree seeds
   */
  public record ForestOptions(int trees, int maxDepth, int nodeSize, long seed) {
    public static ForestOptions defaults(long seed) {
      return new ForestOptions(300, 20, 5, seed);
    }
  }

  /**
   * Gradient tree boosting (Friedman 2001) with small trees and shrinkage.
   *
   * @param seed seed of the weighted resample when the case weights differ (unused otherwise)
   */
  public record BoostingOptions(int trees, int maxDepth, int maxNodes, int nodeSize, double shrinkage, long seed) {
    public static BoostingOptions defaults(long seed) {
      return new BoostingOptions(100, 3, 6, 5, 0.05, seed);
    }
  }

  /**
   * L2-penalized weighted logistic regression on standardized features: minimizes
   * -sum_i w_i loglik_i + lambda/2 sum_j beta_j^2 (intercept not penalized), Smile 3.1.1's
   * {@code LogisticRegression.binomial} objective with case weights, which Smile does not take.
   * Solved by Newton-Raphson with step halving ({@link WeightedLogistic}).
   */
  public static RiskTrainer logistic(LogisticOptions options) {
    return (features, x, y, w) -> {
      int p = features.size();
      double[] center = new double[p];
      double[] scale = new double[p];
      // Weighted mean and variance (the sample variance for unit weights): rows of weight 0 have no say.
      double total = Arrays.stream(w).sum();
      long positive = Arrays.stream(w).filter(v -> v > 0).count();
      for (int j = 0; j < p; j++) {
        double mean = 0;
        for (int i = 0; i < x.length; i++) {
          mean += w[i] * x[i][j] / total;
        }
        double var = 0;
        for (int i = 0; i < x.length; i++) {
          var += w[i] * (x[i][j] - mean) * (x[i][j] - mean);
        }
        var = var / total * positive / Math.max(1, positive - 1);
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
      double[] beta = WeightedLogistic.fit(z, y, w, options.lambda());
      return new LogisticRiskModel(features, center, scale, beta[p], Arrays.copyOf(beta, p));
    };
  }

  public static RiskTrainer randomForest(ForestOptions options) {
    // Rows of weight 0 are left out first: they are never drawn into a bootstrap sample, but
    // Smile's tree growth still depends on how many rows the data frame holds.
    return (features, x, y, w) -> {
      int[] kept = IntStream.range(0, w.length).filter(i -> w[i] > 0).toArray();
      return exportForest(features, fitForest(features, Arrays.stream(kept).mapToObj(i -> x[i]).toArray(double[][]::new),
          Arrays.stream(kept).map(i -> y[i]).toArray(), Arrays.stream(kept).mapToDouble(i -> w[i]).toArray(), options));
    };
  }

  /**
   * Per-tree seeds, drawn from [2, Long.MAX_VALUE): Smile 3.1.1 reseeds its generator with a tree's
   * seed only when the seed is greater than 1, and a tree grown from an unset generator would
   * depend on whatever ran before it in the thread.
   */
  static long[] treeSeeds(ForestOptions options) {
    return new SplittableRandom(options.seed()).longs(options.trees(), 2, Long.MAX_VALUE).toArray();
  }

  /**
   * Grows the forest one Smile {@link DecisionTree} at a time on the calling thread: before each
   * tree, Smile's generator (which draws the mtry candidate features of each split) is seeded with
   * the tree's seed, and the tree's bootstrap sample (n draws with replacement, each row with
   * probability proportional to its weight: IPCW bagging, Vock et al. 2016) comes from a generator
   * of the same seed. Nothing depends on threads or on earlier calls, so the same data, weights and
   * seed give the same trees in any process. Smile's {@code RandomForest.fit} takes no case weights.
   */
  static List<DecisionTree> fitForest(List<String> features, double[][] x, int[] y, double[] w, ForestOptions options) {
    int mtry = Math.max(1, (int) Math.floor(Math.sqrt(features.size())));
    Formula formula = Formula.lhs(RESPONSE);
    DataFrame data = frame(features, x, y);
    DataFrame predictors = formula.x(data);
    StructField response = formula.y(data).field();
    int[][] order = CART.order(predictors);
    double[] cumulative = cumulative(w);
    List<DecisionTree> trees = new ArrayList<>(options.trees());
    for (long seed : treeSeeds(options)) {
      MathEx.setSeed(seed);
      int[] samples = new int[x.length];
      SplittableRandom draws = new SplittableRandom(seed);
      for (int k = 0; k < x.length; k++) {
        samples[draw(cumulative, draws)]++;
      }
      trees.add(new DecisionTree(predictors, y, response, 2, SplitRule.GINI, options.maxDepth(), Math.max(2, x.length),
          options.nodeSize(), mtry, samples, order));
    }
    return trees;
  }

  /** Every tree weighs 1: the forest's probability is the mean of its trees' leaf probabilities. */
  static ForestRiskModel exportForest(List<String> features, List<DecisionTree> forest) {
    List<TreeNodes> trees = new ArrayList<>();
    for (DecisionTree tree : forest) {
      trees.add(export(tree, tree.schema()));
    }
    double[] weights = new double[trees.size()];
    Arrays.fill(weights, 1);
    return new ForestRiskModel(features, trees, weights);
  }

  /**
   * Gradient boosting. Smile 3.1.1's {@code GradientTreeBoost} takes no case weights (and would
   * draw subsamples from its global generator, so it runs without subsampling): with unequal
   * weights it is fitted on one weighted resample of the rows (as many draws with replacement as
   * rows of positive weight, each row
   * with probability proportional to its weight, from the options' seed), whose expected loss is
   * the weighted loss; with equal weights on the rows themselves.
   */
  public static RiskTrainer gradientBoosting(BoostingOptions options) {
    return (features, x, y, w) -> {
      double[][] rx = x;
      int[] ry = y;
      if (Arrays.stream(w).distinct().count() > 1) {
        double[] cumulative = cumulative(w);
        SplittableRandom draws = new SplittableRandom(options.seed());
        int size = (int) Arrays.stream(w).filter(v -> v > 0).count();
        rx = new double[size][];
        ry = new int[size];
        for (int k = 0; k < size; k++) {
          int i = draw(cumulative, draws);
          rx[k] = x[i];
          ry[k] = y[i];
        }
      }
      return exportBoosting(features, fitBoosting(features, rx, ry, options), options, x[0]);
    };
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

  private static double[] cumulative(double[] w) {
    double[] c = new double[w.length];
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
        throw new IllegalArgumentException("case weight " + (i + 1) + " must be finite and >= 0, got " + w[i]);
      }
      sum += w[i];
      c[i] = sum;
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("case weights sum to " + sum);
    }
    return c;
  }

  /** A row drawn with probability proportional to its weight (inverse of the cumulative weights). */
  private static int draw(double[] cumulative, SplittableRandom random) {
    double u = random.nextDouble() * cumulative[cumulative.length - 1];
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
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
