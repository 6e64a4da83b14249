package org.mrdflow.gating.mrd;

import java.util.List;
import java.util.Map;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.Region;
import org.mrdflow.gating.method.MethodContext;

/**
 * How far below normal CD34+ progenitors a cell's CD38 and CD45 are, in their robust SDs:
 * (P38 - CD38) / SD38 + (P45 - CD45) / SD45. Normal precursors are CD38 bright and CD45 dim,
 * leukemic blasts CD38 dim and CD45 dimmer (Reiter et al. 2019).
 */
record ProgenitorScore(double p38Median, double p38Sd, double p45Median, double p45Sd) {

  /** The reference from a progenitor population's landmarks (NaN where one is missing). */
  static ProgenitorScore of(Map<String, Double> landmarks) {
    return new ProgenitorScore(landmarks.getOrDefault("cd38-median", Double.NaN),
        landmarks.getOrDefault("cd38-sd", Double.NaN),
        landmarks.getOrDefault("cd45-median", Double.NaN),
        landmarks.getOrDefault("cd45-sd", Double.NaN));
  }

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
   * The score in which CD45 brighter than the progenitors is no credit, as
   * {@link #aboveWithoutCd45Credit} states it as geometry.
   */
  double scoreWithoutCd45Credit(float cd38, float cd45) {
    return (p38Median - cd38) / p38Sd + Math.max((p45Median - cd45) / p45Sd, 0);
  }

  /**
   * Score above {@code min} as geometry: (P38 - CD38)/SD38 + (P45 - CD45)/SD45 > min is the
   * half-plane CD38/SD38 + CD45/SD45 < P38/SD38 + P45/SD45 - min.
   */
  Region above(String name, Dimension cd38, Dimension cd45, double min) {
    return Cuts.halfPlane(name, cd38, cd45, 1 / p38Sd, 1 / p45Sd,
        p38Median / p38Sd + p45Median / p45Sd - min);
  }

  /**
   * (P38 - CD38)/SD38 + max((P45 - CD45)/SD45, 0) above {@code min}: the score in which CD45
   * brighter than the progenitors is no credit against a dim CD38. A clone's CD45 ranges from
   * negative to as bright as normal precursors (domain brief 3.7, "CD45 dim/negative"), so its
   * CD45-bright edge is still CD38 dim, whereas normal B precursors that are CD45 brighter are
   * also CD38 bright. As geometry: the score half-plane, or CD38 alone below P38 - min SD38.
   */
  Region aboveWithoutCd45Credit(String name, Dimension cd38, Dimension cd45, double min) {
    return new Region.Or(name, List.of(above("cd38-cd45", cd38, cd45, min),
        Cuts.below("cd38", cd38, p38Median - min * p38Sd)));
  }
}
