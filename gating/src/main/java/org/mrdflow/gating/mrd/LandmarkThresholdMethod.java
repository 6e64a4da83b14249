package org.mrdflow.gating.mrd;

import java.util.List;
import java.util.Map;
import org.mrdflow.gating.method.MethodContext;
import org.mrdflow.gating.method.MethodParameter;
import org.mrdflow.gating.method.MethodParameter.Type;
import org.mrdflow.gating.method.MethodResult;

/**
 * {@code mrd-landmark-threshold}: parent events above a landmark another MRD method measured on
 * this sample (e.g. CD19+ at the progenitors' {@code cd19-b-lineage-min}, CD10+ at the low-SSC
 * cells' {@code CD10.positive-min}). One dimension. Landmark {@code min}.
 */
public final class LandmarkThresholdMethod extends MrdMethod {
  public LandmarkThresholdMethod() {
    super("mrd-landmark-threshold", 1);
  }

  @Override
  public List<MethodParameter> parameters() {
    return List.of(
        MethodParameter.required("population", Type.POPULATION,
            "the population whose landmark is the threshold"),
        MethodParameter.required("landmark", Type.STRING, "name of that landmark"));
  }

  @Override
  public MethodResult fit(MethodContext context) {
    double min = landmark(context, "population", context.arguments().string("landmark"));
    return result(Cuts.above("above-landmark", context.dimensions().get(0), min),
        "above " + context.arguments().string("population") + " "
            + context.arguments().string("landmark"), Map.of("min", min));
  }
}
