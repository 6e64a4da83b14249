package org.mrdflow.gating.flowjo;

import java.util.List;

/**
 * A gate as FlowJo writes it (its Gating-ML 2.0 dialect), before dimensions are bound to a file.
 * Dimension names are FlowJo's ({@code Comp-PE-A}, {@code /} in $PnN written as {@code _}).
 */
public sealed interface FlowJoGate {
  /** FlowJo's gating:id. */
  String gateId();

  List<String> dimensions();

  /** The gate type in words: rectangle, polygon, ellipse or the unsupported element's name. */
  String type();

  /** Rectangle or range ({@code min <= x < max}); an absent bound is an infinity. */
  record Rectangle(String gateId, List<String> dimensions, double[] min, double[] max)
      implements FlowJoGate {
    @Override
    public String type() {
      return "rectangle";
    }
  }

  /** Polygon; vertices on the data (raw, untransformed) scale. */
  record Polygon(String gateId, List<String> dimensions, double[] xs, double[] ys)
      implements FlowJoGate {
    @Override
    public String type() {
      return "polygon";
    }
  }

  /**
   * FlowJo 10's ellipse: two foci and four points on the ellipse (two at the ends of each
   * axis), in FlowJo's 256 x 256 display space (the transformed scale binned into 256 channels).
   */
  record Ellipse(String gateId, List<String> dimensions, double[][] foci, double[][] edge)
      implements FlowJoGate {
    @Override
    public String type() {
      return "ellipse";
    }
  }

  /** A gate element the importer does not know (e.g. a spline or curly quad gate). */
  record Unsupported(String gateId, List<String> dimensions, String element)
      implements FlowJoGate {
    @Override
    public String type() {
      return "unsupported " + element;
    }
  }
}
