package org.mrdflow.gating.mrd;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mrdflow.gating.gate.BooleanGate;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.EllipsoidGate;
import org.mrdflow.gating.gate.GateDefinition;
import org.mrdflow.gating.gate.PolygonGate;
import org.mrdflow.gating.gate.RectangleGate;
import org.mrdflow.gating.gatingml.GatingMlException;
import org.mrdflow.gating.gatingml.GatingMlWriter;
import org.mrdflow.gating.panel.Panel;
import org.mrdflow.gating.strategy.GatingStrategy;
import org.mrdflow.gating.strategy.Population;
import org.mrdflow.gating.strategy.RatioDefinition;
import org.mrdflow.gating.transform.LogicleTransform;
import org.mrdflow.gating.transform.RatioTransform;
import org.mrdflow.gating.transform.Transform;

/**
 * The MRD gates applied to one sample as a Gating-ML 2.0 strategy with frozen geometry (written
 * by the engine's {@link GatingMlWriter}), so a cytometrist can open exactly what MRDFlow did in
 * FlowJo, FlowKit or Cytobank. Every data-driven cut becomes explicit geometry: rectangles on
 * scatter, time and markers, the FSC-A/FSC-H ratio as an {@code fratio} dimension, the linear
 * blast scores as half-plane polygons, the grown blast cluster as an ellipsoid, combined with
 * Boolean gates into {@code blasts} (seeds, grown cluster, CD10-negative pro-B blasts). Scatter is linear and uncompensated; markers are FCS-compensated on logicle.
 */
public final class MrdGatingMl {
  /** Half-planes are clipped to this box on the logicle scale (data lie within about -1..2). */
  private static final double BOX = 50;
  private static final String COMP = Dimension.FILE_COMPENSATION;
  private static final String RATIO = "fsc-a-over-fsc-h";

  private MrdGatingMl() {}

  /** Writes the frozen strategy of {@code sample}. */
  public static void write(MrdAnalysis.SampleAnalysis sample, MrdAnalysisConfig config,
      Path file) {
    try (OutputStream out = Files.newOutputStream(file)) {
      GatingMlWriter.write(strategy(sample, config.strategyId(), config.panel()),
          sample.channels(), out);
    } catch (IOException e) {
      throw new GatingMlException(file + ": cannot write: " + e.getMessage(), e);
    }
  }

