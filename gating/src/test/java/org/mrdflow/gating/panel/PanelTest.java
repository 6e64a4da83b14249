package org.mrdflow.gating.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mrdflow.gating.events.Channel;
import org.mrdflow.gating.events.EventTable;

class PanelTest {
  private static final Panel GENERIC = Panel.read(Path.of("../conf/panels/generic.yaml"));

  private static EventTable table(Channel... channels) {
    float[][] columns = new float[channels.length][0];
    return new EventTable(List.of(channels), columns);
  }

  @Test
  void markersAreFoundUnderTheNamesInstrumentsGiveThem() {
    EventTable bd = table(new Channel("FSC-A", ""), new Channel("PE-Cy7-A", "CD19 PE-Cy7"),
        new Channel("APC-A", "CD10-APC"), new Channel("FL5-A", "CD34"),
        new Channel("FL5-H", "CD34"), new Channel("Time", ""));
    assertThat(GENERIC.resolve(bd, List.of("CD19", "CD10", "CD34", "FSC-A", "Time")))
        .containsEntry("CD19", "PE-Cy7-A")
        .containsEntry("CD10", "APC-A")
        .containsEntry("CD34", "FL5-A")
        .containsEntry("FSC-A", "FSC-A")
        .containsEntry("Time", "Time");
    EventTable beckman = table(new Channel("FS INT", ""), new Channel("FL1 INT", "CD45"));
    assertThat(GENERIC.resolve(beckman, List.of("FSC-A", "CD45")))
        .containsEntry("FSC-A", "FS INT").containsEntry("CD45", "FL1 INT");
  }

  @Test
  void cd1DoesNotMatchCd10() {
    Panel panel = new Panel("p", java.util.Map.of("CD1", List.of()));
    assertThatThrownBy(() -> panel.resolve(table(new Channel("FL1-A", "CD10 FITC")),
        List.of("CD1"))).isInstanceOf(PanelException.class);
  }

  @Test
  void missingMarkersAreListedWithTheChannelsFound() {
    EventTable sample = table(new Channel("FSC-A", ""), new Channel("FL1-A", "CD45 FITC"));
    assertThatThrownBy(() -> GENERIC.resolve(sample, List.of("CD45", "CD19", "CD20")))
        .isInstanceOf(PanelException.class)
        .hasMessageContaining("CD19 (aliases [CD19, CD-19]) is missing")
        .hasMessageContaining("CD20 (aliases [CD20, CD-20]) is missing")
        .hasMessageContaining("Channels found: FSC-A, FL1-A [CD45 FITC]");
  }

  @Test
  void twoStainsOfOneMarkerAreAmbiguous() {
    EventTable sample = table(new Channel("FL1-A", "CD19 FITC"), new Channel("FL2-A", "CD19 PE"));
    assertThatThrownBy(() -> GENERIC.resolve(sample, List.of("CD19")))
        .hasMessageContaining("CD19 is ambiguous: FL1-A [CD19 FITC], FL2-A [CD19 PE]");
  }

  private static final Panel B_ALL = Panel.read(Path.of("../conf/panels/b-all-6color.yaml"));

  @Test
  void blueSideScatterIsPreferredToVioletAndVioletStandsInWhenItIsTheOnlyOne() {
    // CytoFLEX: SSC-A and "Violet SSC-A"; Aurora: SSC-A and SSC-B-A. Not ambiguous (panel
    // prefer_first_alias), the blue channel wins.
    EventTable cytoflex = table(new Channel("FSC-A", ""), new Channel("SSC-A", ""),
        new Channel("Violet SSC-A", ""), new Channel("SSC-H", ""), new Channel("Violet SSC-H", ""));
    assertThat(B_ALL.resolve(cytoflex, List.of("SSC-A", "SSC-H")))
        .containsEntry("SSC-A", "SSC-A").containsEntry("SSC-H", "SSC-H");
    EventTable aurora = table(new Channel("SSC-B-A", ""), new Channel("SSC-A", ""));
    assertThat(B_ALL.resolve(aurora, List.of("SSC-A"))).containsEntry("SSC-A", "SSC-A");
    EventTable violetOnly = table(new Channel("FSC-A", ""), new Channel("Violet SSC-A", ""));
    assertThat(B_ALL.resolve(violetOnly, List.of("SSC-A")))
        .containsEntry("SSC-A", "Violet SSC-A");
  }

  @Test
  void aFluorescenceMarkerOnTwoChannelsStaysAmbiguous() {
    EventTable twice = table(new Channel("PE-Cy7-A", "CD19 PE-Cy7"),
        new Channel("APC-A", "CD19-APC"));
    assertThatThrownBy(() -> B_ALL.resolve(twice, List.of("CD19")))
        .isInstanceOf(PanelException.class).hasMessageContaining("CD19 is ambiguous");
  }

  @Test
  void aFacsDivaTubeWithFscWidthSyto41AndAnEmptyDetectorResolvesEveryRole() {
    // The real KM1 tube's layout: Time first, FSC-A, FSC-W, SSC-A (no FSC-H), Syto 41 and an
    // unlabelled APC-Cy7-A, which carries no alias and is ignored.
    EventTable diva = table(new Channel("Time", ""), new Channel("FSC-A", ""),
        new Channel("FSC-W", ""), new Channel("SSC-A", ""), new Channel("FITC-A", "CD20"),
        new Channel("PacificBlue-A", "Syto 41"), new Channel("APC-Cy7-A", ""),
        new Channel("APC-A", "CD19"));
    assertThat(B_ALL.resolve(diva, List.of("FSC-A", "FSC-W", "SSC-A", "DNA", "CD19", "CD20")))
        .containsEntry("FSC-W", "FSC-W").containsEntry("DNA", "PacificBlue-A")
        .containsEntry("CD19", "APC-A");
    assertThat(B_ALL.resolveOptional(diva, "FSC-H")).isEmpty();
    EventTable draq5 = table(new Channel("PerCP-Cy5-5-A", "DRAQ5"), new Channel("V450-A", ""));
    assertThat(B_ALL.resolveOptional(draq5, "DNA")).contains("PerCP-Cy5-5-A");
  }
}
