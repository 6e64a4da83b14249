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
        Arguments.of("gradient_boosting", SmileTrainers.gradientBoosting(SmileTrainers.BoostingOptions.defaults())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trainers")
  void aSavedModelReloadsAndPredictsNewRowsIdentically(String kind, RiskTrainer trainer) throws IOException {
    double[][] x = SmileTrainersTest.rows(250, 11);
    RiskModel model = trainer.fit(SmileTrainersTest.FEATURES, x, SmileTrainersTest.labels(x, 12));
    Path file = dir.resolve(kind + ".json");
    RiskModelFile.of(model, RiskSettings.defaults()).write(file);

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
}
