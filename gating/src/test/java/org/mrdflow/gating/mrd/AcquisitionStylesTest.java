package org.mrdflow.gating.mrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mrdflow.gating.events.Channel;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.events.EventTable;
import org.mrdflow.gating.events.Sample;
import org.mrdflow.gating.method.GatingMethods;
import org.mrdflow.gating.strategy.GatingResult;
import org.mrdflow.gating.strategy.StrategyEvaluator;
import org.mrdflow.gating.strategy.StrategyYaml;

/**
 * Per-event tests of the acquisition-style rules (gating/README.md, "Acquisition styles"), each
 * on generated events whose membership is known, each failing without its rule: singlets on
 * pulse width, DNA-dye nucleated cells, saturated SSC left out of the SSC valley, and the log
 * scatter floor for scatter stored as 0..1 floats.
 */
class AcquisitionStylesTest {
  private static final GatingMethods METHODS = GatingMethods.discover();

  /** Generated events with their true class per event. */
  private record Events(float[][] columns, boolean[] member) {
    int count(EventMask mask, boolean wanted) {
      int n = 0;
      for (int i = 0; i < member.length; i++) {
        if (member[i] == wanted && mask.get(i)) {
          n++;
        }
      }
      return n;
    }

    int total(boolean wanted) {
      int n = 0;
      for (boolean m : member) {
        n += m == wanted ? 1 : 0;
      }
      return n;
    }
  }

