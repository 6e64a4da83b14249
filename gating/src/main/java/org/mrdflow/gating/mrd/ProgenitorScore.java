package org.mrdflow.gating.mrd;

import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.Region;
import org.mrdflow.gating.method.MethodContext;

/**
 * How far below normal CD34+ progenitors a cell's CD38 and CD45 are, in their robust SDs:
 * (P38 - CD38) / SD38 + (P45 - CD45) / SD45. Normal precursors are CD38 bright and CD45 dim,
 * leukemic blasts CD38 dim and CD45 dimmer (Reiter et al. 2019).
 */
record ProgenitorScore(double p38Median, double p38Sd, double p45Median, double p45Sd) {

  /** The reference landmarks of the population named by argument {@code argument}. */
  static ProgenitorScore of(MethodContext context, String argument) {
    return new ProgenitorScore(
        MrdMethod.landmark(context, argument, "cd38-median"),
        MrdMethod.landmark(context, argument, "cd38-sd"),
        MrdMethod.landmark(context, argument, "cd45-median"),
        MrdMethod.landmark(context, argument, "cd45-sd"));
  }

  double score(float cd38, float cd45) {
    return (p38Median - cd38) / p38Sd + (p45Median - cd45) / p45Sd;
  }

  /**
   * Score above {@code min} as geometry: (P38 - CD38)/SD38 + (P45 - CD45)/SD45 > min is the
   * half-plane CD38/SD38 + CD45/SD45 < P38/SD38 + P45/SD45 - min.
   */
  Region above(String name, Dimension cd38, Dimension cd45, double min) {
    return Cuts.halfPlane(name, cd38, cd45, 1 / p38Sd, 1 / p45Sd,
        p38Median / p38Sd + p45Median / p45Sd - min);
  }
}
