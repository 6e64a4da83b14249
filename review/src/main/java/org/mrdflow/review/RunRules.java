package org.mrdflow.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.mrdflow.gating.mrd.MrdAnalysisConfig;
import org.mrdflow.gating.mrd.MrdRules;

/**
 * The reporting rules a run applied (MRD threshold, CAR-T eligibility share, aplasia cut-off),
 * found from its provenance: the built-in strategy's when the run configured none, else the
 * strategy file it names. {@code rules} is null when that file cannot be read here any more.
 */
record RunRules(MrdRules rules, String source) {

  static RunRules of(JsonNode provenance) {
    JsonNode configured = provenance.path("config").path("analysis").path("mrd_config");
    if (configured.isMissingNode() || configured.isNull()) {
      return new RunRules(MrdAnalysisConfig.defaults().rules(), "the built-in strategy " + MrdAnalysisConfig.DEFAULT_STRATEGY);
    }
    Path file = Path.of(configured.asText());
    String source = provenance.path("config").path("source").asText("");
    if (!file.isAbsolute() && !source.isEmpty() && Path.of(source).getParent() != null) {
      file = Path.of(source).getParent().resolve(file);
    }
    try {
      return new RunRules(MrdAnalysisConfig.load(file).rules(), "the run's strategy " + file.getFileName());
    } catch (RuntimeException e) {
      return new RunRules(null, "the run's strategy " + file.getFileName() + ", not readable here");
    }
  }
}
