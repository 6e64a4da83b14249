package org.mrdflow.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mrdflow.fcs.FcsChannel;
import org.mrdflow.fcs.FcsDataset;
import org.mrdflow.fcs.FcsFile;
import org.mrdflow.fcs.SpilloverMatrix;

/** The written files, re-read by the project's FCS reader and the truth reader. */
class SimulationFilesTest {

  @ParameterizedTest
  @EnumSource(Instrument.class)
  void writtenFilesReadBackWithTheLabelsEventCountTheVendorNamesAndTheSameValues(
      Instrument instrument, @TempDir Path dir) throws IOException {
    SampleSpec spec =
        Scenario.MIXED97.expand(new Scenario.Options(3, 30_000, 1, instrument, 5e-3)).get(0);
    SimulatedSample sample = MarrowSimulator.simulate(spec);
    SimulationFiles.Written written = SimulationFiles.write(sample, dir);

    SimulationTruth truth = SimulationTruth.read(written.truth());
    try (FcsFile file = FcsFile.open(written.fcs())) {
      FcsDataset d = file.datasets().get(0).decodeAll();
      assertThat(d.eventCount()).isEqualTo(truth.labels().length).isEqualTo(30_000);
      assertThat(d.version()).isEqualTo(instrument.fcsVersion().headerId().substring(3));
      assertThat(d.keywords().valueOrNull("$CYT")).isEqualTo(instrument.cytometer());
      List<Instrument.Channel> channels = instrument.channels();
      assertThat(d.channels()).extracting(FcsChannel::name)
          .containsExactlyElementsOf(channels.stream().map(Instrument.Channel::name).toList());
      assertThat(d.channels()).extracting(FcsChannel::label)
          .containsExactlyElementsOf(channels.stream().map(Instrument.Channel::label).toList());
      if (instrument.style().spilloverKeyword()) {
        SpilloverMatrix spill = d.spillover().orElseThrow();
        assertThat(spill.values()).isDeepEqualTo(sample.writtenSpillover());
      } else {
        assertThat(d.spillover()).isEmpty();
      }
      for (int c = 0; c < channels.size(); c++) {
        assertThat(d.floatColumn(c)).as(channels.get(c).name()).isEqualTo(sample.columns()[c]);
      }
    }
    assertThat(truth.labels()).isEqualTo(Files.readAllBytes(written.labels())).isEqualTo(sample.labels());
    assertThat(truth.populationCounts()).isEqualTo(sample.truth().populationCounts());
    assertThat(truth.calls().mrdCategory()).isEqualTo(sample.truth().calls().mrdCategory());
    assertThat(truth.calls().car19Eligible()).isEqualTo(sample.truth().calls().car19Eligible());
    assertThat(truth.archetype()).isEqualTo("G");
    assertThat(truth.profile()).isEqualTo(instrument.id());
  }
}
