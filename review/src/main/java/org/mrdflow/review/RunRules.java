package org.mrdflow.review;

import com.fasterxml.jackson.databind.JsonNode;
import org.mrdflow.gating.mrd.MrdRules;

/**
 * The reporting rules a run applied (MRD threshold, CAR-T eligibility share, aplasia cut-off):
 * those of its strategy ({@link RunStrategy}). {@code rules} is null when the strategy file
 * cannot be read here any more.
 */
record RunRules(MrdRules rules, String source) {

  static RunRules of(JsonNode provenance) {
    RunStrategy strategy = RunStrategy.of(provenance);
    return new RunRules(strategy.config() == null ? null : strategy.config().rules(), strategy.source());
  }
}