  /** The frozen strategy; marker dimensions are named by marker (map with {@code channels}). */
  public static GatingStrategy strategy(MrdAnalysis.SampleAnalysis sample, String strategyId,
      Panel panel) {
    MarrowGatingResult g = sample.gates();
    MarrowGatingResult.Thresholds t = g.thresholds();
    Map<String, Transform> transforms = new LinkedHashMap<>();
    Map<String, String> markerTransform = new LinkedHashMap<>();
    double w = 0.5;
    double m = sample.events().decades();
    for (Map.Entry<String, Double> top : sample.logicleTop().entrySet()) {
      String id = "logicle-T" + Math.round(top.getValue());
      transforms.putIfAbsent(id, new LogicleTransform(top.getValue(), w, m, 0));
      markerTransform.put(top.getKey(), id);
    }
    Builder b = new Builder(markerTransform);
    String root = null;
    if (sample.channels().containsKey(MrdAnalysis.TIME)) {
      // Gating-ML needs one finite bound per rectangle dimension: start at the first event.
      double first = Double.POSITIVE_INFINITY;
      for (float time : sample.events().time()) {
        first = Math.min(first, time);
      }
      List<double[]> segments = new ArrayList<>();
      for (double[] segment : g.timeSegments().isEmpty()
          ? List.of(new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY})
          : g.timeSegments()) {
        segments.add(new double[] {Math.max(first, segment[0]), segment[1]});
      }
      root = "time-ok";
      if (segments.size() == 1) {
        b.add(root, null, b.rectangle(MrdAnalysis.TIME, segments.get(0)[0], segments.get(0)[1]));
      } else {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < segments.size(); k++) {
          String id = "time-segment-" + (k + 1);
          b.add(id, null, b.rectangle(MrdAnalysis.TIME, segments.get(k)[0], segments.get(k)[1]));
          parts.add(id);
        }
        b.add(root, null, b.or(parts));
      }
    }
    b.add("cells", root, b.rectangle(MrdAnalysis.FSC_A, Math.pow(10, t.debrisLog10FscMax()),
        Double.POSITIVE_INFINITY));
    b.add("nucleated", "cells", new RectangleGate(List.of(new Dimension(RATIO, true, "", "")),
        new double[] {Double.NEGATIVE_INFINITY}, new double[] {t.singletRatioMax()}));
    b.add("ssc-low", "nucleated", b.rectangle(MrdAnalysis.SSC_A, Double.NEGATIVE_INFINITY,
        Math.pow(10, t.sscLowLog10Max())));
    b.add("cd19-positive", "ssc-low", b.marker("CD19", t.cd19Positive(), BOX));
    b.add("plasma-cells", "cd19-positive", b.markers(new String[] {"CD38", "CD10", "CD20"},
        new double[] {t.plasmaCd38Min(), -BOX, -BOX},
        new double[] {BOX, t.cd10Positive(), t.cd20Positive()}));
    b.add("b-lineage", "cd19-positive", b.not("plasma-cells"));
    b.add("blast-scatter", "ssc-low", new RectangleGate(
        List.of(b.scatter(MrdAnalysis.FSC_A), b.scatter(MrdAnalysis.SSC_A)),
        new double[] {Math.pow(10, t.blastLog10FscMin()), Math.pow(10, t.blastLog10SscMin())},
        new double[] {Math.pow(10, t.blastLog10FscMax()), Math.pow(10, t.blastLog10SscMax())}));
    b.add("cd10-bright", "blast-scatter", b.marker("CD10", t.cd10Bright(), BOX));
    b.add("candidates", "cd10-bright", b.not("plasma-cells"));
    // score = (P38 - CD38)/s38 + (P45 - CD45)/s45 > k  <=>  CD38/s38 + CD45/s45 < P38/s38 +
    // P45/s45 - k; deficit = (P38 - CD38 + CD10 - bright)/s38 > k  <=>  CD38 - CD10 < P38 -
    // bright - k s38.
    double s38 = t.progenitorCd38Sd();
    double s45 = t.progenitorCd45Sd();
    double scoreBase = t.progenitorCd38Median() / s38 + t.progenitorCd45Median() / s45;
    double deficitBase = t.progenitorCd38Median() - t.cd10Bright();
    b.add("score-core", "candidates", b.halfPlane("CD38", "CD45", 1 / s38, 1 / s45,
        scoreBase - t.coreScore()));
    b.add("blast-seeds", "score-core", b.halfPlane("CD38", "CD10", 1, -1,
        deficitBase - t.coreCd38Deficit() * s38));
    List<String> blastParts = new ArrayList<>(List.of("blast-seeds"));
    BlastCluster cluster = g.blastCluster();
    if (cluster != null) {
      b.add("score-grow", "candidates", b.halfPlane("CD38", "CD45", 1 / s38, 1 / s45,
          scoreBase - t.growScore()));
      b.add("deficit-grow", "score-grow", b.halfPlane("CD38", "CD10", 1, -1,
          deficitBase - t.growCd38Deficit() * s38));
      b.add("blast-cluster", "deficit-grow", b.ellipsoid(cluster));
      blastParts.add("blast-cluster");
    }
    // CD10-negative pro-B blasts: seeds at CD19 >= normal-B level, CD34+, CD10-, CD20-, score
    // above the seed level; grown: same CD19, score above the grow level, inside the ellipsoid.
    b.add("pro-b-lineage", "blast-scatter", b.marker("CD19", t.proBCd19Min(), BOX));
    b.add("pro-b-candidates", "pro-b-lineage", b.not("plasma-cells"));
    b.add("pro-b", "pro-b-candidates", b.markers(new String[] {"CD34", "CD10", "CD20"},
        new double[] {t.cd34Positive(), -BOX, -BOX},
        new double[] {BOX, t.cd10Positive(), t.cd20Positive()}));
    b.add("pro-b-seeds", "pro-b", b.halfPlane("CD38", "CD45", 1 / s38, 1 / s45,
        scoreBase - t.proBScore()));
    blastParts.add("pro-b-seeds");
    BlastCluster proB = g.proBCluster();
    if (proB != null) {
      b.add("pro-b-score-grow", "pro-b-candidates", b.halfPlane("CD38", "CD45", 1 / s38,
          1 / s45, scoreBase - t.proBGrowScore()));
      b.add("pro-b-cluster", "pro-b-score-grow", b.ellipsoid(proB));
      blastParts.add("pro-b-cluster");
    }
    b.add("blasts", "ssc-low", b.or(blastParts));
    return new GatingStrategy("MRDFlow " + strategyId + " applied", strategyId + "-frozen",
        Map.of(), transforms, Map.of(RATIO, new RatioDefinition(new RatioTransform(1, 0, 0),
            MrdAnalysis.FSC_A, MrdAnalysis.FSC_H)), b.populations, "nucleated", panel);
  }

  /** Collects populations and builds gates over named markers. */
  private static final class Builder {
    private final Map<String, String> markerTransform;
    private final List<Population> populations = new ArrayList<>();

    Builder(Map<String, String> markerTransform) {
      this.markerTransform = markerTransform;
    }

    void add(String id, String parent, GateDefinition gate) {
      populations.add(new Population(id, id, parent, gate));
    }

    Dimension dimension(String marker) {
      return Dimension.of(marker, COMP, markerTransform.get(marker));
    }

    Dimension scatter(String parameter) {
      return Dimension.of(parameter, Dimension.UNCOMPENSATED, "");
    }

    RectangleGate rectangle(String parameter, double min, double max) {
      return new RectangleGate(List.of(scatter(parameter)), new double[] {min},
          new double[] {max});
    }

    RectangleGate marker(String marker, double min, double max) {
      return new RectangleGate(List.of(dimension(marker)), new double[] {min},
          new double[] {max});
    }

    RectangleGate markers(String[] markers, double[] min, double[] max) {
      List<Dimension> dims = new ArrayList<>();
      for (String marker : markers) {
        dims.add(dimension(marker));
      }
      return new RectangleGate(dims, min, max);
    }

    /** The blast cluster's ellipsoid (diagonal covariance of its per-marker SDs). */
    EllipsoidGate ellipsoid(BlastCluster cluster) {
      List<String> markers = cluster.markers();
      double[][] covariance = new double[markers.size()][markers.size()];
      List<Dimension> dims = new ArrayList<>();
      for (int j = 0; j < markers.size(); j++) {
        covariance[j][j] = cluster.sd()[j] * cluster.sd()[j];
        dims.add(dimension(markers.get(j)));
      }
      return new EllipsoidGate(dims, cluster.centre(), covariance, cluster.distanceSquare());
    }

    BooleanGate or(List<String> ids) {
      return new BooleanGate(BooleanGate.Operator.OR,
          ids.stream().map(id -> new BooleanGate.Operand(id, false)).toList());
    }

    BooleanGate not(String id) {
      return new BooleanGate(BooleanGate.Operator.NOT, List.of(new BooleanGate.Operand(id, false)));
    }

    /** The region {@code a x + b y < c} within the box, as a polygon over (x, y). */
    PolygonGate halfPlane(String x, String y, double a, double b, double c) {
      double[][] corners = {{-BOX, -BOX}, {BOX, -BOX}, {BOX, BOX}, {-BOX, BOX}};
      List<double[]> kept = new ArrayList<>();
      for (int i = 0; i < corners.length; i++) {
        double[] p = corners[i];
        double[] q = corners[(i + 1) % corners.length];
        double fp = a * p[0] + b * p[1] - c;
        double fq = a * q[0] + b * q[1] - c;
        if (fp < 0) {
          kept.add(p);
        }
        if (fp < 0 != fq < 0) {
          double s = fp / (fp - fq);
          kept.add(new double[] {p[0] + s * (q[0] - p[0]), p[1] + s * (q[1] - p[1])});
        }
      }
      double[] xs = new double[kept.size()];
      double[] ys = new double[kept.size()];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = kept.get(i)[0];
        ys[i] = kept.get(i)[1];
      }
      return new PolygonGate(List.of(dimension(x), dimension(y)), xs, ys);
    }
  }
}