  private static GatingResult gate(String yaml, List<String> channels, float[][] columns) {
    List<Channel> named = channels.stream().map(Channel::named).toList();
    return new StrategyEvaluator(StrategyYaml.parse("acquisition.yaml",
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), null), METHODS)
        .apply(Sample.of("generated", new EventTable(named, columns)));
  }

  /**
   * FACSDiva FSC-A / FSC-W: a singlet's width rises with its area (W ~ A^0.25 here), a doublet is
   * two cells in a row (areas add, pulse about 1.7 times as wide). member = singlet.
   */
  private static Events widthSinglets(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = 40_000;
    float[] area = new float[n];
    float[] width = new float[n];
    boolean[] singlet = new boolean[n];
    for (int i = 0; i < n; i++) {
      double a = Math.pow(10, 4.3 + 0.9 * rng.nextDouble());
      double w = 61_000 * Math.pow(a / 1e5, 0.25) * (1 + 0.03 * rng.nextGaussian());
      singlet[i] = rng.nextDouble() >= 0.05;
      if (!singlet[i]) {
        double b = Math.pow(10, 4.3 + 0.9 * rng.nextDouble());
        double wb = 61_000 * Math.pow(b / 1e5, 0.25) * (1 + 0.03 * rng.nextGaussian());
        a += b;
        w = 0.85 * (w + wb);
      }
      area[i] = (float) a;
      width[i] = (float) w;
    }
    return new Events(new float[][] {area, width}, singlet);
  }

  @Test
  void singletsOnPulseWidthFollowTheWidthTrendOfSingletsAndDropDoublets() {
    Events events = widthSinglets(11);
    GatingResult result = gate("""
        id: width
        compensation: uncompensated
        transforms:
          scatter-log: {log: {T: 4194304, M: 8}}
        populations:
          - name: singlets
            dimensions: [{marker: FSC-A, transform: scatter-log},
                         {marker: FSC-W, transform: scatter-log}]
            method: {name: mrd-singlets-width, args: {spreads: 4.0}}
        """, List.of("FSC-A", "FSC-W"), events.columns());
    EventMask kept = result.population("singlets").events();
    assertThat((double) events.count(kept, true) / events.total(true)).isGreaterThan(0.99);
    assertThat((double) events.count(kept, false) / events.total(false)).isLessThan(0.10);
    // The slope of log W on log A, in the transformed units (both on the same log scale): the
    // generating exponent 0.25. A flat width cut (slope 0) would cut the largest singlets.
    assertThat(result.population("singlets").landmarks().get("width-slope"))
        .isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.03));
  }

  /**
   * A DNA dye on the logicle scale: nucleated cells with a broad Syto 41-like G0/G1 peak
   * (log-normal, 0.2 decades) and dye-negative debris, red cells and platelets near zero.
   * member = nucleated.
   */
  private static Events dna(long seed, double negativeShare) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = 50_000;
    float[] dye = new float[n];
    boolean[] nucleated = new boolean[n];
    for (int i = 0; i < n; i++) {
      nucleated[i] = rng.nextDouble() >= negativeShare;
      dye[i] = (float) (nucleated[i]
          ? Math.pow(10, 4.5 + 0.2 * rng.nextGaussian())
          : Math.pow(10, 2.3 + 0.3 * rng.nextGaussian()) + 80 * rng.nextGaussian());
    }
    return new Events(new float[][] {dye}, nucleated);
  }

  private static final String DNA_STRATEGY = """
      id: dna
      compensation: uncompensated
      transforms:
        fl: {logicle: {T: 262144, W: 0.5, M: 4.5, A: 0}}
      populations:
        - name: dna-positive
          dimensions: [{marker: DNA, transform: fl}]
          method: {name: mrd-dna-positive, args: {min_separation_decades: 0.5,
                                                  min_peak_height: 0.05}}
      """;

  @Test
  void nucleatedCellsAreTheDyePositiveEventsAndDyeNegativeEventsAreLeftOut() {
    Events events = dna(21, 0.2);
    EventMask kept = gate(DNA_STRATEGY, List.of("DNA"), events.columns())
        .population("dna-positive").events();
    assertThat((double) events.count(kept, true) / events.total(true)).isGreaterThan(0.995);
    assertThat((double) events.count(kept, false) / events.total(false)).isLessThan(0.01);
  }

  @Test
  void aPreGatedExportWithoutDyeNegativeEventsKeepsEveryEvent() {
    Events events = dna(22, 0.0002);
    GatingResult result = gate(DNA_STRATEGY, List.of("DNA"), events.columns());
    assertThat(result.population("dna-positive").events().cardinality())
        .isEqualTo(events.member().length);
    assertThat(result.population("dna-positive").landmarks().get("dna-positive-min"))
        .isEqualTo(Double.NEGATIVE_INFINITY);
  }

  /**
   * SSC on a 2^17 range: lymphoid cells (20 %), granulocytes whose SSC was measured (40 %) and a
   * pile of granulocytes saturated at $PnR - 1 (40 %), the highest density of the file.
   * member = lymphoid.
   */
  private static Events saturatedSsc(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = 40_000;
    float top = 131_071;
    float[] ssc = new float[n];
    boolean[] lymphoid = new boolean[n];
    for (int i = 0; i < n; i++) {
      double u = rng.nextDouble();
      lymphoid[i] = u < 0.2;
      ssc[i] = lymphoid[i] ? (float) Math.pow(10, 4.05 + 0.1 * rng.nextGaussian())
          : u < 0.6 ? Math.min(top, (float) Math.pow(10, 4.55 + 0.12 * rng.nextGaussian()))
          : top;
    }
    return new Events(new float[][] {ssc}, lymphoid);
  }

  @Test
  void saturatedSideScatterIsLeftOutOfTheSscValleySoGranulocytesStayOutOfLineageGating() {
    Events events = saturatedSsc(31);
    EventMask sscLow = gate("""
        id: saturation
        compensation: uncompensated
        populations:
          - name: ssc-low
            dimensions: [SSC-A]
            method: {name: mrd-ssc-low, args: {saturated_at: 131071}}
        """, List.of("SSC-A"), events.columns()).population("ssc-low").events();
    int granulocytes = events.total(false);
    assertThat((double) events.count(sscLow, true) / events.total(true)).isGreaterThan(0.95);
    // Without the rule the saturated pile is the main peak, the measured granulocytes' peak is
    // taken for the lymphoid one, and the valley falls between it and the pile.
    assertThat((double) events.count(sscLow, false) / granulocytes).isLessThan(0.05);
  }

  /**
   * Forward scatter of cells (log-normal around 0.25 of the range) and debris piling up above a
   * trigger at 0.01 of the range, scaled to {@code range}. member = cell.
   */
  private static Events debris(long seed, double range) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = 30_000;
    float[] fsc = new float[n];
    boolean[] cell = new boolean[n];
    for (int i = 0; i < n; i++) {
      cell[i] = rng.nextDouble() >= 0.15;
      double fraction = cell[i] ? Math.pow(10, -0.6 + 0.08 * rng.nextGaussian())
          : 0.01 * Math.pow(10, Math.abs(0.25 * rng.nextGaussian()));
      fsc[i] = (float) (fraction * range);
    }
    return new Events(new float[][] {fsc}, cell);
  }

  @Test
  void scatterStoredAsZeroToOneFloatsIsGatedLikeTheSameEventsOnAnIntegerRange() {
    String yaml = """
        id: debris
        compensation: uncompensated
        populations:
          - name: cells
            dimensions: [FSC-A]
            method: {name: mrd-debris-valley, args: {min_below: 0.005}}
        """;
    List<EventMask> kept = new ArrayList<>();
    for (double range : new double[] {1.0, 262_144, 4_194_304}) {
      Events events = debris(41, range);
      EventMask cells = gate(yaml, List.of("FSC-A"), events.columns())
          .population("cells").events();
      assertThat((double) events.count(cells, true) / events.total(true)).isGreaterThan(0.99);
      assertThat((double) events.count(cells, false) / events.total(false)).isLessThan(0.05);
      kept.add(cells);
    }
    // Same events, same seed: the cut is a landmark of the sample, not of the range.
    assertThat(kept.get(0).cardinality()).isEqualTo(kept.get(1).cardinality())
        .isEqualTo(kept.get(2).cardinality());
  }
}
