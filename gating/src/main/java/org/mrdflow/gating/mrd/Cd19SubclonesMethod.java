package org.mrdflow.gating.mrd;

import java.util.List;
import java.util.Map;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.method.MethodContext;
import org.mrdflow.gating.method.MethodParameter;
import org.mrdflow.gating.method.MethodParameter.Type;
import org.mrdflow.gating.method.MethodResult;
import org.mrdflow.gating.transform.BiexponentialScale;

/**
 * {@code mrd-cd19-subclones}: blasts of CD19-expressing subclones ({@link Cd19Expression}). Two
 * subclones are only split when the upper one is at the normal-B CD19 level (the {@code b_level}
 * population's {@code cd19-min}); otherwise the blasts are one clone, expressing CD19 when its
 * median CD19 is confidently above the {@code negatives} (T/NK) median + {@code spreads} SDs
 * (CD19-dim clones sit about a decade below normal B but are still CD19+).
 *
 * <p>That single-clone test is made in linear units after removing residual spillover from
 * CD10: blasts are the brightest CD10 cells of the marrow, and a small error in the file's
 * CD10-to-CD19 spillover coefficient leaves CD19 signal proportional to CD10 that is as large
 * as a CD19-dim clone's on instruments where that coefficient is large (ECD into PC5.5 on a
 * Navios). The residual per unit of CD10 is measured on the file itself: the slope of CD19
 * against CD10 on CD19-negative {@code control} cells (SSC-high neutrophils, CD10 positive),
 * fitted through the medians of {@code slope_bins} CD10 quantile bins (so that stray B cells do
 * not pull it) over their CD10-brightest part, above the {@code slope_from_quantile} quantile:
 * a residual proportional to CD10 shows most there, and maturation-linked autofluorescence
 * differences among neutrophils (whose CD10 rises as they mature) weigh least. Dimensions:
 * CD19, CD10 (logicle). Landmarks {@code cd19-expressed-min} (on the CD19 scale, before the
 * correction), {@code cd10-residual-slope}, {@code positive-fraction} (NaN without blasts) and
 * {@code expression-uncertain} (1 when a single clone's CD19 expression is not established).
 */
public final class Cd19SubclonesMethod extends MrdMethod {
  public Cd19SubclonesMethod() {
    super("mrd-cd19-subclones", 2);
  }

  @Override
  public List<MethodParameter> parameters() {
    return List.of(
        population("negatives", "lymphocytes-t-nk", "of CD19-negative lymphocytes"),
        population("control", "ssc-high", "of CD10-positive CD19-negative cells (neutrophils)"),
        population("reference", "progenitors", "with the cd19-b-lineage-min landmark"),
        population("b_level", "pro-b-blasts", "with the cd19-min landmark (normal-B CD19)"),
        population("b_lineage", "b-lineage", "of B-lineage cells (the normal B cells' CD19)"),
        MethodParameter.optional("normal_b_spreads", Type.NUMBER, 3.0,
            "a split-off subclone expresses CD19 above the normal B cells' median minus this "
                + "many robust SDs"),
        MethodParameter.optional("min_normal_b_events", Type.INTEGER, 50,
            "fewer B-lineage cells outside the blasts than this: the b_level landmark alone"),
        MethodParameter.optional("spreads", Type.NUMBER, 2.0,
            "a single clone is CD19+ above the negatives' median + this many SDs"),
        MethodParameter.optional("slope_bins", Type.BINS, 5,
            "CD10 quantile bins of the control cells the residual slope is fitted through"),
        MethodParameter.optional("slope_from_quantile", Type.NUMBER, 0.5,
            "the bins cover the control cells' CD10 above this quantile"),
        MethodParameter.optional("min_control_events", Type.INTEGER, 200,
            "fewer control cells than this: no residual-spillover correction"));
  }

