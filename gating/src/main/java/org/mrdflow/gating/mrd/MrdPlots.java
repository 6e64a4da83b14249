package org.mrdflow.gating.mrd;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mrdflow.gating.events.EventMask;

/**
 * The per-sample gating plots a cytometrist checks a call with: CD45/SSC, FSC-A/FSC-H, CD19/SSC,
 * CD10/CD19, CD34/CD38, CD45/CD38 (the blast score), CD20/CD10 and CD10/CD45 on the
 * CD19-negative arm, with the blasts in red and this sample's gates drawn as the geometry that
 * selected them ({@link PlotGates}: the engine's applied strategy, projected on each panel), in one figure titled with the result, as PNG and (on
 * request) SVG drawn by the same routine (VectorGraphics2D, XChart's own vector back end).
 * Fluorescence is on the logicle gating scale, SSC on log10. Background events are drawn with a
 * fixed stride above {@value #BACKGROUND_POINTS} points per series ({@value
 * #SVG_BACKGROUND_POINTS} in the SVG) to keep the file readable (display only: every count comes
 * from all events); blasts are always all drawn.
 */
public final class MrdPlots {
  private static final int BACKGROUND_POINTS = 30_000;
  /** Each SVG point is an element of about 150 bytes: fewer background points keep it small. */
  private static final int SVG_BACKGROUND_POINTS = 4_000;
  private static final int PANEL_WIDTH = 520;
  private static final int PANEL_HEIGHT = 560;
  private static final int COLUMNS = 4;
  private static final int TITLE_HEIGHT = 70;
  private static final int PANEL_TITLE_HEIGHT = 24;
  private static final Color BACKGROUND = new Color(110, 110, 110, 70);
  private static final Color HIGHLIGHT = new Color(30, 90, 200, 110);
  private static final Color BLAST = new Color(220, 20, 20, 220);

  private MrdPlots() {}

  /**
   * The figure as PNG bytes, drawn in memory (nothing touches the file system, so a Spark task
   * can call it). {@code label} heads the title line (a sample label chosen by the caller: the
   * file name is only shown when the caller passes it).
   */
  public static byte[] png(MrdAnalysis.SampleAnalysis sample, String label) {
    List<XYChart> charts = charts(sample, BACKGROUND_POINTS);
    BufferedImage image = new BufferedImage(COLUMNS * PANEL_WIDTH, height(charts),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    draw(g, charts, title(label, sample.result()));
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("the JDK has no PNG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding into memory failed", e);
    }
    return out.toByteArray();
  }

