package org.mrdflow.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mrdflow.simulation.Cytometry.is;
import static org.mrdflow.simulation.Cytometry.median;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mrdflow.gating.events.EventTable;

/**
 * The references here are the configuration (intended composition, multinomial noise) and the
 * domain brief's description of where populations sit; never numbers the simulator printed.
 */
class MarrowSimulatorTest {

  private static SimulatedSample simulate(Scenario scenario, Instrument instrument, int events, Double blastFraction) {
    SampleSpec spec =
        scenario.expand(new Scenario.Options(20261121L, events, 1, instrument, blastFraction)).get(0);
    return MarrowSimulator.simulate(spec);
  }

  private static long count(byte[] labels, Population p) {
    long n = 0;
    for (byte b : labels) {
      n += (b & 0xFF) == p.code() ? 1 : 0;
    }
    return n;
  }

  @Test
  void truthCountsEqualTheRealisedLabelCounts() {
    SimulatedSample s = simulate(Scenario.MIXED80, Instrument.CANTO, 120_000, 5e-3);
    byte[] labels = s.labels();
    SimulationTruth t = s.truth();

    for (Population p : Population.values()) {
      assertThat(t.populationCounts().get(p.truthName())).as(p.truthName()).isEqualTo(count(labels, p));
    }
    long debris = count(labels, Population.DEBRIS);
    long doublets = count(labels, Population.DOUBLET);
    long blasts = count(labels, Population.BLAST_CD19POS) + count(labels, Population.BLAST_CD19NEG);
    assertThat(t.totalEvents()).isEqualTo(120_000).isEqualTo(labels.length);
    assertThat(t.debris()).isEqualTo(debris);
    assertThat(t.doublets()).isEqualTo(doublets);
    assertThat(t.calls().nucleatedSinglets()).isEqualTo(120_000 - debris - doublets);
    assertThat(t.calls().blasts()).isEqualTo(blasts);
    assertThat(t.calls().mrdFraction()).isEqualTo((double) blasts / (120_000 - debris - doublets));
  }

  @Test
  void theSameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot(@TempDir Path dir) throws IOException {
    SampleSpec spec =
        Scenario.CD19_DIM.expand(new Scenario.Options(7, 20_000, 1, Instrument.NAVIOS, null)).get(0);
    SimulationFiles.Written first = SimulationFiles.write(MarrowSimulator.simulate(spec), dir.resolve("a"));
    SimulationFiles.Written second = SimulationFiles.write(MarrowSimulator.simulate(spec), dir.resolve("b"));

    assertThat(Files.readAllBytes(second.fcs())).isEqualTo(Files.readAllBytes(first.fcs()));
    assertThat(Files.readAllBytes(second.labels())).isEqualTo(Files.readAllBytes(first.labels()));
    assertThat(Files.readAllBytes(second.truth())).isEqualTo(Files.readAllBytes(first.truth()));

    SampleSpec other =
        Scenario.CD19_DIM.expand(new Scenario.Options(8, 20_000, 1, Instrument.NAVIOS, null)).get(0);
    assertThat(MarrowSimulator.simulate(other).labels()).isNotEqualTo(Files.readAllBytes(first.labels()));
  }

