package org.mrdflow.gating.mrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.gating.events.Channel;
import org.mrdflow.gating.events.EventTable;
import org.mrdflow.gating.panel.PanelException;

class MrdAnalysisTest {
  private final MrdAnalysis analysis = new MrdAnalysis(MrdAnalysisConfig.defaults());

  @Test
  void theBundledStrategyCarriesTheDomainDefaults() {
    MrdAnalysisConfig config = analysis.config();
    assertThat(config.strategyId()).isEqualTo("b-all-mrd-v1");
    assertThat(config.rules()).isEqualTo(MrdRules.DEFAULTS);
    assertThat(config.strategySha256()).hasSize(64);
    assertThat(config.panel().hasMarker("CD19")).isTrue();
  }

  @Test
  void aMissingMarkerIsATypedErrorListingWhatIsMissingAndWhatWasFound() {
    List<Channel> channels = new ArrayList<>(List.of(new Channel("FS-A", ""),
        new Channel("FS-H", ""), new Channel("SS-A", ""), new Channel("FL1-A", "CD20 FITC"),
        new Channel("FL2-A", "CD34 PE"), new Channel("FL3-A", "CD10 ECD"),
        new Channel("FL4-A", "CD19 PC5.5"), new Channel("FL6-A", "CD45 APC")));
    float[][] columns = new float[channels.size()][10];
    EventTable table = new EventTable(channels, columns);
    assertThatThrownBy(() -> analysis.analyze(table, Optional.empty(), Map.of(), "s.fcs"))
        .isInstanceOf(PanelException.class)
        .hasMessageContaining("CD38")
        .hasMessageContaining("FL4-A [CD19 PC5.5]");
  }

  @Test
  void beckmanAndBdNamingStylesResolveToTheSameMarkers() {
    EventTable navios = new EventTable(List.of(new Channel("FS-A", ""), new Channel("FS-H", ""),
        new Channel("SS-A", ""), new Channel("TIME", ""), new Channel("FL5-A", "CD38 PC7")),
        new float[5][1]);
    EventTable canto = new EventTable(List.of(new Channel("FSC-A", ""),
        new Channel("FSC-H", ""), new Channel("SSC-A", ""), new Channel("Time", ""),
        new Channel("PerCP-Cy5-5-A", "CD38")), new float[5][1]);
    List<String> wanted = List.of("FSC-A", "FSC-H", "SSC-A", "Time", "CD38");
    assertThat(analysis.config().panel().resolve(navios, wanted))
        .containsEntry("FSC-A", "FS-A").containsEntry("FSC-H", "FS-H")
        .containsEntry("SSC-A", "SS-A").containsEntry("Time", "TIME")
        .containsEntry("CD38", "FL5-A");
    assertThat(analysis.config().panel().resolve(canto, wanted)).containsEntry("CD38",
        "PerCP-Cy5-5-A").containsEntry("Time", "Time");
  }
}
