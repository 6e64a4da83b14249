package org.mrdflow.gating.mrd;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mrdflow.gating.events.EventMask;

/**
 * The per-sample gating plots a cytometrist checks a call with: CD45/SSC, FSC-A/FSC-H, CD19/SSC,
 * CD10/CD19, CD34/CD38, CD20/CD10 and CD10/CD45 on the CD19-negative arm, with this sample's
 * gates drawn and the blasts in red, in one PNG titled with the result. Fluorescence is on the
 * logicle gating scale, SSC on log10. Background events are drawn with a fixed stride above
 * {@value #BACKGROUND_POINTS} points per panel to keep the file readable (display only: every
 * count comes from all events); blasts are always all drawn.
 */
public final class MrdPlots {
  private static final int BACKGROUND_POINTS = 30_000;
  private static final int PANEL_WIDTH = 520;
  private static final int PANEL_HEIGHT = 560;
  private static final int COLUMNS = 4;
  private static final int TITLE_HEIGHT = 70;
  private static final Color BACKGROUND = new Color(110, 110, 110, 70);
  private static final Color HIGHLIGHT = new Color(30, 90, 200, 110);
  private static final Color BLAST = new Color(220, 20, 20, 220);
  private static final Color GATE = new Color(0, 150, 60);

  private MrdPlots() {}

  /** Writes {@code <dir>/<stem>.mrd.png} and returns its path. */
  public static Path write(MrdAnalysis.SampleAnalysis sample, String stem, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    MrdEvents e = sample.events();
    MarrowGatingResult g = sample.gates();
    MarrowGatingResult.Thresholds t = g.thresholds();
    float[] logSsc = log10(e.sscA());
    float[] cd10 = e.marker("CD10");
    float[] cd19 = e.marker("CD19");
    float[] cd20 = e.marker("CD20");
    float[] cd34 = e.marker("CD34");
    float[] cd38 = e.marker("CD38");
    float[] cd45 = e.marker("CD45");
    EventMask blasts = g.blasts();
    List<XYChart> charts = new ArrayList<>();

    XYChart cd45Ssc = chart("CD45 / SSC (nucleated)", "CD45", "log10 SSC-A");
    points(cd45Ssc, "nucleated", cd45, logSsc, g.nucleated().andNot(blasts), BACKGROUND);
    points(cd45Ssc, "T/NK lymphocytes", cd45, logSsc, g.lymphocytesTnk(), HIGHLIGHT);
    points(cd45Ssc, "blasts", cd45, logSsc, blasts, BLAST);
    hLine(cd45Ssc, "SSC-low max", t.sscLowLog10Max(), 0, 1);
    vLine(cd45Ssc, "lymphocyte CD45 min", t.lymphocyteCd45Min(), 3, t.sscLowLog10Max());
    charts.add(cd45Ssc);

    XYChart singlets = chart("FSC-A / FSC-H (time-OK events)", "FSC-A", "FSC-H");
    points(singlets, "excluded", e.fscA(), e.fscH(), g.timeOk().andNot(g.nucleated()), BACKGROUND);
    points(singlets, "nucleated singlets", e.fscA(), e.fscH(), g.nucleated(), HIGHLIGHT);
    double fscTop = max(e.fscA());
    double debris = Math.pow(10, t.debrisLog10FscMax());
    line(singlets, "debris max", new double[] {debris, debris}, new double[] {0, fscTop});
    line(singlets, "singlet ratio max", new double[] {debris, fscTop},
        new double[] {debris / t.singletRatioMax(), fscTop / t.singletRatioMax()});
    charts.add(singlets);

    XYChart cd19Ssc = chart("CD19 / SSC (nucleated)", "CD19", "log10 SSC-A");
    points(cd19Ssc, "nucleated", cd19, logSsc, g.nucleated().andNot(blasts), BACKGROUND);
    points(cd19Ssc, "B lineage", cd19, logSsc, g.bLineage().andNot(blasts), HIGHLIGHT);
    points(cd19Ssc, "blasts", cd19, logSsc, blasts, BLAST);
    vLine(cd19Ssc, "CD19+ min", t.cd19Positive(), 3, t.sscLowLog10Max());
    hLine(cd19Ssc, "SSC-low max", t.sscLowLog10Max(), 0, 1);
    charts.add(cd19Ssc);

    XYChart cd10Cd19 = chart("CD10 / CD19 (SSC-low)", "CD19", "CD10");
    points(cd10Cd19, "SSC-low", cd19, cd10, g.sscLow().andNot(blasts), BACKGROUND);
    points(cd10Cd19, "normal B", cd19, cd10, g.normalB(), HIGHLIGHT);
    points(cd10Cd19, "blasts", cd19, cd10, blasts, BLAST);
    vLine(cd10Cd19, "CD19+ min", t.cd19Positive(), 0, 1);
    line(cd10Cd19, "CD10 bright (B lineage)", new double[] {t.cd19Positive(), 1},
        new double[] {t.cd10Bright(), t.cd10Bright()});
    line(cd10Cd19, "CD10 bright (CD19- arm)", new double[] {0, t.cd19Positive()},
        new double[] {t.cd10Bright(), t.cd10Bright()});
    charts.add(cd10Cd19);

    EventMask lineageAndArm = g.bLineage().or(g.cd19NegativeArm());
    XYChart cd34Cd38 = chart("CD34 / CD38 (B lineage + CD19- arm)", "CD38", "CD34");
    points(cd34Cd38, "progenitors (reference)", cd38, cd34, g.progenitors(), BACKGROUND);
    points(cd34Cd38, "B lineage, CD19- arm", cd38, cd34, lineageAndArm.andNot(blasts), HIGHLIGHT);
    points(cd34Cd38, "blasts", cd38, cd34, blasts, BLAST);
    vLine(cd34Cd38, "progenitor CD38 median", t.progenitorCd38Median(), 0, 1);
    hLine(cd34Cd38, "CD34+ min", t.cd34Positive(), 0, 1);
    charts.add(cd34Cd38);

    XYChart cd20Cd10 = chart("CD20 / CD10 (B lineage)", "CD10", "CD20");
    points(cd20Cd10, "B lineage", cd10, cd20, g.bLineage().andNot(blasts), HIGHLIGHT);
    points(cd20Cd10, "blasts", cd10, cd20, blasts.and(g.bLineage()), BLAST);
    vLine(cd20Cd10, "CD10 bright", t.cd10Bright(), 0, 1);
    charts.add(cd20Cd10);

    XYChart arm = chart("CD10 / CD45 (SSC-low CD19-)", "CD45", "CD10");
    EventMask cd19Negative = g.sscLow().andNot(g.bLineage()).andNot(g.plasma());
    points(arm, "SSC-low CD19-", cd45, cd10, cd19Negative.andNot(blasts), BACKGROUND);
    points(arm, "CD19- arm", cd45, cd10, g.cd19NegativeArm().andNot(blasts), HIGHLIGHT);
    points(arm, "CD19- blasts", cd45, cd10, blasts.andNot(g.cd19PositiveBlasts()), BLAST);
    hLine(arm, "CD10 bright (arm)", t.cd10Bright(), 0, 1);
    vLine(arm, "progenitor CD45 median", t.progenitorCd45Median(), 0, 1);
    charts.add(arm);

    Path out = dir.resolve(stem + ".mrd.png");
    ImageIO.write(compose(charts, title(stem, sample.result())), "png", out.toFile());
    return out;
  }

