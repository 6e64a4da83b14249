package org.mrdflow.gating.mrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.gate.MethodGate;
import org.mrdflow.gating.gate.RectangleGate;
import org.mrdflow.gating.method.GatingMethods;
import org.mrdflow.gating.strategy.GatingStrategy;
import org.mrdflow.gating.strategy.StrategyValidationException;

class MrdAnalysisConfigTest {

  @Test
  void theBundledStrategyIsAnEngineStrategyOfMrdMethodsFoundByName() {
    MrdAnalysisConfig config = MrdAnalysisConfig.defaults();
    GatingStrategy strategy = config.strategy();
    assertThat(strategy.path("blasts")).isEqualTo("/time-ok/cells/nucleated/ssc-low/blasts");
    assertThat(strategy.path("hematogones"))
        .isEqualTo("/time-ok/cells/nucleated/ssc-low/cd19-positive/b-lineage/normal-b/hematogones");
    assertThat(strategy.populations()).filteredOn(p -> p.gate() instanceof MethodGate)
        .allSatisfy(p -> assertThat(GatingMethods.discover()
            .find(((MethodGate) p.gate()).method())).isPresent());
    assertThat(GatingMethods.discover().names()).contains("mrd-time-qc", "mrd-debris-valley",
        "mrd-singlets", "mrd-ssc-low", "mrd-progenitors", "mrd-blast-seeds", "mrd-blast-cluster",
        "mrd-pro-b-blasts", "mrd-cd19-subclones", "mrd-stem-like");
  }

  @Test
  void perSampleTheScaleTakesEachChannelsRangeAndWithoutATimeChannelTheTimeQcKeepsAll() {
    MrdAnalysisConfig config = MrdAnalysisConfig.defaults();
    GatingStrategy canto = config.forSample(Map.of("CD19", 262144.0, "CD10", 1048576.0),
        new MrdAnalysisConfig.Layout("FSC-A", "SSC-A", config.singletPairs().get(0), false, false,
            Double.POSITIVE_INFINITY));
    RectangleGate time = (RectangleGate) canto.population("time-ok").orElseThrow().gate();
    MethodGate lymphocytes = (MethodGate) canto.population("progenitors").orElseThrow().gate();
    // Every event: a range of FSC-A open on both sides.
    assertThat(time.dimensions()).extracting(d -> d.parameter()).containsExactly("FSC-A");
    assertThat(time.min()).containsExactly(Double.NEGATIVE_INFINITY);
    assertThat(time.max()).containsExactly(Double.POSITIVE_INFINITY);
    assertThat(lymphocytes.dimensions()).extracting(d -> d.parameter() + "@" + d.transform())
        .contains("CD19@fl-T262144.0", "CD10@fl-T1048576.0", "CD34@fl-T262144.0");
    assertThat(canto.transforms().get("fl-T1048576.0").apply(1048576.0)).isEqualTo(1.0);
  }

  @Test
  void aStrategyWrittenBeforeSingletPairsKeepsItsOneFscAreaHeightPair(@TempDir Path dir)
      throws IOException {
    Path strategy = copyBundled(dir).replace("\nsinglet_pairs:\n"
        + "  - {area: FSC-A, pulse: FSC-H, ratio: fsc-a-per-fsc-h}\n"
        + "  - {area: FSC-A, pulse: FSC-W, transform: scatter-log}\n"
        + "  - {area: SSC-A, pulse: SSC-H, ratio: ssc-a-per-ssc-h}\n"
        + "  - {area: SSC-A, pulse: SSC-W, transform: scatter-log}\n", "\n").write();
    assertThat(Files.readString(strategy)).doesNotContain("singlet_pairs:");
    assertThat(MrdAnalysisConfig.load(strategy).singletPairs()).containsExactly(
        new MrdAnalysisConfig.SingletPair("FSC-A", "FSC-H", "fsc-a-per-fsc-h", null));
  }

  @Test
  void aMistypedMethodArgumentIsRejectedBeforeAnyDataIsReadNamingThePopulation(
      @TempDir Path dir) throws IOException {
    Path strategy = copyBundled(dir).replace("args: {spreads: 4.0}}\n  - name: dna-positive",
        "args: {spreads: four}}\n  - name: dna-positive").write();
    assertThatThrownBy(() -> MrdAnalysisConfig.load(strategy))
        .isInstanceOf(StrategyValidationException.class)
        .hasMessageContaining("singlets").hasMessageContaining("spreads");
  }

  @Test
  void aStrategyWithoutAPopulationTheMrdResultNeedsIsRejectedNamingIt(@TempDir Path dir)
      throws IOException {
    Path strategy = copyBundled(dir).replace("name: stem-like", "name: stem-cells").write();
    assertThatThrownBy(() -> MrdAnalysisConfig.load(strategy))
        .isInstanceOf(GatingException.class).hasMessageContaining("[stem-like]");
  }

  /** The bundled strategy, panel and lab matrices copied to conf-like folders, to be edited. */
  private static Document copyBundled(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("gating"));
    Files.createDirectories(dir.resolve("panels"));
    Files.createDirectories(dir.resolve("compensation"));
    Files.writeString(dir.resolve("panels/b-all-6color.yaml"),
        resource("/conf/panels/b-all-6color.yaml"));
    Files.writeString(dir.resolve("compensation/lab-matrices.yaml"),
        resource("/conf/compensation/lab-matrices.yaml"));
    return new Document(dir.resolve("gating/b-all-mrd.yaml"),
        resource("/conf/gating/b-all-mrd.yaml"));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = MrdAnalysisConfigTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private record Document(Path path, String text) {
    Document replace(String from, String to) {
      assertThat(text).contains(from);
      return new Document(path, text.replace(from, to));
    }

    Path write() throws IOException {
      return Files.writeString(path, text);
    }
  }
}
