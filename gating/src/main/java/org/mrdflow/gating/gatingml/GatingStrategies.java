package org.mrdflow.gating.gatingml;

import java.nio.file.Path;
import java.util.Locale;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.strategy.GatingStrategy;
import org.mrdflow.gating.strategy.StrategyYaml;

/** Reads a gating strategy from either of its file forms, chosen by extension. */
public final class GatingStrategies {
  private GatingStrategies() {}

  /** {@code .xml}: Gating-ML 2.0; {@code .yaml} / {@code .yml}: MRDFlow's YAML form. */
  public static GatingStrategy read(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".xml")) {
      return GatingMlReader.read(file);
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return StrategyYaml.read(file);
    }
    throw new GatingException(file + ": a gating strategy is a Gating-ML .xml or a .yaml file");
  }
}
