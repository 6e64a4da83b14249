package org.mrdflow.models.risk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A saved risk model: portable JSON, format documented in models/README.md ("Saved model format").
 *
 * @param format always {@link #FORMAT}
 * @param version format version, {@link #VERSION}
 * @param landmarkDays the landmark the features are measured at
 * @param horizonDays the relapse horizon after the landmark
 * @param model the model; its {@code kind} names the type
 * @param featureRanges the training range of each model feature, in the model's feature order
 *     (version 2; null in a version-1 file, whose rows then get no range check)
 */
public record RiskModelFile(
    String format, int version, int landmarkDays, int horizonDays, RiskModel model, List<FeatureRange> featureRanges) {

  public static final String FORMAT = "mrdflow-risk-model";
  /** Version 2 added {@code feature_ranges}; version 1 files are still read. */
  public static final int VERSION = 2;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /** A model with the feature ranges of its training rows {@code x} (columns in the model's feature order). */
  public static RiskModelFile of(RiskModel model, RiskSettings settings, double[][] x) {
    return new RiskModelFile(FORMAT, VERSION, settings.landmarkDays(), settings.horizonDays(), model,
        FeatureRange.of(model.features(), x));
  }

  public void write(Path path) throws IOException {
    Files.writeString(path, toJson());
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("risk model could not be written as JSON", e);
    }
  }

  /** Reads a saved model; a file that is not one gives an {@link InvalidRiskModelException}. */
  public static RiskModelFile read(Path path) throws IOException {
    return parse(Files.readString(path), path.toString());
  }

  static RiskModelFile parse(String json, String source) {
    RiskModelFile file;
    try {
      file = JSON.readValue(json, RiskModelFile.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new InvalidRiskModelException(source + ": not a risk model file: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    if (!FORMAT.equals(file.format()) || (file.version() != 1 && file.version() != VERSION) || file.model() == null) {
      throw new InvalidRiskModelException(
          source + ": expected format " + FORMAT + " version 1 or " + VERSION + " with a model, got "
              + file.format() + " version " + file.version());
    }
    if (file.version() == VERSION) {
      List<String> ranged = file.featureRanges() == null ? null : file.featureRanges().stream().map(FeatureRange::feature).toList();
      if (!file.model().features().equals(ranged)) {
        throw new InvalidRiskModelException(source + ": feature_ranges " + ranged + " do not match the model's features "
            + file.model().features());
      }
    }
    return file;
  }
}
