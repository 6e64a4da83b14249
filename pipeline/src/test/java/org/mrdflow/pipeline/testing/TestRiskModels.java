package org.mrdflow.pipeline.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mrdflow.models.risk.RiskModel;
import org.mrdflow.models.risk.RiskModelFile;
import org.mrdflow.models.risk.RiskSettings;
import org.mrdflow.models.risk.SmileTrainers;

/** Saved risk models for the predict-risk tests (pipeline and cli). */
public final class TestRiskModels {
  /** The features of both models, in order. */
  public static final List<String> FEATURES = List.of("age_years", "male", "mrd_peak_log10");

  private TestRiskModels() {}

  /**
   * A logistic model trained on ages 20-70 (accepted 15-75), male 0/1, MRD -6 to -1 (accepted -6.5
   * to -0.5), saved to {@code file}.
   */
  public static Path logistic(Path file) throws IOException {
    double[][] x = new double[60][];
    int[] y = new int[60];
    for (int i = 0; i < 60; i++) {
      x[i] = new double[] {20 + (i * 50) / 59, i % 2, -6 + 5.0 * i / 59};
      y[i] = i % 3 == 0 || i > 45 ? 1 : 0;
    }
    RiskModel fitted = SmileTrainers.logistic(SmileTrainers.LogisticOptions.defaults()).fit(FEATURES, x, y);
    RiskModelFile.of(fitted, RiskSettings.defaults(), x).write(file);
    return file;
  }

  /** A random forest whose first tree's root splits on feature index 9 of 3: a broken model file. */
  public static Path forestSplittingOnFeatureNine(Path file) throws IOException {
    double[][] x = new double[40][];
    int[] y = new int[40];
    for (int i = 0; i < 40; i++) {
      x[i] = new double[] {20 + i, i % 2, -6 + i / 8.0};
      y[i] = i > 25 ? 1 : 0;
    }
    String json = RiskModelFile.of(SmileTrainers.randomForest(new SmileTrainers.ForestOptions(2, 20, 5, 3))
        .fit(FEATURES, x, y), RiskSettings.defaults(), x).toJson();
    Files.writeString(file, json.replaceFirst("\"feature\" : \\[ [0-2]", "\"feature\" : [ 9"));
    return file;
  }
}
