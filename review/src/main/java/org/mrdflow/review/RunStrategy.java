package org.mrdflow.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.mrdflow.gating.mrd.MrdAnalysisConfig;

/**
 * The MRD strategy a run applied, found from its provenance: the built-in strategy when the run
 * configured none, else the strategy file it names (relative to the run's config file).
 * {@code config} is null when that file cannot be read here any more.
 */
record RunStrategy(MrdAnalysisConfig config, String source) {

  static RunStrategy of(JsonNode provenance) {
    JsonNode configured = provenance.path("config").path("analysis").path("mrd_config");
    if (configured.isMissingNode() || configured.isNull()) {
      return new RunStrategy(MrdAnalysisConfig.defaults(), "the built-in strategy " + MrdAnalysisConfig.DEFAULT_STRATEGY);
    }
    Path file = Path.of(configured.asText());
    String source = provenance.path("config").path("source").asText("");
    if (!file.isAbsolute() && !source.isEmpty() && Path.of(source).getParent() != null) {
      file = Path.of(source).getParent().resolve(file);
    }
    try {
      return new RunStrategy(MrdAnalysisConfig.load(file), "the run's strategy " + file.getFileName());
    } catch (RuntimeException e) {
      return new RunStrategy(null, "the run's strategy " + file.getFileName() + ", not readable here");
    }
  }
}
