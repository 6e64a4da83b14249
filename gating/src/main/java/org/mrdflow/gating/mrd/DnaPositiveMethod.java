package org.mrdflow.gating.mrd;

import java.util.List;
import java.util.Map;
import org.mrdflow.gating.gate.Region;
import org.mrdflow.gating.method.MethodContext;
import org.mrdflow.gating.method.MethodParameter;
import org.mrdflow.gating.method.MethodParameter.Type;
import org.mrdflow.gating.method.MethodResult;
import org.mrdflow.gating.mrd.RobustStats.Histogram;

/**
 * {@code mrd-dna-positive}: with a nucleated-cell dye (Syto 41, Syto 16, DRAQ5, Hoechst, DAPI),
 * nucleated cells are the dye-positive singlets, as AIEOP-BFM laboratories define the MRD
 * denominator. The G0/G1 peak of the nucleated cells is the highest density at or above the
 * median (nucleated cells are most of the singlets even in an ungated file); dye-negative events
 * (debris, unlysed red cells, platelets) form a peak at least {@code min_separation_decades}
 * below it. The cut is the density valley between the two. A pre-gated export (no dye-negative
 * peak of at least {@code min_peak_height} of the G0/G1 density) keeps every event: a missing
 * valley is not an error. Dimension: the dye, on the logicle scale. Landmark
 * {@code dna-positive-min} (-infinity when everything is kept).
 */
public final class DnaPositiveMethod extends MrdMethod {
  public DnaPositiveMethod() {
    super("mrd-dna-positive", 1);
  }

  @Override
  public List<MethodParameter> parameters() {
    return with(List.of(
        MethodParameter.optional("min_separation_decades", Type.NUMBER, 0.5,
            "the dye-negative peak lies at least this far below the G0/G1 peak"),
        MethodParameter.optional("min_peak_height", Type.NUMBER, 0.05,
            "a dye-negative peak counts when its density is this fraction of the G0/G1 peak's")),
        binningParameters());
  }

  @Override
  public MethodResult fit(MethodContext context) {
    float[] values = RobustStats.values(context.columns()[0], context.parent());
    if (values.length == 0) {
      return result(new Region.Everything(), "no events: nothing to cut",
          Map.of("dna-positive-min", Double.NEGATIVE_INFINITY));
    }
    double cut = valley(values, context.arguments().number("min_separation_decades")
        * decade(context, 0), context.arguments().number("min_peak_height"), binning(context));
    if (cut == Double.NEGATIVE_INFINITY) {
      return result(new Region.Everything(), "no dye-negative events (pre-gated export)",
          Map.of("dna-positive-min", cut));
    }
    return result(Cuts.above("dna-above-valley", dimension(context, 0), cut),
        "DNA dye-positive", Map.of("dna-positive-min", cut));
  }

  /** The valley below the G0/G1 peak, or -infinity without a dye-negative peak. */
  static double valley(float[] values, double separation, double minPeakHeight,
      RobustStats.Binning binning) {
    Histogram h = RobustStats.histogram(values, binning);
    double[] density = h.density();
    int main = h.highestBin(h.bin(RobustStats.median(values)), density.length - 1);
    double lowEdge = h.center(main) - separation;
    if (lowEdge <= h.lo()) {
      return Double.NEGATIVE_INFINITY;
    }
    int negative = h.highestBin(0, h.bin(lowEdge));
    if (negative == h.bin(lowEdge) || density[negative] < minPeakHeight * density[main]) {
      // the search edge on the G0/G1 peak's flank, or too few events: no dye-negative peak
      return Double.NEGATIVE_INFINITY;
    }
    int valley = h.lowestBin(negative, main);
    if (valley == negative) {
      return Double.NEGATIVE_INFINITY; // a shoulder of the G0/G1 peak, not a separate population
    }
    return h.center(valley);
  }
}
