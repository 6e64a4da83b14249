package org.mrdflow.gating.mrd;

import java.util.List;
import java.util.Map;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.gate.Region;
import org.mrdflow.gating.method.MethodContext;
import org.mrdflow.gating.method.MethodParameter;
import org.mrdflow.gating.method.MethodParameter.Type;
import org.mrdflow.gating.method.MethodResult;

/**
 * {@code mrd-singlets} (domain brief section 3.3): doublets have a larger area for their height,
 * so singlets have FSC-A / FSC-H at most the parent's median ratio + {@code spreads} robust SDs.
 * Dimensions: FSC-A, FSC-H (linear) and the strategy's FSC-A/FSC-H ratio, which the cut is
 * stated on. Landmark {@code ratio-max}. The result is the MRD
 * denominator; a sample without any is not analysable ({@link MrdGatingException}).
 */
public final class SingletsMethod extends MrdMethod {
  public SingletsMethod() {
    super("mrd-singlets", 3);
  }

  @Override
  public List<MethodParameter> parameters() {
    return List.of(MethodParameter.optional("spreads", Type.NUMBER, 4.0,
        "FSC-A/FSC-H ratio at most median + this many robust SDs"));
  }

  @Override
  public MethodResult fit(MethodContext context) {
    float[][] columns = context.columns();
    float[] area = columns[0];
    float[] height = columns[1];
    int n = context.eventCount();
    float[] ratio = new float[n];
    for (int i = 0; i < n; i++) {
      ratio[i] = height[i] > 0 ? area[i] / height[i] : Float.NaN;
    }
    EventMask parent = context.parent();
    float[] parentRatios = RobustStats.values(ratio, parent);
    double ratioMax = RobustStats.median(parentRatios)
        + context.arguments().number("spreads") * RobustStats.robustSd(parentRatios);
    // Stated on the strategy's FSC-A/FSC-H ratio dimension (the same float quotient), with
    // FSC-H > 0 where the ratio above is undefined.
    Region region = new Region.And("singlets", List.of(
        Cuts.range("fsc-h-positive", dimension(context, 1), Float.MIN_VALUE,
            Double.POSITIVE_INFINITY),
        Cuts.atMost("ratio-at-most", dimension(context, 2), ratioMax)));
    if (context.select(region).cardinality() == 0) {
      throw cannotCalibrate(context, "no nucleated single cells left after time, debris and "
          + "singlet gates (" + n + " events)");
    }
    return result(region, "FSC-A/FSC-H singlets", Map.of("ratio-max", ratioMax));
  }
}
