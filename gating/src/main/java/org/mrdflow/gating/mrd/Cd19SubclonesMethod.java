package org.mrdflow.gating.mrd;

import java.util.List;
import java.util.Map;
import org.mrdflow.gating.method.MethodContext;
import org.mrdflow.gating.method.MethodParameter;
import org.mrdflow.gating.method.MethodParameter.Type;
import org.mrdflow.gating.method.MethodResult;

/**
 * {@code mrd-cd19-subclones}: blasts of CD19-expressing subclones ({@link Cd19Expression}). A
 * single clone expresses CD19 when its median is confidently above the {@code negatives} (T/NK)
 * CD19 median + {@code spreads} SDs (CD19-dim clones sit about a decade below normal B but are
 * still CD19+); two subclones are only split when the upper one is at the normal-B CD19 level
 * (the {@code b_level} population's {@code cd19-min}), else the split is the spillover spreading
 * of one CD19-negative or CD19-dim clone. One dimension: CD19 (logicle). Landmarks {@code cd19-expressed-min},
 * {@code positive-fraction} (NaN without blasts) and {@code expression-uncertain} (1 when a
 * single clone's CD19 expression is not established, {@link Cd19Expression}).
 */
public final class Cd19SubclonesMethod extends MrdMethod {
  public Cd19SubclonesMethod() {
    super("mrd-cd19-subclones", 1);
  }

  @Override
  public List<MethodParameter> parameters() {
    return List.of(
        population("negatives", "lymphocytes-t-nk", "of CD19-negative lymphocytes"),
        population("reference", "progenitors", "with the min-spread landmark"),
        population("b_level", "pro-b-blasts", "with the cd19-min landmark (normal-B CD19)"),
        MethodParameter.optional("spreads", Type.NUMBER, 2.0,
            "a single clone is CD19+ above the negatives' median + this many SDs"));
  }

  @Override
  public MethodResult fit(MethodContext context) {
    float[] cd19 = context.columns()[0];
    float[] negatives = RobustStats.values(cd19, events(context, "negatives"));
    double expressed = RobustStats.median(negatives) + context.arguments().number("spreads")
        * Math.max(RobustStats.robustSd(negatives), landmark(context, "reference", "min-spread"));
    Cd19Expression expression = Cd19Expression.of(cd19, context.parent(), expressed,
        landmark(context, "b_level", "cd19-min"));
    return result(expression.positive(), "blasts of CD19-expressing subclones", Map.of(
        "cd19-expressed-min", expressed, "positive-fraction", expression.positiveFraction(),
        "expression-uncertain", expression.uncertain() ? 1.0 : 0.0));
  }
}
