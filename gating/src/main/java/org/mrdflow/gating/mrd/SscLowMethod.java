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
import org.mrdflow.gating.transform.BiexponentialScale;

/**
 * {@code mrd-ssc-low} (domain brief sections 3.4-3.5): low-SSC cells (lymphoid, blasts,
 * erythroid, progenitors) below the log10 SSC-A valley between the lymphoid and the granulocyte
 * peak, at least {@code lymphoid_peak_below_decades} apart (see {@link #valley}: either may be
 * the taller one). Most low-SSC cells lack each B-lineage
 * marker, so their negative modes are measured here too. Dimensions: SSC-A (linear), then the
 * markers to measure (on a logicle scale). Landmarks {@code log10-ssc-max} and per marker M
 * {@code M.positive-min}: negative mode + {@code positive_spreads} SDs, allowing for spillover
 * spreading ({@link #positiveMin}).
 */
public final class SscLowMethod extends MrdMethod {
  /** Argument: the SSC value at which the detector saturates. */
  public static final String SATURATED_AT = "saturated_at";
  private static final String MIN_PEAK_SHARE = "min_peak_share";

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
        MethodParameter.optional(MIN_PEAK_SHARE, Type.NUMBER, 0.01,
            "a local maximum below the densest bin is the negatives' mode only with at least "
                + "this share of the cells below it"),
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
      landmarks.put(context.dimensions().get(d).parameter() + ".positive-min",
          positiveMin(RobustStats.values(columns[d], sscLow), scale(context, d), k,
              context.arguments().number(MIN_PEAK_SHARE), binning(context)));
    }
    return result(region, "below the SSC valley", landmarks);
  }

  /**
   * Where a marker turns positive on cells most of which lack it: the negatives' mode + k SDs
   * ({@link RobustStats#negativePeak}), and at least the mirror image, about data zero, of their
   * lower edge (mode - k SDs of its lower side). Spillover spreading (the photon noise of a
   * bright signal compensated away, e.g. a DNA dye spilling into the CD34 and CD19 channels) is
   * symmetric about the negatives' centre in linear units (Roederer, Cytometry 2001;45:194), and
   * the logicle scale is odd about data zero; a spread wider than the scale's linear region
   * splits the negatives into two mirror humps, and the densest is often the lower one. Its
   * upper side then says nothing of the upper hump, which the lower edge's mirror covers. On
   * negatives that do not reach below zero (narrow peaks, integer data clipped at zero) the
   * mirror lies below the mode + k SDs and changes nothing.
   *
   * @param minShare a local maximum with less of the values below it is a ripple in a tail,
   *     not the negatives' peak ({@link RobustStats#negativePeak})
   */
  static double positiveMin(float[] values, BiexponentialScale scale, double k, double minShare,
      RobustStats.Binning binning) {
    double[] negative = RobustStats.negativePeak(values, minShare, binning);
    double lowerEdge = negative[0] - k * RobustStats.lowerSpread(values, negative[0]);
    double level = Math.max(negative[0] + k * negative[1], scale.apply(-scale.inverse(lowerEdge)));
    // An extrapolated edge never lies past the valley that ends the negatives: when the density
    // falls to a fifth of the mode's (the depth RobustStats calls past a peak) between the mode
    // and the level and rises again before it (to twice the valley), the level is inside the
    // positives (a broad spread plateau extrapolates far), and the valley is the cut.
    Histogram h = RobustStats.histogram(values, binning);
    int mode = h.bin(negative[0]);
    int end = h.bin(level);
    if (end > mode) {
      int valley = h.lowestBin(mode, end);
      double depth = h.density()[valley];
      if (depth <= RobustStats.PAST_PEAK_DENSITY * h.density()[mode]
          && h.density()[h.highestBin(valley, end)] >= 2 * depth) {
        return Math.min(level, h.center(valley));
      }
    }
    return level;
  }

  /**
   * The SSC valley between the lymphoid and the granulocyte peak. The tallest peak is either:
   * granulocytes in a normal marrow, or lymphoid cells (with blasts) when granulocytes are
   * depleted (density gradient) or crowded out (high burden). Its partner is the taller of the
   * two local density maxima searched from {@code partnerDecades} below or above it (a partner
   * centred up to half that distance closer counts: it spills over the search's edge); the cut is the
   * density minimum between them. Without a partner (no second peak), the cut lies
   * {@code partnerDecades} below the tallest peak.
   */
  static double valley(float[] logSsc, double partnerDecades, RobustStats.Binning binning) {
    Histogram h = RobustStats.histogram(logSsc, binning);
    int main = h.highestBin();
    int last = h.density().length - 1;
    double mainAt = h.center(main);
    // A partner is searched only where the histogram reaches partnerDecades from the main peak
    // (a bin index is clamped to the range, which would bring the search onto its flank).
    int below = mainAt - partnerDecades >= h.center(0)
        ? partnerPeak(h, h.bin(mainAt - partnerDecades), h.bin(mainAt - partnerDecades / 2), main)
        : -1;
    int above = mainAt + partnerDecades <= h.center(last)
        ? partnerPeak(h, h.bin(mainAt + partnerDecades), h.bin(mainAt + partnerDecades / 2), main)
        : -1;
    if (below < 0 && above < 0) {
      return h.center(main) - partnerDecades;
    }
    boolean lymphoidMain = below < 0 || (above >= 0 && h.density()[above] > h.density()[below]);
    return lymphoidMain ? h.center(h.lowestBin(main, above)) : h.center(h.lowestBin(below, main));
  }

  /**
   * The partner peak whose search starts at bin {@code edge}, partnerDecades from the tallest
   * peak {@code main}, on the side away from it: the highest bin from there outwards, climbed
   * towards {@code main} while the density rises (a partner centred near the edge spills over
   * it), but not past {@code limit}, half way to {@code main}. It is a peak only if the climb
   * stops at a local maximum before {@code limit}; a climb still rising there is on the tallest
   * peak's flank, and then there is no partner (-1). Half way keeps the ripples of the main
   * peak's flank out.
   */
  private static int partnerPeak(Histogram h, int edge, int limit, int main) {
    double[] d = h.density();
    int step = main > edge ? 1 : -1;
    int peak = step > 0 ? h.highestBin(0, edge) : h.highestBin(edge, d.length - 1);
    if (!(d[peak] > 0)) {
      return -1;
    }
    while (peak != limit && d[peak + step] > d[peak]) {
      peak += step;
    }
    return peak == limit ? -1 : peak;
  }

}
