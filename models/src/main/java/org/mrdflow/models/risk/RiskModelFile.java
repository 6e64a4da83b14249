package org.mrdflow.models.risk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A saved risk model: portable JSON, format documented in models/README.md ("Saved model format").
 *
 * @param format always {@link #FORMAT}
 * @param version format version, {@link #VERSION}
 * @param landmarkDays the landmark the features are measured at
 * @param horizonDays the relapse horizon after the landmark
 * @param model the model; its {@code kind} names the type
 */
public record RiskModelFile(String format, int version, int landmarkDays, int horizonDays, RiskModel model) {

  public static final String FORMAT = "mrdflow-risk-model";
  public static final int VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  public static RiskModelFile of(RiskModel model, RiskSettings settings) {
    return new RiskModelFile(FORMAT, VERSION, settings.landmarkDays(), settings.horizonDays(), model);
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
    if (!FORMAT.equals(file.format()) || file.version() != VERSION || file.model() == null) {
      throw new InvalidRiskModelException(
          source + ": expected format " + FORMAT + " version " + VERSION + " with a model, got "
              + file.format() + " version " + file.version());
    }
    return file;
  }
}