  /** The same figure as SVG bytes (UTF-8), drawn in memory; {@code label} as for {@link #png}. */
  public static byte[] svg(MrdAnalysis.SampleAnalysis sample, String label) {
    List<XYChart> charts = charts(sample, SVG_BACKGROUND_POINTS);
    VectorGraphics2D g = new VectorGraphics2D();
    draw(g, charts, title(label, sample.result()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new SVGProcessor().getDocument(g.getCommands(),
          new PageSize(0, 0, COLUMNS * PANEL_WIDTH, height(charts))).writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("SVG encoding into memory failed", e);
    }
    return out.toByteArray();
  }

  /** Writes {@link #png} as {@code <dir>/<stem>.mrd.png}, labelled {@code stem}; returns it. */
  public static Path write(MrdAnalysis.SampleAnalysis sample, String stem, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    return Files.write(dir.resolve(stem + ".mrd.png"), png(sample, stem));
  }

  /** Writes {@link #svg} as {@code <dir>/<stem>.mrd.svg}, labelled {@code stem}; returns it. */
  public static Path writeSvg(MrdAnalysis.SampleAnalysis sample, String stem, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    return Files.write(dir.resolve(stem + ".mrd.svg"), svg(sample, stem));
  }

  private static List<XYChart> charts(MrdAnalysis.SampleAnalysis sample, int background) {
    MrdEvents e = sample.events();
    MarrowGatingResult g = sample.gates();
    PlotGates gates = new PlotGates(sample.gating().appliedStrategy());
    float[] logSsc = log10(e.sscA());
    float[] cd10 = e.marker("CD10");
    float[] cd19 = e.marker("CD19");
    float[] cd20 = e.marker("CD20");
    float[] cd34 = e.marker("CD34");
    float[] cd38 = e.marker("CD38");
    float[] cd45 = e.marker("CD45");
    EventMask blasts = g.blasts();
    List<XYChart> charts = new ArrayList<>();
    PlotGates.Axis ssc = PlotGates.Axis.log10(MrdAnalysis.SSC_A, logSsc);
    PlotGates.Axis fscA = PlotGates.Axis.linear(MrdAnalysis.FSC_A, e.fscA());
    PlotGates.Axis fscH = PlotGates.Axis.linear(e.pulse(), e.fscH());
    PlotGates.Axis cd10Axis = PlotGates.Axis.linear("CD10", cd10);
    PlotGates.Axis cd19Axis = PlotGates.Axis.linear("CD19", cd19);
    PlotGates.Axis cd20Axis = PlotGates.Axis.linear("CD20", cd20);
    PlotGates.Axis cd34Axis = PlotGates.Axis.linear("CD34", cd34);
    PlotGates.Axis cd38Axis = PlotGates.Axis.linear("CD38", cd38);
    PlotGates.Axis cd45Axis = PlotGates.Axis.linear("CD45", cd45);

    XYChart cd45Ssc = chart("CD45 / SSC (nucleated)", "CD45", "log10 SSC-A");
    points(cd45Ssc, background, "nucleated", cd45, logSsc, g.nucleated().andNot(blasts),
        BACKGROUND);
    points(cd45Ssc, background, "T/NK lymphocytes", cd45, logSsc, g.lymphocytesTnk(), HIGHLIGHT);
    points(cd45Ssc, background, "blasts", cd45, logSsc, blasts, BLAST);
    gates.draw(cd45Ssc, cd45Axis, ssc, "ssc-low", "cd45-bright");
    charts.add(cd45Ssc);

    XYChart singlets = chart("FSC-A / " + e.pulse() + " (time-OK events)", "FSC-A", e.pulse());
    points(singlets, background, "excluded", e.fscA(), e.fscH(),
        g.timeOk().andNot(g.nucleated()), BACKGROUND);
    points(singlets, background, "nucleated singlets", e.fscA(), e.fscH(), g.nucleated(),
        HIGHLIGHT);
    gates.draw(singlets, fscA, fscH, "cells", "singlets");
    charts.add(singlets);

    XYChart cd19Ssc = chart("CD19 / SSC (nucleated)", "CD19", "log10 SSC-A");
    points(cd19Ssc, background, "nucleated", cd19, logSsc, g.nucleated().andNot(blasts),
        BACKGROUND);
    points(cd19Ssc, background, "B lineage", cd19, logSsc, g.bLineage().andNot(blasts), HIGHLIGHT);
    points(cd19Ssc, background, "blasts", cd19, logSsc, blasts, BLAST);
    gates.draw(cd19Ssc, cd19Axis, ssc, "ssc-low", "cd19-positive");
    charts.add(cd19Ssc);

    XYChart cd10Cd19 = chart("CD10 / CD19 (SSC-low)", "CD19", "CD10");
    points(cd10Cd19, background, "SSC-low", cd19, cd10, g.sscLow().andNot(blasts), BACKGROUND);
    points(cd10Cd19, background, "normal B", cd19, cd10, g.normalB(), HIGHLIGHT);
    points(cd10Cd19, background, "blasts", cd19, cd10, blasts, BLAST);
    gates.draw(cd10Cd19, cd19Axis, cd10Axis, "cd19-positive", "cd10-bright");
    charts.add(cd10Cd19);

    EventMask lineageAndArm = g.bLineage().or(g.cd19NegativeArm());
    XYChart cd34Cd38 = chart("CD34 / CD38 (B lineage + CD19- arm)", "CD38", "CD34");
    points(cd34Cd38, background, "progenitors (reference)", cd38, cd34, g.progenitors(),
        BACKGROUND);
    points(cd34Cd38, background, "B lineage, CD19- arm", cd38, cd34,
        lineageAndArm.andNot(blasts), HIGHLIGHT);
    points(cd34Cd38, background, "blasts", cd38, cd34, blasts, BLAST);
    gates.draw(cd34Cd38, cd38Axis, cd34Axis, "progenitors", "blast-cluster", "pro-b-blasts");
    charts.add(cd34Cd38);

    XYChart cd45Cd38 = chart("CD45 / CD38 (blast candidates)", "CD38", "CD45");
    EventMask candidates = g.cd19NegativeArm().or(g.bLineage());
    points(cd45Cd38, background, "progenitors (reference)", cd38, cd45, g.progenitors(),
        BACKGROUND);
    points(cd45Cd38, background, "B lineage, CD19- arm", cd38, cd45, candidates.andNot(blasts),
        HIGHLIGHT);
    points(cd45Cd38, background, "blasts", cd38, cd45, blasts, BLAST);
    gates.draw(cd45Cd38, cd38Axis, cd45Axis, "blast-seeds", "blast-cluster", "pro-b-blasts");
    charts.add(cd45Cd38);

    XYChart cd20Cd10 = chart("CD20 / CD10 (B lineage)", "CD10", "CD20");
    points(cd20Cd10, background, "B lineage", cd10, cd20, g.bLineage().andNot(blasts), HIGHLIGHT);
    points(cd20Cd10, background, "blasts", cd10, cd20, blasts.and(g.bLineage()), BLAST);
    gates.draw(cd20Cd10, cd10Axis, cd20Axis, "cd10-bright", "blast-cluster", "pro-b-blasts");
    charts.add(cd20Cd10);

    XYChart arm = chart("CD10 / CD45 (SSC-low CD19-)", "CD45", "CD10");
    EventMask cd19Negative = g.sscLow().andNot(g.bLineage()).andNot(g.plasma());
    points(arm, background, "SSC-low CD19-", cd45, cd10, cd19Negative.andNot(blasts), BACKGROUND);
    points(arm, background, "CD19- arm", cd45, cd10, g.cd19NegativeArm().andNot(blasts), HIGHLIGHT);
    points(arm, background, "CD19- blasts", cd45, cd10, blasts.andNot(g.cd19PositiveBlasts()),
        BLAST);
    gates.draw(arm, cd45Axis, cd10Axis, "cd10-bright", "blast-cluster");
    charts.add(arm);

    return charts;
  }

  private static String[] title(String label, MrdResult r) {
    // A negative is reported as "not detected (< sensitivity)" (domain brief section 2).
    String mrd = r.blastEvents() == 0 || r.mrdStatus() == MrdStatus.NEGATIVE
        ? String.format(Locale.ROOT, "not detected (< %.1e)", r.sensitivity())
        : String.format(Locale.ROOT, "MRD %.2g (%.2g %%)", r.mrdFraction(), 100 * r.mrdFraction());
    String line1 = String.format(Locale.ROOT, "%s: %s %s, %s; %d blasts / %,d nucleated, "
        + "sensitivity %.1e", label, r.mrdStatus(), r.statusReason(), mrd, r.blastEvents(),
        r.nucleatedEvents(), r.sensitivity());
    String line2 = String.format(Locale.ROOT, "CD19+ blasts %s, hCD19 CAR eligible %s; B cells "
        + "%.1f %% of lymphocytes, aplasia %s; hematogones %,d; panel-limited %s; flags %s",
        Double.isNaN(r.cd19PosBlastFraction()) ? "-"
            : String.format(Locale.ROOT, "%.1f %%", 100 * r.cd19PosBlastFraction()),
        r.hcd19CarEligible() == null ? "not evaluable" : r.hcd19CarEligible(),
        100 * r.bCellFractionOfLymphocytes(), r.bCellAplasia(),
        r.hematogoneEvents(), r.panelLimited(), r.qcFlags());
    return new String[] {line1, line2};
  }

  private static int height(List<XYChart> charts) {
    return TITLE_HEIGHT + (charts.size() + COLUMNS - 1) / COLUMNS * PANEL_HEIGHT;
  }

  /** The title lines and the panels in a grid of {@value #COLUMNS} columns. */
  private static void draw(Graphics2D g, List<XYChart> charts, String[] title) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, COLUMNS * PANEL_WIDTH, height(charts));
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title[0], 12, 26);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    g.drawString(title[1], 12, 52);
    for (int i = 0; i < charts.size(); i++) {
      Graphics2D panel = (Graphics2D) g.create();
      panel.translate((i % COLUMNS) * PANEL_WIDTH, TITLE_HEIGHT + (i / COLUMNS) * PANEL_HEIGHT);
      panel.clipRect(0, 0, PANEL_WIDTH, PANEL_HEIGHT);
      // Panel titles as text, not XChart's outlined glyphs, so the SVG stays searchable.
      panel.setColor(Color.BLACK);
      panel.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
      String name = charts.get(i).getTitle();
      panel.drawString(name,
          (PANEL_WIDTH - panel.getFontMetrics().stringWidth(name)) / 2, PANEL_TITLE_HEIGHT - 6);
      panel.translate(0, PANEL_TITLE_HEIGHT);
      charts.get(i).paint(panel, PANEL_WIDTH, PANEL_HEIGHT - PANEL_TITLE_HEIGHT);
      panel.dispose();
    }
  }

  private static XYChart chart(String title, String x, String y) {
    XYChart chart = new XYChartBuilder().width(PANEL_WIDTH)
        .height(PANEL_HEIGHT - PANEL_TITLE_HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y)
        .build();
    chart.getStyler().setChartTitleVisible(false);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(2);
    chart.getStyler().setLegendVisible(true);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesVisible(false);
    return chart;
  }

  private static void points(XYChart chart, int background, String name, float[] x, float[] y,
      EventMask events, Color color) {
    int count = events.cardinality();
    int stride = Math.max(1, count / background);
    if (color == BLAST) {
      stride = 1;
    }
    int n = (count + stride - 1) / stride;
    double[] xs = new double[Math.max(n, 1)];
    double[] ys = new double[Math.max(n, 1)];
    int k = 0;
    int seen = 0;
    for (int i = events.nextSetBit(0); i >= 0 && k < n; i = events.nextSetBit(i + 1)) {
      if (seen++ % stride == 0) {
        xs[k] = x[i];
        ys[k] = y[i];
        k++;
      }
    }
    if (k == 0) {
      xs = new double[] {Double.NaN};
      ys = new double[] {Double.NaN};
    }
    XYSeries series = chart.addSeries(name + " (" + String.format(Locale.ROOT, "%,d", count) + ")",
        k == 0 ? xs : Arrays.copyOf(xs, k), k == 0 ? ys : Arrays.copyOf(ys, k));
    series.setMarker(SeriesMarkers.CIRCLE);
    series.setMarkerColor(color);
  }

  private static float[] log10(float[] linear) {
    float[] out = new float[linear.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) Math.log10(Math.max(linear[i], 1f));
    }
    return out;
  }
}
