package org.mrdflow.simulation;

/**
 * Leukemic blast phenotypes (domain brief 3.7 and 3.8). The archetype code is the one the shared
 * truth format uses in its {@code archetype} field, so evaluation can group both generators alike.
 */
public enum BlastPhenotype {
  /** Maturation arrest with CD10 over-expression, CD45 dim to negative, CD38 dim, CD34+, CD20-. */
  CLASSIC("A"),
  /** As classic plus CD20 on CD34+ CD10-bright cells: the asynchrony that mimics stage II. */
  CD20_ASYNCHRONOUS("B"),
  /**
   * CD10-negative pro-B (KMT2A-rearranged type): CD19+ CD34+ CD10- CD20-, CD38 and CD45 only
   * moderately dimmer than normal CD34+ progenitors, which it sits beside.
   */
  PRO_B("D"),
  /** CD19 about one decade dimmer: partly inside the CD19-negative spread. */
  CD19_DIM("E"),
  /** CD19 lost (escape after CD19 CAR-T): found only through CD10/CD34/CD45/SSC. */
  CD19_NEGATIVE("F"),
  /** Two subclones: classic CD19+ and CD19-negative, in a given proportion. */
  MIXED("G"),
  /**
   * Like the real AIEOP-BFM KM1 tube of issue 10 (mrdsim's km1-like sample, an archetype A with
   * overrides, hence its code): CD10 over-expressed, CD45 as bright as lymphocytes, CD38
   * moderate, CD34 dim and wide, CD20 partly positive. Not dimmer than normal progenitors in
   * CD38/CD45, so the "different from normal" blast score misses most of it.
   */
  CD45_BRIGHT("A");

  private final String archetype;

  BlastPhenotype(String archetype) {
    this.archetype = archetype;
  }

  /** The {@code archetype} code written to the truth file. */
  public String archetype() {
    return archetype;
  }
}
