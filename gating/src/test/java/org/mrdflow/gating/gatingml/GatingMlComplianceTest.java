package org.mrdflow.gating.gatingml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mrdflow.gating.ComplianceData;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.events.Sample;
import org.mrdflow.gating.method.GatingMethods;
import org.mrdflow.gating.strategy.GatingResult;
import org.mrdflow.gating.strategy.GatingStrategy;
import org.mrdflow.gating.strategy.PopulationResult;
import org.mrdflow.gating.strategy.StrategyEvaluator;

class GatingMlComplianceTest {
  private static final Sample DATA1 = ComplianceData.data1();

  static Stream<String> documents() {
    return ComplianceData.lines("gml-index.txt").stream();
  }

  /** The suite names the truth of ParRectangle1 (parent FL2P-FL4P) ParQuadRect. */
  private static String truthName(String populationId) {
    return populationId.equals("ParRectangle1") ? "ParQuadRect" : populationId;
  }

  private static GatingResult apply(GatingStrategy strategy) {
    return new StrategyEvaluator(strategy, GatingMethods.discover()).apply(DATA1);
  }

  @ParameterizedTest
  @MethodSource("documents")
  void everyGateOfTheDocumentMatchesItsTruthFileEventForEvent(String document) {
    GatingStrategy strategy = GatingMlReader.read(document,
        ComplianceData.open("gml/" + document));
    GatingResult result = apply(strategy);
    int checked = 0;
    for (PopulationResult population : result.populations()) {
      boolean[] truth = ComplianceData.truth(truthName(population.id()));
      if (truth == null) {
        continue;
      }
      assertThat(truth).hasSize(DATA1.events().eventCount());
      List<Integer> wrong = new ArrayList<>();
      for (int e = 0; e < truth.length; e++) {
        if (population.events().get(e) != truth[e]) {
          wrong.add(e);
        }
      }
      assertThat(wrong).as("events misclassified by %s in %s", population.id(), document)
          .isEmpty();
      checked++;
    }
    // Every document but the one holding only myEllipse2 (no truth file) is checked.
    assertThat(checked).as("gates with truth in %s", document)
        .isGreaterThan(document.equals("gml_ellipse2_gate.xml") ? -1 : 0);
  }

  @Test
  void everyGateOfTheCombinedDocumentHasATruthFileSoNoneGoesUnchecked() {
    GatingStrategy all = GatingMlReader.read("gml_all_gates.xml",
        ComplianceData.open("gml/gml_all_gates.xml"));
    long withTruth = all.populations().stream()
        .filter(p -> ComplianceData.truth(truthName(p.id())) != null).count();
    assertThat(all.populations()).hasSizeGreaterThan(40);
    assertThat(withTruth).isEqualTo(all.populations().size());
  }

  @ParameterizedTest
  @MethodSource("documents")
  void exportingAndReimportingGivesIdenticalMemberships(String document) {
    GatingStrategy strategy = GatingMlReader.read(document,
        ComplianceData.open("gml/" + document));
    GatingResult original = apply(strategy);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    GatingMlWriter.write(original, out);
    GatingStrategy reread = GatingMlReader.read("exported " + document,
        new ByteArrayInputStream(out.toByteArray()));
    GatingResult again = apply(reread);
    assertThat(again.populations()).hasSameSizeAs(original.populations());
    for (PopulationResult population : original.populations()) {
      EventMask before = population.events();
      assertThat(again.population(population.id()).events())
          .as("%s after export of %s", population.id(), document).isEqualTo(before);
    }
  }
}