  @Override
  public MethodResult fit(MethodContext context) {
    float[] cd19 = context.columns()[0];
    float[] cd10 = context.columns()[1];
    BiexponentialScale cd19Scale = scale(context, 0);
    BiexponentialScale cd10Scale = scale(context, 1);
    double bLineageMin = landmark(context, "reference", "cd19-b-lineage-min");
    EventMask control = events(context, "control").andNot(EventCuts.above(cd19, bLineageMin,
        events(context, "control")));
    double slope = control.cardinality() < context.arguments().integer("min_control_events")
        ? 0 : residualSlope(cd19, cd10, cd19Scale, cd10Scale, control,
            context.arguments().number("slope_from_quantile"),
            context.arguments().integer("slope_bins"));
    EventMask negatives = events(context, "negatives");
    EventMask blasts = context.parent();
    float[] corrected = new float[cd19.length];
    for (EventMask events : List.of(negatives, blasts)) {
      for (int i : events.indices()) {
        corrected[i] = (float) (cd19Scale.inverse(cd19[i]) - slope * cd10Scale.inverse(cd10[i]));
      }
    }
    float[] negativeValues = RobustStats.values(corrected, negatives);
    if (negativeValues.length == 0) {
      throw cannotCalibrate(context, "no cells in population '"
          + context.arguments().string("negatives") + "': no CD19-negative level to judge the "
          + "blasts' CD19 expression against");
    }
    double expressed = RobustStats.median(negativeValues)
        + context.arguments().number("spreads") * RobustStats.robustSd(negativeValues);
    double normalBLevel = normalBLevel(cd19, events(context, "b_lineage").andNot(blasts),
        landmark(context, "b_level", "cd19-min"), context.arguments().number("normal_b_spreads"),
        context.arguments().integer("min_normal_b_events"));
    Cd19Expression expression = Cd19Expression.of(cd19, corrected, blasts, expressed,
        bLineageMin, normalBLevel);
    return result(Cuts.runs("cd19-expressing", dimension(context, 0), cd19, blasts,
        expression.positive()), "blasts of CD19-expressing subclones", Map.of(
        "cd19-expressed-min", cd19Scale.apply(expressed), "cd19-normal-b-min", normalBLevel,
        "cd10-residual-slope", slope,
        "positive-fraction", expression.positiveFraction(),
        "expression-uncertain", expression.uncertain() ? 1.0 : 0.0));
  }

  /**
   * The CD19 level of normal B cells a split-off subclone must reach to count as expressing:
   * the {@code landmark} (B lineage median - 3 SD, measured before the blasts were known), raised
   * to the median - {@code spreads} robust SDs of the B-lineage cells that are not blasts when
   * there are at least {@code minEvents} of them. The landmark's B lineage holds CD19-dim
   * blasts: a 5 % CD19-dim clone pulled it from about 0.5 to 0.35 on the logicle scale, where
   * the log-region half of that clone's own spread lies, and one clone was split in two (61 %
   * CD19+ against 100 %).
   */
  static double normalBLevel(float[] cd19, EventMask normalB, double landmark, double spreads,
      int minEvents) {
    if (normalB.cardinality() < minEvents) {
      return landmark;
    }
    float[] values = RobustStats.values(cd19, normalB);
    return Math.max(landmark,
        RobustStats.median(values) - spreads * RobustStats.robustSd(values));
  }

  /**
   * Least-squares slope of linear CD19 on linear CD10 through the (median CD10, median CD19) of
   * {@code bins} equal-count CD10 bins of {@code control} above its {@code fromQuantile} CD10
   * quantile (bins and medians are the same on the logicle scale, which is monotone, so only
   * the medians are made linear).
   */
  static double residualSlope(float[] cd19, float[] cd10, BiexponentialScale cd19Scale,
      BiexponentialScale cd10Scale, EventMask control, double fromQuantile, int bins) {
    float[] controlCd10 = RobustStats.values(cd10, control);
    double[] binX = new double[bins];
    double[] binY = new double[bins];
    double meanX = 0;
    double meanY = 0;
    for (int b = 0; b < bins; b++) {
      double from = fromQuantile + (1 - fromQuantile) * b / bins;
      double to = fromQuantile + (1 - fromQuantile) * (b + 1) / bins;
      EventMask bin = control
          .andNot(EventCuts.below(cd10, RobustStats.quantile(controlCd10, from), control))
          .andNot(EventCuts.above(cd10, RobustStats.quantile(controlCd10, to), control));
      binX[b] = cd10Scale.inverse(RobustStats.median(RobustStats.values(cd10, bin)));
      binY[b] = cd19Scale.inverse(RobustStats.median(RobustStats.values(cd19, bin)));
      meanX += binX[b] / bins;
      meanY += binY[b] / bins;
    }
    double sxy = 0;
    double sxx = 0;
    for (int b = 0; b < bins; b++) {
      sxy += (binX[b] - meanX) * (binY[b] - meanY);
      sxx += (binX[b] - meanX) * (binX[b] - meanX);
    }
    return sxx > 0 ? sxy / sxx : 0;
  }
}
