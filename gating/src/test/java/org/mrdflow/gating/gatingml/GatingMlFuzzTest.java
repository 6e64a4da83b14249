package org.mrdflow.gating.gatingml;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.mrdflow.gating.ComplianceData;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.events.Sample;
import org.mrdflow.gating.method.GatingMethods;
import org.mrdflow.gating.strategy.GatingResult;
import org.mrdflow.gating.strategy.GatingStrategy;
import org.mrdflow.gating.strategy.StrategyEvaluator;

/**
 * Fuzzes Gating-ML 2.0 documents as {@code mrdflow gate --gatingml S.xml} takes them: read,
 * validate, apply to the compliance suite's data1.fcs and export. Each input is applied or
 * refused with a typed {@link GatingException} naming the document; an exported strategy reads
 * back. Seeds: the 47 compliance documents (copied beside the inputs, see the suite's
 * PROVENANCE); {@code JAZZER_FUZZ=1} fuzzes (gating README, "Fuzzing").
 */
class GatingMlFuzzTest {
  private static final String SOURCE = "fuzz-input.xml";
  private static final Sample DATA1 = ComplianceData.data1();
  private static final GatingMethods METHODS = GatingMethods.discover();

  @FuzzTest(maxDuration = "30m")
  void gatingml_is_applied_or_refused_with_a_typed_error(byte[] input) {
    GatingResult result;
    try {
      GatingStrategy strategy = GatingMlReader.read(SOURCE, new ByteArrayInputStream(input));
      result = new StrategyEvaluator(strategy, METHODS).apply(DATA1);
    } catch (GatingException refused) {
      // Names the document, or the sample when the data lacks what a valid document asks for.
      assertThat(refused.getMessage()).containsAnyOf(SOURCE, "data1.fcs");
      return;
    }
    assertThat(result.eventCount()).isEqualTo(DATA1.events().eventCount());
    ByteArrayOutputStream exported = new ByteArrayOutputStream();
    GatingMlWriter.write(result, exported);
    GatingStrategy reread = GatingMlReader.read("exported.xml",
        new ByteArrayInputStream(exported.toByteArray()));
    assertThat(reread.populations()).hasSameSizeAs(result.appliedStrategy().populations());
  }
}
