package org.mrdflow.gating.mrd;

import java.util.List;
import java.util.Map;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.gate.RectangleGate;
import org.mrdflow.gating.gate.Region;
import org.mrdflow.gating.method.MethodContext;
import org.mrdflow.gating.method.MethodParameter;
import org.mrdflow.gating.method.MethodParameter.Type;
import org.mrdflow.gating.method.MethodResult;

/**
 * {@code mrd-scatter-window}: the lymphoid scatter window blasts are searched in, on log10 FSC-A
 * and log10 SSC-A around the {@code reference} (T/NK lymphocytes) medians: at least median -
 * {@code low_spreads} robust SDs on both, at most median + {@code fsc_high_spreads} on FSC (blasts
 * are larger than lymphocytes) and + {@code ssc_high_spreads} on SSC, capped at the
 * {@code ssc_max_from} population's {@code log10-ssc-max}. Dimensions: FSC-A, SSC-A (linear).
 * Landmarks {@code log10-fsc-min}, {@code log10-fsc-max}, {@code log10-ssc-min},
 * {@code log10-ssc-max}.
 */
public final class ScatterWindowMethod extends MrdMethod {
  public ScatterWindowMethod() {
    super("mrd-scatter-window", 2);
  }

  @Override
  public List<MethodParameter> parameters() {
    return List.of(
        population("reference", "lymphocytes-t-nk", "whose scatter is the reference"),
        population("ssc_max_from", "ssc-low", "whose log10-ssc-max caps the window"),
        MethodParameter.optional("low_spreads", Type.NUMBER, 3.0,
            "log FSC and log SSC at least the reference median - this many SDs"),
        MethodParameter.optional("fsc_high_spreads", Type.NUMBER, 6.0,
            "log FSC at most the reference median + this many SDs"),
        MethodParameter.optional("ssc_high_spreads", Type.NUMBER, 4.0,
            "log SSC at most the reference median + this many SDs"),
        MethodParameter.optional("min_spread_decades", Type.NUMBER, 0.005,
            "floor on the reference's robust scatter SD, in decades"));
  }

  @Override
  public MethodResult fit(MethodContext context) {
    float[] fsc = context.columns()[0];
    float[] ssc = context.columns()[1];
    EventMask reference = events(context, "reference");
    float[] lymphFsc = EventCuts.log10Of(fsc, reference);
    float[] lymphSsc = EventCuts.log10Of(ssc, reference);
    double minSd = context.arguments().number("min_spread_decades");
    double fscMed = RobustStats.median(lymphFsc);
    double fscSd = Math.max(RobustStats.robustSd(lymphFsc), minSd);
    double sscMed = RobustStats.median(lymphSsc);
    double sscSd = Math.max(RobustStats.robustSd(lymphSsc), minSd);
    double low = context.arguments().number("low_spreads");
    double fscMin = fscMed - low * fscSd;
    double fscMax = fscMed + context.arguments().number("fsc_high_spreads") * fscSd;
    double sscMin = sscMed - low * sscSd;
    double sscMax = Math.min(landmark(context, "ssc_max_from", "log10-ssc-max"),
        sscMed + context.arguments().number("ssc_high_spreads") * sscSd);
    // log10 FSC-A and log10 SSC-A within [min, max]: the linear values between the first
    // float passing each lower bound and the first float failing each upper bound.
    double[] fscRange = Cuts.functionWithin(MrdMethod::log10, fscMin, fscMax);
    double[] sscRange = Cuts.functionWithin(MrdMethod::log10, sscMin, sscMax);
    Region window = Double.isNaN(fscRange[0]) || Double.isNaN(sscRange[0])
        ? new Region.Nothing()
        : new Region.Shape("window", new RectangleGate(
            List.of(dimension(context, 0), dimension(context, 1)),
            new double[] {fscRange[0], sscRange[0]},
            new double[] {upper(fscRange[1]), upper(sscRange[1])}));
    return result(window, "lymphoid scatter window", Map.of("log10-fsc-min", fscMin,
        "log10-fsc-max", fscMax, "log10-ssc-min", sscMin, "log10-ssc-max", sscMax));
  }

  /** The first failing float as an exclusive maximum; NaN (none fails): open. */
  private static double upper(double firstFailing) {
    return Double.isNaN(firstFailing) ? Double.POSITIVE_INFINITY : firstFailing;
  }
}
