package org.mrdflow.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mrdflow.fcs.FcsChannel;
import org.mrdflow.fcs.FcsDataset;
import org.mrdflow.fcs.FcsFile;
import org.mrdflow.fcs.SpilloverMatrix;
import org.mrdflow.gating.events.EventTable;

/**
 * Measures our simulator against the independent mrdsim: on the same instrument style, classic
 * blasts at 1e-2 must sit as far from stage I hematogones, and stage I as far from mature B, as
 * in mrdsim's file (same sign, within a factor 2.5), marker by marker, wherever mrdsim separates
 * them by at least one SD. Our simulator neither makes blasts trivially easy nor impossible.
 */
class MrdsimComparisonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Per-marker compensated values and labels of one file. */
  private record Labelled(Map<Marker, float[]> byMarker, byte[] labels) {}

  private static Labelled mrdsim(String stem) throws IOException {
    Path dir = SharedMrdsim.devDir();
    SimulationTruth truth = SimulationTruth.read(dir.resolve(stem + ".truth.json"));
    JsonNode markerToPnn = JSON.readTree(dir.resolve(stem + ".truth.json").toFile())
        .path("channels").path("marker_to_pnn");
    try (FcsFile file = FcsFile.open(dir.resolve(stem + ".fcs"))) {
      FcsDataset d = file.datasets().get(0).decodeAll();
      List<String> names = d.channels().stream().map(FcsChannel::name).toList();
      float[][] columns = new float[names.size()][];
      for (int c = 0; c < columns.length; c++) {
        columns[c] = d.floatColumn(c);
      }
      SpilloverMatrix spill = d.spillover().orElseThrow();
      EventTable comp = Cytometry.compensate(names, columns, spill.detectors(), spill.values());
      Map<Marker, float[]> byMarker = new EnumMap<>(Marker.class);
      for (Marker m : Marker.values()) {
        byMarker.put(m, comp.column(markerToPnn.path(m.name()).asText()));
      }
      return new Labelled(byMarker, truth.labels());
    }
  }

  private static Labelled ours(Instrument instrument) {
    SampleSpec spec =
        Scenario.CLASSIC.expand(new Scenario.Options(99, 200_000, 1, instrument, 1e-2)).get(0);
    SimulatedSample s = MarrowSimulator.simulate(spec);
    List<Instrument.Detector> detectors = instrument.detectors();
    EventTable comp = Cytometry.compensate(
        s.channels().stream().map(Instrument.Channel::name).toList(), s.columns(),
        detectors.stream().map(Instrument.Detector::name).toList(), s.writtenSpillover());
    Map<Marker, float[]> byMarker = new EnumMap<>(Marker.class);
    detectors.forEach(d -> byMarker.put(d.marker(), comp.column(d.name())));
    return new Labelled(byMarker, s.labels());
  }

  @ParameterizedTest(name = "{0} vs mrdsim {1}")
  @CsvSource({"CANTO, dev-dil-A-1e-2-r1, 150", "NAVIOS, dev-dil-A-1e-2-r2, 600"})
  void populationSeparationsMatchMrdsimOnTheSameInstrumentStyle(
      Instrument instrument, String mrdsimStem, double cofactor) throws IOException {
    Labelled reference = mrdsim(mrdsimStem);
    Labelled simulated = ours(instrument);
    Population[][] pairs = {
      {Population.BLAST_CD19POS, Population.HEMATOGONE_I},
      {Population.HEMATOGONE_I, Population.MATURE_B},
      {Population.BLAST_CD19POS, Population.T}
    };
    for (Population[] pair : pairs) {
      for (Marker m : Marker.values()) {
        double theirs = Cytometry.separation(reference.byMarker().get(m), reference.labels(), pair[0], pair[1], cofactor);
        double mine = Cytometry.separation(simulated.byMarker().get(m), simulated.labels(), pair[0], pair[1], cofactor);
        if (Math.abs(theirs) >= 1) {
          assertThat(mine / theirs)
              .as("%s vs %s on %s: ours %.2f SD, mrdsim %.2f SD", pair[0], pair[1], m, mine, theirs)
              .isBetween(0.4, 2.5);
        }
      }
    }
  }
}
