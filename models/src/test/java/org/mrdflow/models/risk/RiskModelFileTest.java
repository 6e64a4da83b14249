package org.mrdflow.models.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class RiskModelFileTest {

  @TempDir Path dir;

  static Stream<Arguments> trainers() {
    return Stream.of(
        Arguments.of("logistic_regression", SmileTrainers.logistic(SmileTrainers.LogisticOptions.defaults())),
        Arguments.of("random_forest", SmileTrainers.randomForest(new SmileTrainers.ForestOptions(30, 20, 5, 1))),
        Arguments.of("gradient_boosting", SmileTrainers.gradientBoosting(SmileTrainers.BoostingOptions.defaults(1))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trainers")
  void aSavedModelReloadsAndPredictsNewRowsIdentically(String kind, RiskTrainer trainer) throws IOException {
    double[][] x = SmileTrainersTest.rows(250, 11);
    RiskModel model = trainer.fit(SmileTrainersTest.FEATURES, x, SmileTrainersTest.labels(x, 12));
    Path file = dir.resolve(kind + ".json");
    RiskModelFile.of(model, RiskSettings.defaults(), x).write(file);

    RiskModelFile loaded = RiskModelFile.read(file);
    assertThat(Files.readString(file)).contains("\"kind\" : \"" + kind + "\"", "\"format\" : \"mrdflow-risk-model\"");
    assertThat(loaded.landmarkDays()).isEqualTo(90);
    assertThat(loaded.horizonDays()).isEqualTo(730);
    assertThat(loaded.model().features()).isEqualTo(SmileTrainersTest.FEATURES);
    double[][] fresh = SmileTrainersTest.rows(100, 13);
    assertThat(loaded.model().probabilities(fresh)).containsExactly(model.probabilities(fresh));
  }

  @Test
  void aFileThatIsNotAModelIsNamedInTheError() throws IOException {
    Path file = dir.resolve("other.json");
    Files.writeString(file, "{\"format\": \"something-else\", \"version\": 1}");
    assertThatThrownBy(() -> RiskModelFile.read(file))
        .isInstanceOf(InvalidRiskModelException.class)
        .hasMessageStartingWith(file + ": expected format mrdflow-risk-model version 1");
    Files.writeString(file, "[1, 2");
    assertThatThrownBy(() -> RiskModelFile.read(file))
        .isInstanceOf(InvalidRiskModelException.class)
        .hasMessageStartingWith(file + ": not a risk model file");
  }

  /** A saved forest edited so that one tree splits on feature index 7 of a 3-feature model. */
  @Test
  void aTreeSplittingOnAFeatureOutsideTheModelIsRefusedAtLoad() throws IOException {
    double[][] x = SmileTrainersTest.rows(120, 14);
    RiskModel model = SmileTrainers.randomForest(new SmileTrainers.ForestOptions(3, 20, 5, 2))
        .fit(SmileTrainersTest.FEATURES, x, SmileTrainersTest.labels(x, 15));
    String json = RiskModelFile.of(model, RiskSettings.defaults(), x).toJson();
    // the first feature list of a tree starts with its root's split feature, 0, 1 or 2
    String broken = json.replaceFirst("\"feature\" : \\[ [0-2]", "\"feature\" : [ 7");
    assertThat(broken).isNotEqualTo(json);
    Path file = dir.resolve("broken.json");
    Files.writeString(file, broken);
    assertThatThrownBy(() -> RiskModelFile.read(file))
        .isInstanceOf(InvalidRiskModelException.class)
        .hasMessageContaining("tree 0: tree node 0 splits on feature index 7, but the model has 3 features");
  }

  @Test
  void featureRangesAreSavedAndMustMatchTheFeatures() throws IOException {
    double[][] x = {{20, -6, 0}, {60, -2, 1}, {40, -4, 1}};
    RiskModel model = SmileTrainers.logistic(SmileTrainers.LogisticOptions.defaults())
        .fit(SmileTrainersTest.FEATURES, x, new int[] {0, 1, 1});
    Path file = dir.resolve("ranged.json");
    RiskModelFile.of(model, RiskSettings.defaults(), x).write(file);
    assertThat(RiskModelFile.read(file).featureRanges()).containsExactly(
        new FeatureRange("age_years", 20, 60, true), new FeatureRange("mrd_log10", -6, -2, true),
        new FeatureRange("male", 0, 1, true));
    Files.writeString(file, Files.readString(file).replace("\"feature\" : \"male\"", "\"feature\" : \"female\""));
    assertThatThrownBy(() -> RiskModelFile.read(file))
        .isInstanceOf(InvalidRiskModelException.class)
        .hasMessageContaining("feature_ranges [age_years, mrd_log10, female] do not match the model's features");
  }

  @Test
  void aValueIsCheckedAgainstTheTrainingRangeWithItsMargin() {
    FeatureRange age = new FeatureRange("age_years", 18, 68, true);
    // width 50, margin 10% = 5 either side
    assertThat(age.check(13)).isNull();
    assertThat(age.check(73)).isNull();
    assertThat(age.check(12.9)).isEqualTo(InputProblem.OUT_OF_RANGE);
    assertThat(age.check(-5)).isEqualTo(InputProblem.OUT_OF_RANGE);
    assertThat(age.check(1000)).isEqualTo(InputProblem.OUT_OF_RANGE);
    assertThat(age.check(40.5)).isEqualTo(InputProblem.NOT_A_WHOLE_NUMBER);
    assertThat(age.check(Double.NaN)).isEqualTo(InputProblem.NON_FINITE);
    assertThat(age.check(Double.POSITIVE_INFINITY)).isEqualTo(InputProblem.NON_FINITE);
    FeatureRange male = new FeatureRange("male", 0, 1, true);
    assertThat(male.check(7)).isEqualTo(InputProblem.OUT_OF_RANGE);
    assertThat(new FeatureRange("mrd", -6, -1.5, false).check(-1.2)).isNull();
  }
}
