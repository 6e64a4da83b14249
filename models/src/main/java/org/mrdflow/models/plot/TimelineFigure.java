package org.mrdflow.models.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mrdflow.models.cohort.MrdMeasurement;
import org.mrdflow.models.cohort.MrdStatus;
import org.mrdflow.models.timeline.ClinicalEvent;
import org.mrdflow.models.timeline.PatientTimeline;
import org.mrdflow.models.timeline.PatientTimelines;
import org.mrdflow.models.timeline.TimelineFlag;

/**
 * A patient's timeline figure: three panels over the same days (from CAR-T infusion when known,
 * else from the first sample): MRD on a log scale with the 1e-4 line, normal B cells as % of
 * lymphocytes (log scale) with the 3% aplasia line, and the CD19-positive share of blasts with the
 * 95% hCD19 CAR-T line. Clinical events are vertical lines labelled CAR-T / HSCT / relapse on every
 * panel; each flag circles its sample on its panel and is spelled out under the panels. PNG and
 * SVG as bytes, drawn by one routine ({@link FigureBytes}).
 */
public final class TimelineFigure {

  /** MRD-positive threshold (domain.md section 2). */
  static final double MRD_THRESHOLD = 1e-4;
  /** B-cell aplasia: fewer than 3% CD19-positive lymphocytes (domain.md section 1). */
  static final double APLASIA_B_CELL_FRACTION = 0.03;
  /** Bottom of the MRD axis; MRD 0 (no blast detected) is drawn there. */
  static final double MRD_FLOOR = 1e-6;
  /** Bottom of the B-cell axis; no B cells is drawn there. */
  static final double B_CELL_FLOOR = 1e-3;

