package org.mrdflow.models.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a {@link StepFigure} with XChart and the numbers-at-risk table under it, into PNG (raster)
 * or SVG (VectorGraphics2D, the vector back end XChart itself uses). Both formats share one drawing
 * routine, so they show the same figure.
 */
public final class StepFigureRenderer {

  /** Okabe-Ito colours, distinguishable with colour-vision deficiency. */
  private static final Color[] PALETTE = {
    new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7), new Color(0x56B4E9)
  };

  private static final int WIDTH = 900;
  /** Room left of the plot for the group names of the numbers-at-risk table. */
  private static final int LABEL_GUTTER = 140;
  private static final int CHART_HEIGHT = 520;
  private static final int ROW_HEIGHT = 22;
  private static final Font TABLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Font TABLE_BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 13);

  private StepFigureRenderer() {}

  public static void writePng(StepFigure figure, Path path) throws IOException {
    int height = height(figure);
    Files.write(path, FigureBytes.png(WIDTH, height, g -> draw(figure, g)));
  }

  public static void writeSvg(StepFigure figure, Path path) throws IOException {
    int height = height(figure);
    Files.write(path, FigureBytes.svg(WIDTH, height, g -> draw(figure, g)));
  }

  private static int height(StepFigure figure) {
    return CHART_HEIGHT + ROW_HEIGHT * (figure.curves().size() + 2) + 10;
  }

  private static void draw(StepFigure figure, Graphics2D g) {
    XYChart chart = chart(figure);
    Graphics2D plot = (Graphics2D) g.create();
    plot.translate(LABEL_GUTTER, 0);
    chart.paint(plot, WIDTH - LABEL_GUTTER, CHART_HEIGHT);
    plot.dispose();
    drawRiskTable(figure, chart, g);
  }

  private static XYChart chart(StepFigure figure) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH - LABEL_GUTTER)
            .height(CHART_HEIGHT)
            .title(figure.title())
            .xAxisTitle(figure.xAxisTitle())
            .yAxisTitle(figure.yAxisTitle())
            .build();
    XYStyler styler = chart.getStyler();
    styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    styler.setXAxisMin(0.0);
    styler.setXAxisMax(figure.xMax());
    styler.setYAxisMin(0.0);
    styler.setYAxisMax(1.0);
    styler.setYAxisDecimalPattern("0%");
    // Survival curves fall and incidence curves rise: put the legend where the curves are not.
    styler.setLegendPosition(
        figure.startValue() > 0.5 ? Styler.LegendPosition.InsideNE : Styler.LegendPosition.InsideNW);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesColor(new Color(0xE5E5E5));
    styler.setChartTitleBoxVisible(false);
    styler.setLegendBorderColor(new Color(0xCCCCCC));
    styler.setAntiAlias(true);
    for (int c = 0; c < figure.curves().size(); c++) {
      StepCurve curve = figure.curves().get(c);
      Color color = PALETTE[c % PALETTE.length];
      XYSeries series = chart.addSeries(curve.label(), withStart(curve.time(), 0), withStart(curve.estimate(), figure.startValue()));
      styleLine(series, color, new BasicStroke(2.2f));
      if (figure.showBands() && curve.hasBand()) {
        BasicStroke dashed = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f);
        double[] times = withStart(curve.time(), 0);
        for (double[] limit : new double[][] {curve.lower(), curve.upper()}) {
          XYSeries band =
              chart.addSeries(curve.label() + (limit == curve.lower() ? " lower" : " upper"), times, withStart(finite(limit, figure.startValue()), figure.startValue()));
          styleLine(band, color, dashed);
          band.setShowInLegend(false);
        }
      }
    }
    return chart;
  }

  private static void styleLine(XYSeries series, Color color, BasicStroke stroke) {
    series.setLineColor(color);
    series.setLineStyle(stroke);
    series.setMarker(SeriesMarkers.NONE);
  }

  /** Undefined limits (NaN, e.g. where S = 1) are drawn at the start value's side of the curve. */
  private static double[] finite(double[] values, double fallback) {
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      if (!Double.isFinite(out[i])) {
        out[i] = i > 0 ? out[i - 1] : fallback;
      }
    }
    return out;
  }

  private static double[] withStart(double[] values, double start) {
    double[] out = new double[values.length + 1];
    out[0] = start;
    System.arraycopy(values, 0, out, 1, values.length);
    return out;
  }

  private static void drawRiskTable(StepFigure figure, XYChart chart, Graphics2D g) {
    int top = CHART_HEIGHT + 4;
    g.setFont(TABLE_BOLD);
    g.setColor(Color.DARK_GRAY);
    g.drawString("Number at risk", 10, top + ROW_HEIGHT - 6);
    FontMetrics metrics = g.getFontMetrics(TABLE_FONT);
    double[] xs = Arrays.stream(figure.atRiskTimes()).map(t -> LABEL_GUTTER + chart.getScreenXFromChart(t)).toArray();
    for (int c = 0; c < figure.curves().size(); c++) {
      int baseline = top + ROW_HEIGHT * (c + 2) - 6;
      g.setFont(TABLE_BOLD);
      g.setColor(PALETTE[c % PALETTE.length]);
      g.drawString(shorten(figure.curves().get(c).label(), 26), 10, baseline);
      g.setFont(TABLE_FONT);
      g.setColor(Color.BLACK);
      int[] counts = figure.atRisk().get(c);
      for (int k = 0; k < counts.length; k++) {
        String text = Integer.toString(counts[k]);
        g.drawString(text, (float) (xs[k] - metrics.stringWidth(text) / 2.0), baseline);
      }
    }
  }

  private static String shorten(String label, int max) {
    return label.length() <= max ? label : label.substring(0, max - 1) + "\u2026";
  }
}
