package org.mrdflow.gating.mrd;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.mrdflow.fcs.FcsDataset;
import org.mrdflow.fcs.FcsFile;
import org.mrdflow.gating.ComplianceData;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.events.FcsEvents;
import org.mrdflow.gating.events.Sample;
import org.mrdflow.gating.method.GatingMethods;
import org.mrdflow.gating.strategy.GatingResult;
import org.mrdflow.gating.strategy.GatingStrategy;
import org.mrdflow.gating.strategy.StrategyEvaluator;
import org.mrdflow.gating.strategy.StrategyYaml;

/**
 * Fuzzes YAML gating strategies both ways users hand them to MRDFlow: as a strategy for
 * {@code mrdflow gate} (parsed, validated and applied to the compliance file data1.fcs) and as an
 * MRD strategy ({@code analysis.mrd_config}: rules, panel, checks, then the MRD analysis of a
 * small mrdsim marrow). Each input is applied or refused with a typed {@link
 * GatingException}. The panel of an MRD strategy is resolved on the classpath (the bundled
 * form), so no input reaches the file system. Seeds: the strategies of {@code conf/gating} and
 * one with every gate, transform and method kind on data1's channels; {@code JAZZER_FUZZ=1}
 * fuzzes (gating README, "Fuzzing").
 */
class StrategyYamlFuzzTest {
  private static final String SOURCE = "fuzz-input.yaml";
  private static final Sample DATA1 = ComplianceData.data1();
  private static final FcsDataset MARROW = smallMarrow();
  private static final GatingMethods METHODS = GatingMethods.discover();

  /** A small mrdsim Canto marrow (1,000 nucleated cells, 2% blasts; PROVENANCE.md), decoded once. */
  private static FcsDataset smallMarrow() {
    try (InputStream in = StrategyYamlFuzzTest.class.getResourceAsStream(
        "StrategyYamlFuzzTestInputs/marrow-canto-mrdsim.fcs")) {
      return FcsFile.read(in.readAllBytes(), "marrow.fcs", FcsEvents.SCALE).first().decodeAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "30m")
  void yaml_strategy_is_applied_or_refused_with_a_typed_error(byte[] input) {
    try {
      GatingStrategy strategy = StrategyYaml.parse(SOURCE, new ByteArrayInputStream(input), null);
      GatingResult result = new StrategyEvaluator(strategy, METHODS).apply(DATA1);
      assertThat(result.eventCount()).isEqualTo(DATA1.events().eventCount());
    } catch (GatingException refused) {
      // Names the document, or the sample when the data lacks what a valid document asks for.
      assertThat(refused.getMessage()).containsAnyOf(SOURCE, "data1.fcs");
    }
    try {
      MrdAnalysisConfig config = MrdAnalysisConfig.parse(SOURCE, input, null);
      MrdResult result = new MrdAnalysis(config).analyze(MARROW, "marrow.fcs");
      assertThat(result.blastEvents()).isBetween(0L, result.nucleatedEvents());
    } catch (GatingException refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }
}
