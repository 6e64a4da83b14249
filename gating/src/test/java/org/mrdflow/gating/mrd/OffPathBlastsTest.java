package org.mrdflow.gating.mrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mrdflow.gating.events.Channel;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.events.EventTable;
import org.mrdflow.gating.events.Sample;
import org.mrdflow.gating.method.GatingMethod;
import org.mrdflow.gating.method.GatingMethods;
import org.mrdflow.gating.method.MethodContext;
import org.mrdflow.gating.method.MethodParameter;
import org.mrdflow.gating.method.MethodResult;
import org.mrdflow.gating.strategy.StrategyEvaluator;
import org.mrdflow.gating.strategy.StrategyYaml;

/**
 * {@code mrd-off-path-blasts} on generated events whose membership is known (logicle-scale
 * values): hematogones (CD10 bright, CD38 bright, CD45 dim), a km1-like clone (CD10 brighter,
 * CD38 moderate, CD45 as bright as lymphocytes) and neutrophils (the CD10 control), with the
 * progenitor reference and the CD10-bright level given as landmarks.
 */
class OffPathBlastsTest {
  private static final int HEMATOGONE = 1;
  private static final int CLONE = 2;
  private static final int NEUTROPHIL = 0;
  /** Lymphocytes, monocytes, erythroid cells: nucleated, neither control nor candidates. */
  private static final int OTHER = 3;
  private static final int OTHERS = 60_000;
  /** Progenitor CD38 / CD45 medians and SDs and the CD10-bright level (mrdsim-like). */
  private static final Map<String, Double> REFERENCE = Map.of("cd38-median", 0.70,
      "cd38-sd", 0.06, "cd45-median", 0.55, "cd45-sd", 0.035, "min-spread", 0.011,
      "min", 0.72);

  private static final String STRATEGY = """
      id: off-path
      compensation: uncompensated
      populations:
        - name: reference
          dimensions: [Kind]
          method: {name: kind, args: {from: 9, to: 9}}
        - name: nucleated
          dimensions: [Kind]
          method: {name: kind, args: {from: 0, to: 3}}
        - name: control
          dimensions: [Kind]
          method: {name: kind, args: {from: 0, to: 0}}
        - name: candidates
          dimensions: [Kind]
          method: {name: kind, args: {from: 1, to: 2}}
        - name: off-path
          parent: candidates
          dimensions: [CD10, CD20, CD34, CD38, CD45]
          method: {name: mrd-off-path-blasts, args: {reference: reference,
                   cd10_bright: reference, control: control, nucleated: nucleated,
                   min_seed_share: SHARE}}
      """;

  /** Events of a Kind range, publishing {@link #REFERENCE} as landmarks. */
  private static final GatingMethod KIND = new GatingMethod() {
    @Override
    public String name() {
      return "kind";
    }

    @Override
    public List<MethodParameter> parameters() {
      return List.of(MethodParameter.required("from", MethodParameter.Type.NUMBER, "from"),
          MethodParameter.required("to", MethodParameter.Type.NUMBER, "to"));
    }

    @Override
    public int minDimensions() {
      return 1;
    }

    @Override
    public int maxDimensions() {
      return 1;
    }

    @Override
    public MethodResult fit(MethodContext context) {
      float[] kind = context.columns()[0];
      EventMask out = EventMask.none(kind.length);
      for (int i : context.parent().indices()) {
        if (kind[i] >= context.arguments().number("from")
            && kind[i] <= context.arguments().number("to")) {
          out.set(i);
        }
      }
      return new MethodResult.Events(out, "kind", REFERENCE);
    }
  };

  private record Marrow(Sample sample, float[] kind) {
    /**
     * {@code hematogones} CD10 0.78, CD38 0.74, CD45 0.58 (SD 0.05 each); {@code clone} CD10
     * 0.86, CD38 0.53, CD45 0.71; {@code neutrophils} only count as the control, and
     * {@link #OTHERS} other nucleated cells.
     */
    static Marrow of(int hematogones, int clone, int neutrophils, long seed) {
      Random random = new Random(seed);
      int n = hematogones + clone + neutrophils + OTHERS;
      String[] names = {"Kind", "CD10", "CD20", "CD34", "CD38", "CD45"};
      float[][] columns = new float[names.length][n];
      for (int i = 0; i < n; i++) {
        int kind = i < hematogones ? HEMATOGONE : i < hematogones + clone ? CLONE
            : i < hematogones + clone + neutrophils ? NEUTROPHIL : OTHER;
        double[] mean = switch (kind) {
          case HEMATOGONE -> new double[] {0.78, 0.20, 0.40, 0.74, 0.58};
          case CLONE -> new double[] {0.86, 0.50, 0.45, 0.53, 0.71};
          default -> new double[] {0.60, 0.15, 0.10, 0.30, 0.65};
        };
        columns[0][i] = kind;
        for (int m = 0; m < mean.length; m++) {
          columns[m + 1][i] = (float) (mean[m] + 0.05 * random.nextGaussian());
        }
      }
      List<Channel> channels = new ArrayList<>();
      for (String name : names) {
        channels.add(Channel.named(name));
      }
      return new Marrow(Sample.of("marrow", new EventTable(channels, columns)), columns[0]);
    }

    EventMask offPath(double minSeedShare) {
      String yaml = STRATEGY.replace("SHARE", Double.toString(minSeedShare));
      return new StrategyEvaluator(StrategyYaml.parse("off-path.yaml",
          new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), null),
          GatingMethods.discover().with(KIND)).apply(sample).population("off-path").events();
    }

    int count(EventMask events, int kind) {
      int k = 0;
      for (int i : events.indices()) {
        k += this.kind[i] == kind ? 1 : 0;
      }
      return k;
    }
  }

  @Test
  void aKm1LikeCloneIsFoundAndTheHematogonesBesideItAreNot() {
    Marrow marrow = Marrow.of(100_000, 20_000, 100_000, 1);
    EventMask found = marrow.offPath(0.01);
    assertThat(marrow.count(found, CLONE)).isGreaterThan(18_000);
    assertThat(marrow.count(found, HEMATOGONE)).isLessThan(200);
  }

  @Test
  void scatteredHematogoneOutliersAreNoClone() {
    // A regenerating marrow's hematogones alone: a few hundredths of a percent pass both seed
    // contrasts. Counted as a clone (no share rule) they are grown into thousands.
    Marrow marrow = Marrow.of(200_000, 0, 200_000, 2);
    assertThat(marrow.offPath(0.0).cardinality()).isGreaterThan(1_000);
    assertThat(marrow.offPath(0.01).cardinality()).isZero();
  }

  @Test
  void withoutMatureNeutrophilsTheArmFindsNoClone() {
    // Granulocyte-depleted: 1,000 neutrophils beside 60,000 other non-candidate cells (under a
    // quarter of them), so the CD10-bright level is not the mature neutrophils'; with 100,000
    // the same clone is found (first test).
    Marrow marrow = Marrow.of(100_000, 20_000, 1_000, 3);
    assertThat(marrow.offPath(0.01).cardinality()).isZero();
  }
}
