package org.mrdflow.gating.mrd;

import org.mrdflow.gating.events.EventMask;
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

  /** Events of {@code events} with score above {@code min}. */
  EventMask above(float[] cd38, float[] cd45, EventMask events, double min) {
    EventMask out = EventMask.none(events.size());
    for (int i : events.indices()) {
      if (score(cd38[i], cd45[i]) > min) {
        out.set(i);
      }
    }
    return out;
  }
}