  private static String[] title(String stem, MrdResult r) {
    // A negative is reported as "not detected (< sensitivity)" (domain brief section 2).
    String mrd = r.blastEvents() == 0 || r.mrdStatus() == MrdStatus.NEGATIVE
        ? String.format(Locale.ROOT, "not detected (< %.1e)", r.sensitivity())
        : String.format(Locale.ROOT, "MRD %.2g (%.2g %%)", r.mrdFraction(), 100 * r.mrdFraction());
    String line1 = String.format(Locale.ROOT, "%s: %s %s, %s; %d blasts / %,d nucleated, "
        + "sensitivity %.1e", stem, r.mrdStatus(), r.statusReason(), mrd, r.blastEvents(),
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

  private static BufferedImage compose(List<XYChart> charts, String[] title) {
    int rows = (charts.size() + COLUMNS - 1) / COLUMNS;
    BufferedImage image = new BufferedImage(COLUMNS * PANEL_WIDTH,
        TITLE_HEIGHT + rows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title[0], 12, 26);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    g.drawString(title[1], 12, 52);
    for (int i = 0; i < charts.size(); i++) {
      BufferedImage panel = BitmapEncoder.getBufferedImage(charts.get(i));
      g.drawImage(panel, (i % COLUMNS) * PANEL_WIDTH, TITLE_HEIGHT + (i / COLUMNS) * PANEL_HEIGHT,
          null);
    }
    g.dispose();
    return image;
  }

  private static XYChart chart(String title, String x, String y) {
    XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title)
        .xAxisTitle(x).yAxisTitle(y).build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(2);
    chart.getStyler().setLegendVisible(true);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesVisible(false);
    return chart;
  }

  private static void points(XYChart chart, String name, float[] x, float[] y, EventMask events,
      Color color) {
    int count = events.cardinality();
    int stride = Math.max(1, count / BACKGROUND_POINTS);
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

  private static void line(XYChart chart, String name, double[] x, double[] y) {
    XYSeries series = chart.addSeries(name, x, y);
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(GATE);
    series.setLineStyle(new BasicStroke(2f));
  }

  private static void vLine(XYChart chart, String name, double x, double y0, double y1) {
    line(chart, name, new double[] {x, x}, new double[] {y0, y1});
  }

  private static void hLine(XYChart chart, String name, double y, double x0, double x1) {
    line(chart, name, new double[] {x0, x1}, new double[] {y, y});
  }

  private static double max(float[] values) {
    double m = 0;
    for (float v : values) {
      m = Math.max(m, v);
    }
    return m;
  }

  private static float[] log10(float[] linear) {
    float[] out = new float[linear.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) Math.log10(Math.max(linear[i], 1f));
    }
    return out;
  }
}
