package org.mrdflow.gating.mrd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.gate.Region;
import org.mrdflow.gating.method.MethodContext;
import org.mrdflow.gating.method.MethodParameter;
import org.mrdflow.gating.method.MethodParameter.Type;
import org.mrdflow.gating.method.MethodResult;
import org.mrdflow.gating.mrd.RobustStats.Histogram;

/**
 * {@code mrd-ssc-low} (domain brief sections 3.4-3.5): low-SSC cells (lymphoid, blasts,
 * erythroid, progenitors) below the log10 SSC-A valley between the lymphoid and the granulocyte
 * peak, at least {@code lymphoid_peak_below_decades} apart (see {@link #valley}: either may be
 * the taller one). Most low-SSC cells lack each B-lineage
 * marker, so their negative modes are measured here too. Dimensions: SSC-A (linear), then the
 * markers to measure. Landmarks {@code log10-ssc-max} and per marker M {@code M.positive-min}:
 * negative mode + {@code positive_spreads} SDs.
 */
public final class SscLowMethod extends MrdMethod {
  /** Argument: the SSC value at which the detector saturates. */
  public static final String SATURATED_AT = "saturated_at";

  public SscLowMethod() {
    super("mrd-ssc-low", 1);
  }

  @Override
  public int maxDimensions() {
    return Integer.MAX_VALUE;
  }

  @Override
  public List<MethodParameter> parameters() {
    return with(List.of(
        MethodParameter.optional("positive_spreads", Type.NUMBER, 4.0,
            "a marker is positive above its negative mode + this many SDs"),
        MethodParameter.optional("lymphoid_peak_below_decades", Type.NUMBER, 0.5,
            "the lymphoid SSC peak lies at least this far below the granulocyte peak"),
        MethodParameter.optional(SATURATED_AT, Type.NUMBER, Double.POSITIVE_INFINITY,
            "SSC value at which the detector saturates ($PnR - 1; set per file by MrdAnalysis)"
                + ": saturated events are left out of the valley search")),
        binningParameters());
  }

  @Override
  public MethodResult fit(MethodContext context) {
    float[][] columns = context.columns();
    EventMask parent = context.parent();
    if (parent.cardinality() == 0) {
      throw cannotCalibrate(context, "no nucleated cells to find the SSC valley in");
    }
    float[] logSsc = EventCuts.log10(columns[0]);
    // A pile of saturated granulocytes at the top of the range can be the highest SSC density;
    // the valley is searched on the events whose SSC was measured.
    double saturatedAt = context.arguments().number(SATURATED_AT);
    EventMask measured = saturatedAt == Double.POSITIVE_INFINITY ? parent
        : EventCuts.below(columns[0], saturatedAt, parent);
    double sscLowMax = valley(RobustStats.values(logSsc, measured),
        context.arguments().number("lymphoid_peak_below_decades"), binning(context));
    Region region = Cuts.functionAtMost("ssc-below-valley", dimension(context, 0),
        MrdMethod::log10, sscLowMax);
    EventMask sscLow = context.select(region);
    Map<String, Double> landmarks = new LinkedHashMap<>();
    landmarks.put("log10-ssc-max", sscLowMax);
    double k = context.arguments().number("positive_spreads");
    for (int d = 1; d < columns.length; d++) {
      double[] negative = RobustStats.negativePeak(RobustStats.values(columns[d], sscLow),
          binning(context));
      landmarks.put(context.dimensions().get(d).parameter() + ".positive-min",
          negative[0] + k * negative[1]);
    }
    return result(region, "below the SSC valley", landmarks);
  }

  /**
   * The SSC valley between the lymphoid and the granulocyte peak. The tallest peak is either:
   * granulocytes in a normal marrow, or lymphoid cells (with blasts) when granulocytes are
   * depleted (density gradient) or crowded out (high burden). Its partner is the taller of the
   * two local density maxima at least {@code partnerDecades} below or above it; the cut is the
   * density minimum between them. Without a partner (no second peak), the cut lies
   * {@code partnerDecades} below the tallest peak.
   */
  static double valley(float[] logSsc, double partnerDecades, RobustStats.Binning binning) {
    Histogram h = RobustStats.histogram(logSsc, binning);
    int main = h.highestBin();
    int lowEnd = h.bin(h.center(main) - partnerDecades);
    int highStart = h.bin(h.center(main) + partnerDecades);
    int below = lowEnd < main ? localMaximum(h, 0, lowEnd) : -1;
    int above = highStart > main ? localMaximum(h, highStart, h.density().length - 1) : -1;
    if (below < 0 && above < 0) {
      return h.center(main) - partnerDecades;
    }
    boolean lymphoidMain = below < 0 || (above >= 0 && h.density()[above] > h.density()[below]);
    return lymphoidMain ? h.center(h.lowestBin(main, above)) : h.center(h.lowestBin(below, main));
  }

  /**
   * The highest bin of [from, to] if it is a local maximum of the density (not the flank of
   * the tallest peak outside the range), else -1.
   */
  private static int localMaximum(Histogram h, int from, int to) {
    double[] d = h.density();
    int peak = h.highestBin(from, to);
    boolean risesBefore = peak == 0 || d[peak] >= d[peak - 1];
    boolean fallsAfter = peak == d.length - 1 || d[peak] >= d[peak + 1];
    return risesBefore && fallsAfter && d[peak] > 0 ? peak : -1;
  }
}