  @ParameterizedTest
  @EnumSource(Instrument.class)
  void theRealisedCompositionMatchesTheIntendedOneWithinMultinomialNoise(Instrument instrument) {
    SimulatedSample s = simulate(Scenario.REGENERATING, instrument, 150_000, null);
    long n = s.truth().calls().nucleatedSinglets();
    double intendedTotal = 0;
    for (Map.Entry<Population, Double> e : s.intendedPercent().entrySet()) {
      double p = e.getValue() / 100;
      intendedTotal += e.getValue();
      double expected = n * p;
      double sd = Math.sqrt(n * p * (1 - p));
      assertThat((double) count(s.labels(), e.getKey()))
          .as(e.getKey().truthName())
          .isBetween(expected - 5 * sd - 2, expected + 5 * sd + 2);
    }
    assertThat(intendedTotal).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void regeneratingMarrowsHoldFiveToFifteenPercentHematogonesAndNoBlasts() {
    List<SampleSpec> specs =
        Scenario.REGENERATING.expand(new Scenario.Options(3, 100_000, 3, null, null));
    for (SampleSpec spec : specs) {
      SimulationTruth t = MarrowSimulator.simulate(spec).truth();
      assertThat((double) t.calls().hematogones() / t.calls().nucleatedSinglets()).as(spec.sampleId()).isBetween(0.05, 0.15);
      assertThat(t.calls().blasts()).isZero();
      assertThat(t.calls().bCellAplasia()).isFalse();
      assertThat(t.calls().car19Eligible()).isNull();
    }
  }

  @Test
  void postCarTAplasiaHasFewerThanThreePercentBCellsAmongLymphocytesAndCarTCells() {
    SimulationTruth t = simulate(Scenario.APLASIA, Instrument.CYTOFLEX, 100_000, null).truth();

    assertThat(t.calls().bPctOfLymphocytes()).isLessThan(3);
    assertThat(t.calls().bCellAplasia()).isTrue();
    assertThat(t.populationCounts().get("CAR_T")).isPositive();
    assertThat(t.calls().blasts()).isZero();
  }

  @Test
  void cd19NegativeEscapeBlastsAreAllCd19NegativeAndNotCarEligible() {
    SimulationTruth t = simulate(Scenario.CD19_NEGATIVE, Instrument.NAVIOS, 100_000, 5e-3).truth();

    assertThat(t.calls().blasts()).isPositive();
    assertThat(t.calls().blastsCd19pos()).isZero();
    assertThat(t.calls().car19Eligible()).isFalse();
  }

  @Test
  void mixedClonesSplitTheirBlastsInTheConfiguredProportion() {
    SimulationTruth t = simulate(Scenario.MIXED80, Instrument.CANTO, 200_000, 1e-2).truth();
    double sd = Math.sqrt(0.8 * 0.2 / t.calls().blasts());

    assertThat(t.calls().cd19posFractionOfBlasts()).isBetween(0.8 - 4 * sd, 0.8 + 4 * sd);
    assertThat(t.calls().car19Eligible()).isFalse();
  }

  @Test
  void lowCellularitySamplesStayBelow200000NucleatedCellsAndTheirNegativeIsIndeterminate() {
    List<SampleSpec> specs = Scenario.LOW_CELLULARITY.expand(new Scenario.Options(5, null, 1, null, null));
    assertThat(specs).hasSize(2);
    for (SampleSpec spec : specs) {
      SimulationTruth t = MarrowSimulator.simulate(spec).truth();
      assertThat(t.calls().nucleatedSinglets()).isLessThan(200_000);
      if (t.calls().blasts() == 0) {
        assertThat(t.calls().mrdCategory()).isEqualTo("INDETERMINATE");
        assertThat(t.calls().mrdCategoryReason()).isEqualTo("INSUFFICIENT_SENSITIVITY");
      }
    }
  }

  @Test
  void theDilutionSeriesRealisesEachLevelWithinPoissonNoise() {
    List<SampleSpec> specs = Scenario.DILUTION.expand(new Scenario.Options(11, 200_000, 1, Instrument.CANTO, null));
    assertThat(specs).extracting(SampleSpec::blastFraction).containsExactly(0.0, 1e-5, 1e-4, 1e-3, 1e-2);
    for (SampleSpec spec : specs) {
      SimulationTruth t = MarrowSimulator.simulate(spec).truth();
      double expected = spec.blastFraction() * t.calls().nucleatedSinglets();
      assertThat((double) t.calls().blasts())
          .as(spec.sampleId())
          .isBetween(expected - 5 * Math.sqrt(expected) - 1, expected + 5 * Math.sqrt(expected) + 1);
    }
  }

  // ---- where the events sit (domain brief section 3), on compensated data ----

  /** Compensated fluorescence per marker, with the written spillover, as a lab would do. */
  private static float[][] compensatedByMarker(SimulatedSample s) {
    List<Instrument.Detector> detectors = s.spec().instrument().detectors();
    EventTable compensated = Cytometry.compensate(
        s.channels().stream().map(Instrument.Channel::name).toList(), s.columns(),
        detectors.stream().map(Instrument.Detector::name).toList(), s.writtenSpillover());
    float[][] byMarker = new float[Marker.COUNT][];
    for (Instrument.Detector d : detectors) {
      byMarker[d.marker().ordinal()] = compensated.column(d.name());
    }
    return byMarker;
  }

  private static int channelIndex(SimulatedSample s, String name) {
    for (int c = 0; c < s.channels().size(); c++) {
      if (s.channels().get(c).name().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no channel " + name);
  }

  @ParameterizedTest
  @EnumSource(Instrument.class)
  void classicBlastsSitOffTheHematogonePathInCd10Cd45AndCd38(Instrument instrument) {
    SimulatedSample s = simulate(Scenario.CLASSIC, instrument, 200_000, 1e-2);
    float[][] m = compensatedByMarker(s);
    byte[] l = s.labels();
    IntPredicate blast = is(Population.BLAST_CD19POS);
    IntPredicate hgI = is(Population.HEMATOGONE_I);
    IntPredicate lymph = is(Population.T);

    // CD10 over-expression, CD45 dimmer than stage I hematogones and lymphocytes, CD38 dim.
    assertThat(median(m[Marker.CD10.ordinal()], l, blast)).isGreaterThan(1.5 * median(m[Marker.CD10.ordinal()], l, hgI));
    assertThat(median(m[Marker.CD45.ordinal()], l, blast)).isLessThan(median(m[Marker.CD45.ordinal()], l, hgI));
    assertThat(median(m[Marker.CD45.ordinal()], l, hgI)).isLessThan(median(m[Marker.CD45.ordinal()], l, lymph));
    assertThat(median(m[Marker.CD38.ordinal()], l, blast)).isLessThan(median(m[Marker.CD38.ordinal()], l, hgI) / 5);
    // Erythroid cells are CD45-negative: more than a decade below lymphocytes.
    assertThat(median(m[Marker.CD45.ordinal()], l, is(Population.ERYTHROID)))
        .isLessThan(median(m[Marker.CD45.ordinal()], l, lymph) / 10);
    // The B path: CD20 rises and CD10 falls from stage I to mature B.
    assertThat(median(m[Marker.CD20.ordinal()], l, is(Population.MATURE_B)))
        .isGreaterThan(10 * Math.max(1, median(m[Marker.CD20.ordinal()], l, hgI)));
    assertThat(median(m[Marker.CD10.ordinal()], l, is(Population.MATURE_B)))
        .isLessThan(median(m[Marker.CD10.ordinal()], l, hgI) / 10);
  }

  @Test
  void scatterSeparatesLymphocytesMonocytesGranulocytesAndDoublets() {
    SimulatedSample s = simulate(Scenario.NORMAL, Instrument.CANTO, 100_000, null);
    byte[] l = s.labels();
    float[] fscA = s.columns()[channelIndex(s, "FSC-A")];
    float[] fscH = s.columns()[channelIndex(s, "FSC-H")];
    float[] ssc = s.columns()[channelIndex(s, "SSC-A")];
    float[] ratio = new float[fscA.length];
    for (int i = 0; i < ratio.length; i++) {
      ratio[i] = fscH[i] / fscA[i];
    }
    IntPredicate singleCell = code -> code >= 10;

    assertThat(median(ssc, l, is(Population.T))).isLessThan(median(ssc, l, is(Population.MONOCYTE)));
    assertThat(median(ssc, l, is(Population.MONOCYTE))).isLessThan(median(ssc, l, is(Population.NEUTROPHIL_MATURE)));
    assertThat(median(ssc, l, is(Population.NEUTROPHIL_MATURE))).isLessThan(median(ssc, l, is(Population.EOSINOPHIL)));
    // Doublets: about twice the area of a cell, with a lower height for their area.
    assertThat(median(fscA, l, is(Population.DOUBLET)) / median(fscA, l, singleCell)).isBetween(1.6, 2.6);
    assertThat(median(ratio, l, is(Population.DOUBLET))).isLessThan(0.85 * median(ratio, l, singleCell));
    assertThat(median(fscA, l, is(Population.DEBRIS))).isLessThan(median(fscA, l, is(Population.T)) / 2);
  }

  @Test
  void compensatedNegativesSpreadAroundZeroIncludingBelowIt() {
    SimulatedSample s = simulate(Scenario.NORMAL, Instrument.CANTO, 60_000, null);
    float[] cd19 = compensatedByMarker(s)[Marker.CD19.ordinal()];
    byte[] l = s.labels();
    long below = 0;
    long tCells = 0;
    for (int i = 0; i < cd19.length; i++) {
      if ((l[i] & 0xFF) == Population.T.code()) {
        tCells++;
        below += cd19[i] < 0 ? 1 : 0;
      }
    }
    assertThat((double) below / tCells).isBetween(0.1, 0.6);
    assertThat(median(cd19, l, is(Population.T)))
        .isLessThan(median(cd19, l, is(Population.MATURE_B)) / 20);
  }

  @ParameterizedTest
  @EnumSource(Instrument.class)
  void timeRunsForwardWithinTheChannelRange(Instrument instrument) {
    SimulatedSample s = simulate(Scenario.NORMAL, instrument, 20_000, null);
    float[] time = s.columns()[s.channels().size() - 1];

    assertThat(s.channels().get(s.channels().size() - 1).kind()).isEqualTo(Instrument.ChannelKind.TIME);
    for (int i = 1; i < time.length; i++) {
      assertThat(time[i]).isGreaterThanOrEqualTo(time[i - 1]);
    }
    assertThat(time[time.length - 1]).isPositive().isLessThan(instrument.range());
  }

  @Test
  void aPartialClogSlowsTheFlowAndDimsEverySignalInsideItsWindowOnly() {
    SimulatedSample s = simulate(Scenario.TIME_ARTEFACT, Instrument.CANTO, 200_000, null);
    FlowDisturbance clog = s.disturbance();
    float[] time = s.columns()[channelIndex(s, "Time")];
    float[] fscA = s.columns()[channelIndex(s, "FSC-A")];
    double timestep = Instrument.CANTO.timestep();
    byte[] inside = new byte[time.length];
    long insideCount = 0;
    for (int i = 0; i < time.length; i++) {
      // Time is written after the arrival; the window holds events that arrived within it.
      double arrival = i == 0 ? 0 : time[i - 1] * timestep;
      if (clog.contains(arrival)) {
        inside[i] = 1;
        insideCount++;
      }
    }
    double seconds = time[time.length - 1] * timestep;
    double window = clog.toSeconds() - clog.fromSeconds();
    double rateInside = insideCount / window;
    double rateOutside = (time.length - insideCount) / (seconds - window);

    assertThat(insideCount).isEqualTo(s.disturbedEvents()).isPositive();
    assertThat(rateInside / rateOutside).isBetween(0.1, 0.3);
    // Singlet cells of the same kind (neutrophils) inside vs outside the window: about 0.6x FSC.
    byte[] marked = new byte[time.length];
    for (int i = 0; i < time.length; i++) {
      boolean neutrophil = (s.labels()[i] & 0xFF) == Population.NEUTROPHIL_MATURE.code();
      marked[i] = (byte) (neutrophil ? (inside[i] == 1 ? 1 : 2) : 0);
    }
    double ratio = median(fscA, marked, code -> code == 1) / median(fscA, marked, code -> code == 2);
    assertThat(ratio).isBetween(0.5, 0.7);
  }
}