  private static final int WIDTH = 1000;
  private static final int HEADER = 44;
  private static final int PANEL = 250;
  private static final int LINE = 19;
  /** Right of the panels: their legends, drawn here so the three plot areas line up. */
  private static final int LEGEND = 200;
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 17);
  private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.BOLD, 12);

  // Okabe-Ito colours, distinguishable with colour-vision deficiency
  private static final Color POSITIVE = new Color(0xD55E00);
  private static final Color NEGATIVE = new Color(0x009E73);
  private static final Color INDETERMINATE = new Color(0xE69F00);
  private static final Color B_CELLS = new Color(0x0072B2);
  private static final Color CD19 = new Color(0xCC79A7);
  private static final Color THRESHOLD = new Color(0x555555);
  private static final Color EVENT = new Color(0x333333);
  private static final Color FLAG = new Color(0xB2182B);
  private static final Color COURSE = new Color(0xAAAAAA);

  private TimelineFigure() {}

  public static byte[] png(PatientTimeline timeline) {
    return FigureBytes.png(WIDTH, height(timeline), g -> draw(timeline, g));
  }

  public static byte[] svg(PatientTimeline timeline) {
    return FigureBytes.svg(WIDTH, height(timeline), g -> draw(timeline, g));
  }

  private static int height(PatientTimeline timeline) {
    return HEADER + 3 * PANEL + LINE * (noteLines(timeline).size() + 1) + 12;
  }

  /** A legend entry: a marker (or, when null, a dotted reference line) in a colour, and its text. */
  private record LegendEntry(String text, Color color, Marker marker) {}

  /** What a panel plots: its samples' values, axis and reference line. */
  private record Panel(
      String title,
      String yAxisTitle,
      Predicate<MrdMeasurement> plotted,
      Function<MrdMeasurement, Double> value,
      boolean logarithmic,
      double yMin,
      double yMax,
      double referenceLine,
      String referenceLabel,
      List<TimelineFlag.Type> flags) {}

  private static void draw(PatientTimeline timeline, Graphics2D g) {
    boolean fromCarT = timeline.carTInfusionDate() != null;
    String xTitle = fromCarT ? "Days from CAR-T infusion" : "Days from the first sample";
    double[] range = xRange(timeline);
    g.setColor(Color.BLACK);
    g.setFont(TITLE);
    g.drawString("Patient " + shortKey(timeline.patientKey()) + ": MRD course (" + timeline.samples().size()
        + (timeline.samples().size() == 1 ? " sample)" : " samples)"), 14, 28);
    List<Panel> panels = List.of(
        new Panel("MRD (leukemic blasts / nucleated cells), coloured by the call", "MRD % (log; 0 at 0.0001%)",
            m -> Double.isFinite(m.mrdFraction()), m -> Math.max(m.mrdFraction(), MRD_FLOOR), true, MRD_FLOOR, 1,
            MRD_THRESHOLD, "1e-4 (0.01%)", List.of(TimelineFlag.Type.MRD_CONVERSION, TimelineFlag.Type.MRD_BEFORE_HSCT)),
        new Panel("Normal B cells, % of lymphocytes", "B cells % (log; 0 at 0.1%)",
            m -> Double.isFinite(m.bCellFractionOfLymphocytes()),
            m -> 100 * Math.max(m.bCellFractionOfLymphocytes(), B_CELL_FLOOR), true, 100 * B_CELL_FLOOR, 100,
            100 * APLASIA_B_CELL_FRACTION, "3% aplasia", List.of(TimelineFlag.Type.LOSS_OF_B_CELL_APLASIA)),
        new Panel("CD19-positive share of blasts", "CD19+ blasts %",
            m -> Double.isFinite(m.cd19PositiveBlastFraction()) && m.blastEvents() > 0,
            m -> 100 * m.cd19PositiveBlastFraction(), false, -5, 105, 100 * PatientTimelines.ELIGIBLE_CD19_POSITIVE_SHARE,
            "95% hCD19 CAR-T",
            List.of(TimelineFlag.Type.CD19_NEGATIVE_EMERGENCE)));
    // The y tick labels of the panels differ in width ("0.0001%", "100"), which moves each plot's
    // left edge: fit each panel's width and offset so that all map the x range to the same pixels
    // as the panel with the widest labels (a few rounds: XChart's ticks change with the width).
    double[][] edges = new double[panels.size()][];
    for (int p = 0; p < panels.size(); p++) {
      edges[p] = edges(timeline, panels.get(p), range, xTitle, p, WIDTH - LEGEND);
    }
    int widest = 0;
    for (int p = 1; p < panels.size(); p++) {
      widest = edges[p][0] > edges[widest][0] ? p : widest;
    }
    double[] target = edges[widest];
    for (int p = 0; p < panels.size(); p++) {
      Panel panel = panels.get(p);
      int width = WIDTH - LEGEND;
      double[] e = edges[p];
      for (int round = 0; round < 4 && Math.abs((e[1] - e[0]) - (target[1] - target[0])) > 0.5; round++) {
        width += (int) Math.round((target[1] - target[0]) - (e[1] - e[0]));
        e = edges(timeline, panel, range, xTitle, p, width);
      }
      int shift = (int) Math.round(target[0] - e[0]);
      List<LegendEntry> legend = new ArrayList<>();
      XYChart chart = chart(timeline, panel, range, xTitle, p, legend, width);
      Graphics2D area = (Graphics2D) g.create();
      area.translate(shift, HEADER + p * PANEL);
      chart.paint(area, width, PANEL);
      labelEvents(timeline, chart, area, panel, chart.getScreenXFromChart(range[1]));
      circleFlags(timeline, chart, area, panel);
      area.translate(-shift, 0);
      drawLegend(legend, area);
      area.dispose();
    }
    int y = HEADER + 3 * PANEL + LINE;
    for (String[] line : noteLines(timeline)) {
      boolean flag = line[0].equals("flag");
      g.setFont(flag ? LABEL : TEXT);
      g.setColor(flag ? FLAG : Color.DARK_GRAY);
      g.drawString(line[1], 14, y);
      y += LINE;
    }
  }

  /** Where a panel drawn {@code width} wide puts the ends of the x range, in pixels. */
  private static double[] edges(PatientTimeline timeline, Panel panel, double[] range, String xTitle, int index, int width) {
    XYChart chart = chart(timeline, panel, range, xTitle, index, new ArrayList<>(), width);
    Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    chart.paint(scratch, width, PANEL);
    scratch.dispose();
    return new double[] {chart.getScreenXFromChart(range[0]), chart.getScreenXFromChart(range[1])};
  }

  private static void drawLegend(List<LegendEntry> legend, Graphics2D g) {
    g.setFont(TEXT);
    int x = WIDTH - LEGEND + 8;
    int y = 50;
    for (LegendEntry e : legend) {
      g.setColor(e.color());
      if (e.marker() == null) {
        g.setStroke(new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
        g.drawLine(x, y - 5, x + 18, y - 5);
      } else {
        e.marker().paint(g, x + 9, y - 5, 10);
      }
      g.setColor(Color.BLACK);
      g.drawString(e.text(), x + 26, y);
      y += 20;
    }
  }

  private static XYChart chart(
      PatientTimeline timeline, Panel panel, double[] range, String xTitle, int index, List<LegendEntry> legend,
      int width) {
    XYChart chart = new XYChartBuilder().width(width).height(PANEL).title(panel.title())
        .xAxisTitle(index == 2 ? xTitle : " ").yAxisTitle(panel.yAxisTitle()).build();
    XYStyler s = chart.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotGridLinesColor(new Color(0xE8E8E8));
    s.setChartTitleBoxVisible(false);
    s.setChartTitleFont(LABEL);
    s.setLegendVisible(false);
    s.setPlotGridVerticalLinesVisible(false);
    s.setPlotGridLinesStroke(new BasicStroke(0.6f));
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setAntiAlias(true);
    s.setXAxisMin(range[0]);
    s.setXAxisMax(range[1]);
    s.setXAxisDecimalPattern("0");
    s.setYAxisLogarithmic(panel.logarithmic());
    s.setYAxisMin(panel.yMin());
    s.setYAxisMax(panel.yMax());
    // MRD reads as a percentage in reports (issue 12): 1e-4 is 0.01%
    s.setYAxisDecimalPattern(index == 0 ? "0.####%" : "0.#");
    s.setMarkerSize(10);

    for (ClinicalEvent e : timeline.events()) {
      double x = x(timeline, e.date());
      XYSeries line = chart.addSeries(e.type().label() + " " + e.date(), new double[] {x, x},
          new double[] {panel.yMin(), panel.yMax()});
      style(line, EVENT, new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
      line.setShowInLegend(false);
    }
    XYSeries reference = chart.addSeries(panel.referenceLabel(), new double[] {range[0], range[1]},
        new double[] {panel.referenceLine(), panel.referenceLine()});
    style(reference, THRESHOLD, new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
    legend.add(new LegendEntry(panel.referenceLabel(), THRESHOLD, null));

    List<MrdMeasurement> plotted = timeline.samples().stream().filter(panel.plotted()).toList();
    if (plotted.size() > 1) {
      XYSeries course = chart.addSeries("course", xs(timeline, plotted), ys(plotted, panel.value()));
      style(course, COURSE, new BasicStroke(1.2f));
      course.setShowInLegend(false);
    }
    if (index == 0) {
      for (MrdStatus status : MrdStatus.values()) {
        List<MrdMeasurement> group = plotted.stream().filter(m -> m.status() == status).toList();
        points(chart, status.name(), timeline, group, panel, statusColor(status), SeriesMarkers.CIRCLE, legend);
      }
    } else if (index == 1) {
      points(chart, "aplasia", timeline, plotted.stream().filter(m -> Boolean.TRUE.equals(m.bCellAplasia())).toList(),
          panel, B_CELLS, SeriesMarkers.CIRCLE, legend);
      points(chart, "B cells present", timeline,
          plotted.stream().filter(m -> !Boolean.TRUE.equals(m.bCellAplasia())).toList(), panel, B_CELLS, SeriesMarkers.DIAMOND,
          legend);
    } else {
      points(chart, "CD19 status established", timeline,
          plotted.stream().filter(m -> m.hcd19CarEligible() != null).toList(), panel, CD19, SeriesMarkers.CIRCLE, legend);
      points(chart, "too few blasts / uncertain", timeline,
          plotted.stream().filter(m -> m.hcd19CarEligible() == null).toList(), panel, Color.GRAY, SeriesMarkers.DIAMOND,
          legend);
    }
    return chart;
  }

  private static void points(XYChart chart, String name, PatientTimeline timeline, List<MrdMeasurement> samples,
      Panel panel, Color color, Marker marker, List<LegendEntry> legend) {
    if (samples.isEmpty()) {
      return;
    }
    legend.add(new LegendEntry(name, color, marker));
    XYSeries series = chart.addSeries(name, xs(timeline, samples), ys(samples, panel.value()));
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    series.setMarker(marker);
    series.setMarkerColor(color);
  }

  private static void style(XYSeries series, Color color, BasicStroke stroke) {
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    series.setLineColor(color);
    series.setLineStyle(stroke);
    series.setMarker(SeriesMarkers.NONE);
  }

  /** The event names at the top of each event line. */
  private static void labelEvents(PatientTimeline timeline, XYChart chart, Graphics2D g, Panel panel, double right) {
    g.setFont(LABEL);
    FontMetrics fm = g.getFontMetrics();
    int top = (int) Math.round(chart.getScreenYFromChart(panel.yMax()));
    double lastRight = Double.NEGATIVE_INFINITY;
    int row = 0;
    for (ClinicalEvent e : timeline.events()) {
      double line = chart.getScreenXFromChart(x(timeline, e.date()));
      String text = e.type().label();
      // right of its line, or left of it near the plot's right edge
      double x = line + 9 + fm.stringWidth(text) > right ? line - fm.stringWidth(text) - 9 : line;
      row = x + 3 < lastRight ? row + 1 : 0; // same-day or close events stack instead of overlapping
      g.setColor(Color.WHITE);
      g.fillRect((int) x + 3, top + 2 + row * 15, fm.stringWidth(text) + 4, 14);
      g.setColor(EVENT);
      g.drawString(text, (float) x + 5, top + 13 + row * 15);
      lastRight = Math.max(lastRight, x + 9 + fm.stringWidth(text));
    }
  }

  /** A ring around each flagged sample on this panel, with the flag's short name. */
  private static void circleFlags(PatientTimeline timeline, XYChart chart, Graphics2D g, Panel panel) {
    g.setFont(LABEL);
    Map<MrdMeasurement, List<String>> labels = new LinkedHashMap<>();
    for (TimelineFlag f : timeline.flags()) {
      if (f.sample() != null && panel.flags().contains(f.type()) && panel.plotted().test(f.sample())) {
        labels.computeIfAbsent(f.sample(), m -> new ArrayList<>()).add(f.type().label());
      }
    }
    for (Map.Entry<MrdMeasurement, List<String>> flagged : labels.entrySet()) {
      double x = chart.getScreenXFromChart(x(timeline, flagged.getKey().collectionDate()));
      double y = chart.getScreenYFromChart(panel.value().apply(flagged.getKey()));
      g.setColor(FLAG);
      g.setStroke(new BasicStroke(2.2f));
      g.drawOval((int) Math.round(x - 11), (int) Math.round(y - 11), 22, 22);
      String text = String.join(" + ", flagged.getValue());
      int width = g.getFontMetrics().stringWidth(text);
      // below the ring near the top of the panel, above it otherwise
      double ty = y < PANEL / 2.0 ? y + 27 : y - 15;
      double tx = Math.min(Math.max(x - width / 2.0, 4), WIDTH - LEGEND - width - 4);
      g.setColor(Color.WHITE);
      g.fillRect((int) tx - 2, (int) ty - 12, width + 4, 15);
      g.setColor(FLAG);
      g.drawString(text, (float) tx, (float) ty);
    }
  }

  /** The notes wrapped to the figure's width: {kind, text} with kind "flag" or "note". */
  private static List<String[]> noteLines(PatientTimeline timeline) {
    FontMetrics metrics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics().getFontMetrics(LABEL);
    List<String[]> lines = new ArrayList<>();
    for (String note : notes(timeline)) {
      String kind = note.startsWith("Flag: ") ? "flag" : "note";
      StringBuilder line = new StringBuilder();
      for (String word : note.split(" ")) {
        if (line.length() > 0 && metrics.stringWidth(line + " " + word) > WIDTH - 40) {
          lines.add(new String[] {kind, line.toString()});
          line.setLength(0);
          line.append("    ");
        }
        line.append(line.isEmpty() || line.toString().isBlank() ? "" : " ").append(word);
      }
      lines.add(new String[] {kind, line.toString()});
    }
    return lines;
  }

  /** Under the panels: each flag spelled out, or that there is none, and what is unknown. */
  static List<String> notes(PatientTimeline timeline) {
    List<String> notes = new ArrayList<>();
    for (TimelineFlag f : timeline.flags()) {
      notes.add("Flag: " + f.description());
    }
    if (timeline.flags().isEmpty()) {
      notes.add("No flag: no MRD conversion, loss of B-cell aplasia or CD19-negative blasts"
          + (timeline.clinical() == null ? "." : "; no transplant."));
    }
    if (timeline.clinical() == null) {
      notes.add("No clinical row for this patient: days from the first sample (" + timeline.firstSampleDate()
          + "), no CAR-T, HSCT or relapse dates; loss of B-cell aplasia is not placed relative to the infusion.");
    }
    return notes;
  }

  private static double[] xRange(PatientTimeline timeline) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (MrdMeasurement m : timeline.samples()) {
      min = Math.min(min, x(timeline, m.collectionDate()));
      max = Math.max(max, x(timeline, m.collectionDate()));
    }
    for (ClinicalEvent e : timeline.events()) {
      min = Math.min(min, x(timeline, e.date()));
      max = Math.max(max, x(timeline, e.date()));
    }
    double pad = Math.max(7, 0.06 * (max - min));
    return new double[] {min - pad, max + pad};
  }

  private static double x(PatientTimeline timeline, LocalDate date) {
    Long fromCarT = timeline.daysFromCarT(date);
    return fromCarT != null ? fromCarT : timeline.daysFromFirstSample(date);
  }

  private static double[] xs(PatientTimeline timeline, List<MrdMeasurement> samples) {
    return samples.stream().mapToDouble(m -> x(timeline, m.collectionDate())).toArray();
  }

  private static double[] ys(List<MrdMeasurement> samples, Function<MrdMeasurement, Double> value) {
    return samples.stream().mapToDouble(value::apply).toArray();
  }

  private static Color statusColor(MrdStatus status) {
    return switch (status) {
      case POSITIVE -> POSITIVE;
      case NEGATIVE -> NEGATIVE;
      case INDETERMINATE -> INDETERMINATE;
    };
  }

  /** The pseudonymized key is 64 hex digits; its first 12 tell patients apart on a page. */
  private static String shortKey(String key) {
    return key.length() > 12 ? key.substring(0, 12) : key;
  }
}
