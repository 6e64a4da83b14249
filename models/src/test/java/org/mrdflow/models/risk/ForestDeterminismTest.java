package org.mrdflow.models.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import smile.math.MathEx;

/**
 * The same data, weights and seed give the same forest in a fresh JVM: a child process fits it and
 * prints every tree (the saved JSON, doubles in round-trip form) and its predictions; this process
 * fits it after disturbing Smile's generator and must print the same text.
 */
class ForestDeterminismTest {

  static final long SEED = 2020;

  /** The forest's JSON and its predictions of fresh rows as exact bit patterns. */
  static String fitAndDescribe(long seed) {
    double[][] x = SmileTrainersTest.rows(150, 41);
    int[] y = SmileTrainersTest.labels(x, 42);
    SplittableRandom r = new SplittableRandom(43);
    double[] w = new double[x.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = 1 + r.nextDouble();
    }
    RiskModel forest = SmileTrainers.randomForest(new SmileTrainers.ForestOptions(60, 20, 5, seed))
        .fit(SmileTrainersTest.FEATURES, x, y, w);
    StringBuilder s = new StringBuilder(RiskModelFile.of(forest, RiskSettings.defaults(), x).toJson());
    for (double p : forest.probabilities(SmileTrainersTest.rows(50, 44))) {
      s.append('\n').append(Long.toHexString(Double.doubleToRawLongBits(p)));
    }
    return s.toString();
  }

  /** Child-process entry point: prints {@link #fitAndDescribe} for the seed in args[0]. */
  public static void main(String[] args) {
    System.out.print(fitAndDescribe(Long.parseLong(args[0])));
    System.out.flush();
  }

  @Test
  void aFreshProcessGrowsIdenticalTreesAndPredictions() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        ForestDeterminismTest.class.getName(), Long.toString(SEED)));
    Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = child.getInputStream().readAllBytes();
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isZero();
    String fromChild = new String(out, StandardCharsets.UTF_8);

    // disturb this JVM's Smile generator, seeds 0 and 1 included (Smile ignores those), and grow another forest first
    MathEx.setSeed(1);
    for (int i = 0; i < 1000; i++) {
      MathEx.random();
    }
    fitAndDescribe(7);
    String here = fitAndDescribe(SEED);

    assertThat(fromChild).startsWith("{").contains("\"kind\" : \"random_forest\"");
    assertThat(here).isEqualTo(fromChild);
    assertThat(fitAndDescribe(SEED + 1)).isNotEqualTo(here);
  }
}
