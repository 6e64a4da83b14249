package org.mrdflow.gating.mrd;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.mrdflow.fcs.FcsDataset;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.gate.GeometricGate;
import org.mrdflow.gating.strategy.GatingResult;
import org.mrdflow.gating.transform.LogicleTransform;

/**
 * The per-sample gating figure a cytometrist signs a call with: eight dot plots (CD45/SSC,
 * FSC-A/pulse, CD19/SSC, CD19/CD10, CD38/CD34, CD38/CD45, CD10/CD20, CD45/CD10 on the
 * CD19-negative arm) and the blast score behind the call, under a title naming the sample, the
 * call in words, MRD in %, the sensitivity and the findings.
 *
 * <ul>
 *   <li>Every population has its colour (T/NK, CD34+ progenitors, CD19-negative arm, other B
 *       lineage, mature B, hematogones); blasts are back-gated on every panel, drawn last, larger,
 *       in red with a dark rim, their count in each legend.
 *   <li>Fluorescence axes are the logicle gating scale labelled in decades (0, 10^1 .. 10^k at
 *       their logicle positions, minor ticks at 2..9 x 10^k), SSC is log10 in decades, and each
 *       axis is titled with marker, stain ({@code $PnS}) and channel ({@code $PnN}).
 *   <li>The gates are the geometry that counted the events ({@link PlotGates}: the engine's
 *       applied strategy projected on the two axes), labelled with their population.
 * </ul>
 *
 * <p>Drawn with plain Java2D, so the PNG ({@link BufferedImage}) and the SVG (VectorGraphics2D)
 * come from one routine. Values outside a panel's view are drawn at its edge. Background events
 * are drawn with a fixed stride above {@value #BACKGROUND_POINTS} points per panel ({@value
 * #SVG_BACKGROUND_POINTS} in the SVG, whose points are elements): display only, every count
 * comes from all events; blasts are always all drawn.
 */
public final class MrdPlots {
  /** File names of the figure in a sample's plot folder. */
  public static final String PNG_NAME = "gating.png";
  public static final String SVG_NAME = "gating.svg";
  /** The populations whose gates each dot panel draws, in panel order. */
  private static final List<List<String>> PANEL_GATES = List.of(
      List.of("ssc-low", "cd45-bright"),
      List.of("cells", "singlets"),
      List.of("ssc-low", "cd19-positive"),
      List.of("cd19-positive", "cd10-bright"),
      List.of("progenitors", "blast-cluster", "pro-b-blasts"),
      List.of("blast-seeds", "blast-cluster", "pro-b-blasts"),
      List.of("cd10-bright", "blast-cluster", "pro-b-blasts"),
      List.of("cd10-bright", "blast-cluster"));

  private static final int BACKGROUND_POINTS = 30_000;
  private static final int SVG_BACKGROUND_POINTS = 1_500;
  private static final int COLUMNS = 3;
  private static final int PANEL_WIDTH = 520;
  private static final int PANEL_HEIGHT = 560;
  private static final int TITLE_HEIGHT = 134;
  private static final int LEFT = 74;
  private static final int RIGHT = 16;
  private static final int TOP = 30;
  private static final int BOTTOM = 58;
  private static final int LEGEND = 62;
  private static final int PLOT_WIDTH = PANEL_WIDTH - LEFT - RIGHT;
  private static final int PLOT_HEIGHT = PANEL_HEIGHT - TOP - BOTTOM - LEGEND;
  private static final Color GATE = new Color(0, 120, 50);
  private static final Color BLAST_RIM = new Color(60, 0, 0);
  private static final String FONT = Font.SANS_SERIF;

  /** What an event is drawn as; later classes are drawn on top of earlier ones. */
  private enum Kind {
    EXCLUDED("not nucleated", new Color(205, 205, 205)),
    OTHER("other nucleated", new Color(150, 150, 150)),
    T_NK("T/NK lymphocytes", new Color(0, 165, 165)),
    PROGENITOR("CD34+ progenitors", new Color(245, 140, 0)),
    CD19_ARM("CD19- arm", new Color(150, 90, 40)),
    B_OTHER("other B lineage", new Color(120, 160, 230)),
    MATURE_B("mature B", new Color(25, 70, 200)),
    HEMATOGONE("hematogones", new Color(150, 40, 210)),
    BLAST("blasts", new Color(235, 0, 0));

    final String label;
    final Color color;

    Kind(String label, Color color) {
      this.label = label;
      this.color = color;
    }
  }

  private MrdPlots() {}

  /**
   * The geometric gates the plots draw (the applied strategy's shapes of the populations the
   * panels show), by applied population id: what a reviewer sees, and so what the review
   * workstation lets a reviewer move and re-count ({@link MrdAnalysis#analyzeWithEvents(
   * FcsDataset, String, Map)}).
   */
  public static Map<String, GeometricGate> drawnGates(GatingResult gating) {
    Set<String> populations = new LinkedHashSet<>();
    PANEL_GATES.forEach(populations::addAll);
    return new PlotGates(gating.appliedStrategy()).gates(populations);
  }

  /**
   * The figure as PNG bytes, drawn in memory (nothing touches the file system, so a Spark task
   * can call it). {@code label} names the sample in the title (chosen by the caller: the file
   * name is only shown when the caller passes it).
   */
  public static byte[] png(MrdAnalysis.SampleAnalysis sample, String label) {
    Figure figure = figure(sample, label, BACKGROUND_POINTS);
    BufferedImage image = new BufferedImage(figure.width(), figure.height(),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    figure.draw(g);
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
    Figure figure = figure(sample, label, SVG_BACKGROUND_POINTS);
    VectorGraphics2D g = new VectorGraphics2D();
    figure.draw(g);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new SVGProcessor().getDocument(g.getCommands(),
          new PageSize(0, 0, figure.width(), figure.height())).writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("SVG encoding into memory failed", e);
    }
    return out.toByteArray();
  }

  /** Writes {@link #png} as {@code <dir>/<stem>.gating.png}, labelled {@code stem}; returns it. */
  public static Path write(MrdAnalysis.SampleAnalysis sample, String stem, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    return Files.write(dir.resolve(stem + "." + PNG_NAME), png(sample, stem));
  }

  /** Writes {@link #svg} as {@code <dir>/<stem>.gating.svg}, labelled {@code stem}; returns it. */
  public static Path writeSvg(MrdAnalysis.SampleAnalysis sample, String stem, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    return Files.write(dir.resolve(stem + "." + SVG_NAME), svg(sample, stem));
  }

  /** A tick of an axis: where (in shown units), its label ("" for a minor tick). */
  private record Tick(double at, String base, String exponent) {
    boolean major() {
      return !base.isEmpty();
    }
  }

  /**
   * A panel axis: its title, the values as shown (logicle, log10 or linear), the view range, its
   * ticks, and the gating parameter it shows (for {@link PlotGates}).
   */
  private record Axis(String title, float[] shown, double lo, double hi, List<Tick> ticks,
      PlotGates.Axis gates) {
    double fraction(double v) {
      return (Math.max(lo, Math.min(hi, v)) - lo) / (hi - lo);
    }
  }

  /** A dot plot: the events it shows (blasts are added), its axes and the gates drawn on it. */
  private record DotPanel(String title, Axis x, Axis y, EventMask shown, List<String> gates) {}

  /**
   * The blast score of the candidates against the CD34+ progenitor reference, without CD45
   * credit ({@link ProgenitorScore#aboveWithoutCd45Credit}: the cluster's grown cells lie right
   * of its cut), with the seed and cluster cuts.
   */
  private record ScorePanel(double[] scores, boolean[] blast, double seedCut, double clusterCut) {}

  private record Figure(String[] title, List<DotPanel> panels, ScorePanel score, byte[] kinds,
      PlotGates gates, int background) {
    int width() {
      return COLUMNS * PANEL_WIDTH;
    }

    int height() {
      return TITLE_HEIGHT + (panels.size() + 1 + COLUMNS - 1) / COLUMNS * PANEL_HEIGHT;
    }

    void draw(Graphics2D g) {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width(), height());
      g.setColor(Color.BLACK);
      g.setFont(new Font(FONT, Font.BOLD, 20));
      g.drawString(title[0], 14, 30);
      g.setFont(new Font(FONT, Font.PLAIN, 14));
      int y = 32;
      for (int line = 1; line < title.length; line++) {
        // The last line (the QC flags in words) may take two lines; the others are cut to fit.
        String text = title[line];
        String first = fit(g, text, width() - 28);
        if (line == title.length - 1 && first.endsWith("...")) {
          int cut = text.lastIndexOf(' ', first.length() - 3);
          first = text.substring(0, cut > 0 ? cut : first.length() - 3);
          g.drawString(first, 14, y += 22);
          first = fit(g, text.substring(first.length()).strip(), width() - 28);
        }
        g.drawString(first, 14, y += 22);
      }
      for (int i = 0; i <= panels.size(); i++) {
        Graphics2D panel = (Graphics2D) g.create();
        panel.translate((i % COLUMNS) * PANEL_WIDTH, TITLE_HEIGHT + (i / COLUMNS) * PANEL_HEIGHT);
        if (i < panels.size()) {
          drawDots(panel, panels.get(i), kinds, gates, background);
        } else {
          drawScore(panel, score);
        }
        panel.dispose();
      }
    }
  }

  private static Figure figure(MrdAnalysis.SampleAnalysis sample, String label, int background) {
    MrdEvents e = sample.events();
    MarrowGatingResult g = sample.gates();
    byte[] kinds = kinds(g, e.eventCount());
    Axis ssc = scatterLog(MrdAnalysis.SSC_A, e.sscA(), sample);
    Axis fscA = linear(MrdAnalysis.FSC_A, e.fscA(), sample);
    Axis pulse = linear(e.pulse(), e.fscH(), sample);
    Axis cd10 = logicle("CD10", sample);
    Axis cd19 = logicle("CD19", sample);
    Axis cd20 = logicle("CD20", sample);
    Axis cd34 = logicle("CD34", sample);
    Axis cd38 = logicle("CD38", sample);
    Axis cd45 = logicle("CD45", sample);
    EventMask candidates = g.bLineage().or(g.cd19NegativeArm()).or(g.progenitors());
    List<DotPanel> panels = List.of(
        new DotPanel("CD45 / SSC: nucleated cells", cd45, ssc, g.nucleated(),
            PANEL_GATES.get(0)),
        new DotPanel("FSC-A / " + e.pulse() + ": singlets", fscA, pulse, g.timeOk(),
            PANEL_GATES.get(1)),
        new DotPanel("CD19 / SSC: nucleated cells", cd19, ssc, g.nucleated(),
            PANEL_GATES.get(2)),
        new DotPanel("CD19 / CD10: SSC-low cells", cd19, cd10, g.sscLow(),
            PANEL_GATES.get(3)),
        new DotPanel("CD38 / CD34: B lineage, CD19- arm, progenitors", cd38, cd34, candidates,
            PANEL_GATES.get(4)),
        new DotPanel("CD38 / CD45: blast candidates", cd38, cd45, candidates,
            PANEL_GATES.get(5)),
        new DotPanel("CD10 / CD20: B lineage", cd10, cd20, g.bLineage(),
            PANEL_GATES.get(6)),
        new DotPanel("CD45 / CD10: SSC-low CD19- cells", cd45, cd10,
            g.sscLow().andNot(g.bLineage()).andNot(g.plasma()),
            PANEL_GATES.get(7)));
    return new Figure(title(label, sample.result(), sample.rules()), panels, score(sample, candidates), kinds,
        new PlotGates(sample.gating().appliedStrategy()), background);
  }

  /** Each event's colour class, from the broadest population to the most specific. */
  private static byte[] kinds(MarrowGatingResult g, int n) {
    byte[] kinds = new byte[n];
    mark(kinds, g.nucleated(), Kind.OTHER);
    mark(kinds, g.lymphocytesTnk(), Kind.T_NK);
    mark(kinds, g.progenitors(), Kind.PROGENITOR);
    mark(kinds, g.cd19NegativeArm(), Kind.CD19_ARM);
    mark(kinds, g.bLineage(), Kind.B_OTHER);
    mark(kinds, g.matureB(), Kind.MATURE_B);
    mark(kinds, g.hematogones(), Kind.HEMATOGONE);
    mark(kinds, g.blasts(), Kind.BLAST);
    return kinds;
  }

  private static void mark(byte[] kinds, EventMask events, Kind kind) {
    for (int i = events.nextSetBit(0); i >= 0; i = events.nextSetBit(i + 1)) {
      kinds[i] = (byte) kind.ordinal();
    }
  }

  /** The title lines: the sample and the call, then the figures behind it, then the flags. */
  static String[] title(String label, MrdResult r, MrdRules rules) {
    String line1 = String.format(Locale.ROOT, "%s: %s, MRD %s (%,d blast%s / %,d nucleated)",
        label, ReportText.status(r.mrdStatus()), ReportText.mrd(r), r.blastEvents(),
        r.blastEvents() == 1 ? "" : "s", r.nucleatedEvents());
    String line2 = ReportText.reason(r.statusReason(), rules) + " "
        + String.format(Locale.ROOT, "Sensitivity %s %% (LOD %d, LLOQ %d events); threshold "
            + "%s %%.", ReportText.percent(r.sensitivity()), r.lodEvents(), r.lloqEvents(),
            ReportText.percent(rules.mrdThreshold()));
    String line3 = String.format(Locale.ROOT, "CD19+ blasts %s (%,d): hCD19-CAR eligible %s "
        + "(needs >= %s %%); B cells %s of lymphocytes: B-cell aplasia %s (< %s %%); "
        + "hematogones %,d.",
        ReportText.share(r.cd19PosBlastFraction()), r.cd19PosBlastEvents(),
        ReportText.yesNo(r.hcd19CarEligible()),
        ReportText.percent(rules.car19EligibleFraction()),
        ReportText.share(r.bCellFractionOfLymphocytes()), ReportText.yesNo(r.bCellAplasia()),
        ReportText.percent(rules.bCellAplasiaPercent() / 100), r.hematogoneEvents());
    StringBuilder flags = new StringBuilder("QC: ");
    if (r.qcFlags().isEmpty()) {
      flags.append("no flags.");
    }
    for (String flag : r.qcFlags()) {
      flags.append(ReportText.flag(flag)).append(' ');
    }
    return new String[] {line1, line2, line3, flags.toString().strip()};
  }

  /** The text cut to {@code width} pixels, with an ellipsis. */
  private static String fit(Graphics2D g, String text, int width) {
    FontMetrics m = g.getFontMetrics();
    if (m.stringWidth(text) <= width) {
      return text;
    }
    String cut = text;
    while (!cut.isEmpty() && m.stringWidth(cut + "...") > width) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut + "...";
  }

  // ---- axes ----

  /**
   * A marker's axis title: its stain ({@code $PnS}) when that names the marker (else the marker
   * and the stain), then the channel, e.g. "CD19 PE-Cy7 (FL5-A)".
   */
  static String axisTitle(String marker, String channel, String stain) {
    String s = stain == null ? "" : stain.strip();
    String name = s.isEmpty() ? marker
        : s.toUpperCase(Locale.ROOT).contains(marker.toUpperCase(Locale.ROOT)) ? s
        : marker + " " + s;
    if (name.length() > 40) {
      name = name.substring(0, 40) + "...";
    }
    return channel == null || channel.equals(name) ? name : name + " (" + channel + ")";
  }

  private static String axisTitle(String role, MrdAnalysis.SampleAnalysis sample) {
    return axisTitle(role, sample.channels().get(role), sample.stains().get(role));
  }

  private static Axis logicle(String marker, MrdAnalysis.SampleAnalysis sample) {
    LogicleTransform scale = sample.scales().get(marker);
    double lo = -0.03;
    double hi = 1.0;
    List<Tick> ticks = new ArrayList<>();
    ticks.add(new Tick(scale.apply(0), "0", ""));
    for (int k = 1; Math.pow(10, k) <= scale.T() * 1.0001; k++) {
      double decade = Math.pow(10, k);
      ticks.add(new Tick(scale.apply(decade), "10", Integer.toString(k)));
      for (int m = 2; m <= 9 && m * decade <= scale.T(); m++) {
        ticks.add(new Tick(scale.apply(m * decade), "", ""));
      }
      for (int m = 1; m <= 9; m++) {
        double at = scale.apply(-m * decade);
        if (at >= lo) {
          ticks.add(new Tick(at, m == 1 && k >= 2 ? "-10" : "", m == 1 && k >= 2 ? "" + k : ""));
        }
      }
    }
    return new Axis(axisTitle(marker, sample), sample.events().marker(marker), lo, hi, inView(ticks,
        lo, hi), new PlotGates.Axis(marker, false, lo, hi));
  }

  private static Axis scatterLog(String role, float[] linear, MrdAnalysis.SampleAnalysis sample) {
    float[] shown = new float[linear.length];
    double max = 1;
    for (int i = 0; i < shown.length; i++) {
      shown[i] = (float) Math.log10(Math.max(linear[i], 1f));
      max = Math.max(max, shown[i]);
    }
    double lo = Math.max(0, Math.floor(quantile(shown, 0.001) * 2) / 2);
    double hi = Math.max(lo + 1, max + 0.05);
    List<Tick> ticks = new ArrayList<>();
    for (int k = (int) Math.floor(lo); k <= Math.ceil(hi); k++) {
      ticks.add(new Tick(k, "10", Integer.toString(k)));
      for (int m = 2; m <= 9; m++) {
        ticks.add(new Tick(k + Math.log10(m), "", ""));
      }
    }
    return new Axis(axisTitle(role, sample) + ", log", shown, lo, hi, inView(ticks, lo, hi),
        new PlotGates.Axis(role, true, lo, hi));
  }

  private static Axis linear(String role, float[] values, MrdAnalysis.SampleAnalysis sample) {
    double lo = Math.min(0, quantile(values, 0.0005));
    double hi = Math.max(lo + 1, quantile(values, 0.9995) * 1.05);
    List<Tick> ticks = new ArrayList<>();
    double step = niceStep((hi - lo) / 5);
    for (double v = Math.ceil(lo / step) * step; v <= hi; v += step) {
      ticks.add(new Tick(v, engineering(v), ""));
    }
    return new Axis(axisTitle(role, sample), values, lo, hi, ticks,
        new PlotGates.Axis(role, false, lo, hi));
  }

  private static List<Tick> inView(List<Tick> ticks, double lo, double hi) {
    return ticks.stream().filter(t -> t.at() >= lo && t.at() <= hi).toList();
  }

  private static double niceStep(double raw) {
    double decade = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * decade >= raw) {
        return m * decade;
      }
    }
    return 10 * decade;
  }

  private static String engineering(double v) {
    double a = Math.abs(v);
    if (a >= 1e6) {
      return trim(v / 1e6) + "M";
    }
    if (a >= 1e3) {
      return trim(v / 1e3) + "K";
    }
    return trim(v);
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.2f", v);
    return s.replaceAll("\\.?0+$", "");
  }

  /** The q-quantile of the finite values (a display range; a sample of at most 20,000 values). */
  private static double quantile(float[] values, double q) {
    int stride = Math.max(1, values.length / 20_000);
    double[] sample = new double[(values.length + stride - 1) / stride];
    int n = 0;
    for (int i = 0; i < values.length; i += stride) {
      if (Float.isFinite(values[i])) {
        sample[n++] = values[i];
      }
    }
    if (n == 0) {
      return 0;
    }
    java.util.Arrays.sort(sample, 0, n);
    return sample[Math.min(n - 1, (int) (q * n))];
  }

  // ---- the score behind the call ----

  private static ScorePanel score(MrdAnalysis.SampleAnalysis sample, EventMask candidates) {
    var gating = sample.gating();
    ProgenitorScore reference = ProgenitorScore.of(gating.population("progenitors").landmarks());
    float[] cd38 = sample.events().marker("CD38");
    float[] cd45 = sample.events().marker("CD45");
    EventMask all = candidates.or(sample.gates().blasts());
    int n = all.cardinality();
    double[] scores = new double[n];
    boolean[] blast = new boolean[n];
    int k = 0;
    for (int i = all.nextSetBit(0); i >= 0; i = all.nextSetBit(i + 1)) {
      // The score the blast cluster grows with (for seeds, above 4, the plain score or more).
      scores[k] = reference.scoreWithoutCd45Credit(cd38[i], cd45[i]);
      blast[k++] = sample.gates().blasts().get(i);
    }
    return new ScorePanel(scores, blast, landmark(gating, "blast-seeds", "score-min"),
        landmark(gating, "blast-cluster", "score-min"));
  }

  private static double landmark(org.mrdflow.gating.strategy.GatingResult gating,
      String population, String key) {
    return gating.populations().stream().filter(p -> p.id().equals(population)).findFirst()
        .map(p -> p.landmarks().getOrDefault(key, Double.NaN)).orElse(Double.NaN);
  }

  // ---- drawing ----

  private static void drawDots(Graphics2D g, DotPanel panel, byte[] kinds, PlotGates gates,
      int background) {
    drawFrame(g, panel.title(), panel.x(), panel.y());
    EventMask blasts = EventMask.none(kinds.length);
    for (int i = 0; i < kinds.length; i++) {
      if (kinds[i] == Kind.BLAST.ordinal()) {
        blasts.set(i);
      }
    }
    EventMask shown = panel.shown().or(blasts);
    long[] counts = new long[Kind.values().length];
    for (int i = shown.nextSetBit(0); i >= 0; i = shown.nextSetBit(i + 1)) {
      counts[kinds[i]]++;
    }
    long nonBlast = shown.cardinality() - counts[Kind.BLAST.ordinal()];
    int stride = (int) Math.max(1, (nonBlast + background - 1) / background);
    Graphics2D plot = (Graphics2D) g.create(LEFT, TOP, PLOT_WIDTH + 1, PLOT_HEIGHT + 1);
    plot.clipRect(0, 0, PLOT_WIDTH + 1, PLOT_HEIGHT + 1);
    float[] xs = panel.x().shown();
    float[] ys = panel.y().shown();
    // Dots without antialiasing: 2-pixel squares gain nothing from it, and it costs most of
    // the drawing time; blasts (few, and what the plot is for) are drawn smooth.
    plot.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    for (Kind kind : Kind.values()) {
      if (counts[kind.ordinal()] == 0) {
        continue;
      }
      boolean isBlast = kind == Kind.BLAST;
      Color c = kind.color;
      if (isBlast) {
        plot.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      } else {
        plot.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 150));
      }
      int seen = 0;
      for (int i = shown.nextSetBit(0); i >= 0; i = shown.nextSetBit(i + 1)) {
        if (kinds[i] != kind.ordinal() || !isBlast && seen++ % stride != 0) {
          continue;
        }
        int px = (int) Math.round(panel.x().fraction(xs[i]) * PLOT_WIDTH);
        int py = (int) Math.round((1 - panel.y().fraction(ys[i])) * PLOT_HEIGHT);
        if (isBlast) {
          plot.setColor(BLAST_RIM);
          plot.fillOval(px - 3, py - 3, 7, 7);
          plot.setColor(c);
          plot.fillOval(px - 2, py - 2, 5, 5);
        } else {
          plot.fillRect(px, py, 2, 2);
        }
      }
    }
    plot.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    drawGates(plot, panel, gates);
    plot.dispose();
    List<String[]> legend = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      if (counts[kind.ordinal()] > 0 || kind == Kind.BLAST) {
        legend.add(new String[] {kind.name(),
            String.format(Locale.ROOT, "%s (%,d)", kind.label, counts[kind.ordinal()])});
      }
    }
    legend.add(new String[] {"GATE", "gate (as applied)"});
    drawLegend(g, legend);
  }

  private static void drawGates(Graphics2D plot, DotPanel panel, PlotGates gates) {
    plot.setStroke(new BasicStroke(2f));
    plot.setFont(new Font(FONT, Font.PLAIN, 11));
    java.util.Set<String> labelled = new java.util.HashSet<>();
    for (PlotGates.Line line : gates.lines(panel.x().gates(), panel.y().gates(), panel.gates())) {
      int n = line.xs().length;
      int[] px = new int[n];
      int[] py = new int[n];
      for (int k = 0; k < n; k++) {
        px[k] = (int) Math.round(panel.x().fraction(line.xs()[k]) * PLOT_WIDTH);
        py[k] = (int) Math.round((1 - panel.y().fraction(line.ys()[k])) * PLOT_HEIGHT);
      }
      plot.setColor(GATE);
      plot.drawPolyline(px, py, n);
      int at = n / 2;
      int lx = Math.max(2, Math.min(PLOT_WIDTH - 90, px[at] + 3));
      int ly = Math.max(12, Math.min(PLOT_HEIGHT - 3, py[at] - 3));
      if (labelled.add(line.population())) {
        plot.drawString(line.population(), lx, ly);
      }
    }
  }

  private static void drawFrame(Graphics2D g, String title, Axis x, Axis y) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(FONT, Font.BOLD, 14));
    FontMetrics tm = g.getFontMetrics();
    g.drawString(title, (PANEL_WIDTH - tm.stringWidth(title)) / 2, 20);
    g.setStroke(new BasicStroke(1f));
    g.drawRect(LEFT, TOP, PLOT_WIDTH, PLOT_HEIGHT);
    Font tickFont = new Font(FONT, Font.PLAIN, 12);
    Font expFont = new Font(FONT, Font.PLAIN, 9);
    int lastLabel = -1_000;
    for (Tick t : x.ticks()) {
      int px = LEFT + (int) Math.round(x.fraction(t.at()) * PLOT_WIDTH);
      g.drawLine(px, TOP + PLOT_HEIGHT, px, TOP + PLOT_HEIGHT + (t.major() ? 6 : 3));
      if (t.major() && px - lastLabel >= 28) {
        int w = labelWidth(g, t, tickFont, expFont);
        drawLabel(g, t, px - w / 2, TOP + PLOT_HEIGHT + 20, tickFont, expFont);
        lastLabel = px;
      }
    }
    lastLabel = 100_000;
    for (Tick t : y.ticks()) {
      int py = TOP + (int) Math.round((1 - y.fraction(t.at())) * PLOT_HEIGHT);
      g.drawLine(LEFT - (t.major() ? 6 : 3), py, LEFT, py);
      if (t.major() && lastLabel - py >= 16) {
        int w = labelWidth(g, t, tickFont, expFont);
        drawLabel(g, t, LEFT - 9 - w, py + 5, tickFont, expFont);
        lastLabel = py;
      }
    }
    g.setFont(new Font(FONT, Font.BOLD, 13));
    FontMetrics am = g.getFontMetrics();
    String xTitle = fit(g, x.title(), PLOT_WIDTH);
    g.drawString(xTitle, LEFT + (PLOT_WIDTH - am.stringWidth(xTitle)) / 2,
        TOP + PLOT_HEIGHT + 42);
    String yTitle = fit(g, y.title(), PLOT_HEIGHT);
    AffineTransform saved = g.getTransform();
    g.translate(20, TOP + (PLOT_HEIGHT + am.stringWidth(yTitle)) / 2);
    g.rotate(-Math.PI / 2);
    g.drawString(yTitle, 0, 0);
    g.setTransform(saved);
  }

  private static int labelWidth(Graphics2D g, Tick t, Font base, Font exponent) {
    return g.getFontMetrics(base).stringWidth(t.base())
        + g.getFontMetrics(exponent).stringWidth(t.exponent());
  }

  /** "10" with a raised exponent: no superscript glyphs needed from the font. */
  private static void drawLabel(Graphics2D g, Tick t, int x, int y, Font base, Font exponent) {
    g.setFont(base);
    g.drawString(t.base(), x, y);
    if (!t.exponent().isEmpty()) {
      int w = g.getFontMetrics(base).stringWidth(t.base());
      g.setFont(exponent);
      g.drawString(t.exponent(), x + w, y - 6);
    }
  }

  /** Legend entries (kind name or "GATE"/"CUT", text) flowed in rows under the plot. */
  private static void drawLegend(Graphics2D g, List<String[]> entries) {
    g.setFont(new Font(FONT, Font.PLAIN, 11));
    FontMetrics m = g.getFontMetrics();
    int x = 10;
    int y = PANEL_HEIGHT - LEGEND + 6;
    for (String[] entry : entries) {
      int w = 16 + m.stringWidth(entry[1]) + 12;
      if (x + w > PANEL_WIDTH - 6) {
        x = 10;
        y += 14;
      }
      if (entry[0].equals("GATE") || entry[0].equals("CUT")) {
        g.setColor(GATE);
        g.setStroke(new BasicStroke(2f));
        g.drawLine(x, y + 5, x + 11, y + 5);
      } else if (entry[0].equals(Kind.BLAST.name())) {
        g.setColor(BLAST_RIM);
        g.fillOval(x + 1, y, 9, 9);
        g.setColor(Kind.BLAST.color);
        g.fillOval(x + 2, y + 1, 7, 7);
      } else {
        g.setColor(Kind.valueOf(entry[0]).color);
        g.fillRect(x + 2, y + 1, 8, 8);
      }
      g.setColor(Color.BLACK);
      g.drawString(entry[1], x + 16, y + 9);
      x += w;
    }
  }

  private static void drawScore(Graphics2D g, ScorePanel score) {
    double lo = -6;
    double hi = 14;
    double width = 0.25;
    int bins = (int) Math.round((hi - lo) / width);
    long[] others = new long[bins];
    long[] blasts = new long[bins];
    for (int i = 0; i < score.scores().length; i++) {
      double s = score.scores()[i];
      if (!Double.isFinite(s)) {
        continue;
      }
      int b = (int) Math.max(0, Math.min(bins - 1, Math.floor((s - lo) / width)));
      if (score.blast()[i]) {
        blasts[b]++;
      } else {
        others[b]++;
      }
    }
    long max = 1;
    for (int b = 0; b < bins; b++) {
      max = Math.max(max, Math.max(others[b], blasts[b]));
    }
    double top = Math.log10(1 + max) * 1.08;
    List<Tick> xTicks = new ArrayList<>();
    for (int v = (int) lo; v <= hi; v += 2) {
      xTicks.add(new Tick(v, Integer.toString(v), ""));
    }
    List<Tick> yTicks = new ArrayList<>();
    yTicks.add(new Tick(0, "0", ""));
    for (int k = 0; Math.log10(1 + Math.pow(10, k)) <= top; k++) {
      yTicks.add(new Tick(Math.log10(1 + Math.pow(10, k)), k == 0 ? "1" : "10",
          k == 0 ? "" : Integer.toString(k)));
      for (int m = 2; m <= 9 && Math.log10(1 + m * Math.pow(10, k)) <= top; m++) {
        yTicks.add(new Tick(Math.log10(1 + m * Math.pow(10, k)), "", ""));
      }
    }
    Axis x = new Axis("score: (P38-CD38)/SD38 + max((P45-CD45)/SD45, 0)", null, lo, hi,
        xTicks, null);
    Axis y = new Axis("events per bin, log", null, 0, top, yTicks, null);
    drawFrame(g, "Blast score vs CD34+ progenitors (candidates)", x, y);
    Graphics2D plot = (Graphics2D) g.create(LEFT, TOP, PLOT_WIDTH + 1, PLOT_HEIGHT + 1);
    for (int b = 0; b < bins; b++) {
      int x0 = (int) Math.round(x.fraction(lo + b * width) * PLOT_WIDTH);
      int x1 = (int) Math.round(x.fraction(lo + (b + 1) * width) * PLOT_WIDTH);
      for (long[] counts : new long[][] {others, blasts}) {
        if (counts[b] == 0) {
          continue;
        }
        int h = (int) Math.round(y.fraction(Math.log10(1 + counts[b])) * PLOT_HEIGHT);
        plot.setColor(counts == blasts ? new Color(235, 0, 0, 200) : new Color(150, 150, 150));
        plot.fillRect(x0, PLOT_HEIGHT - h, Math.max(1, x1 - x0 - 1), h);
      }
    }
    plot.setFont(new Font(FONT, Font.PLAIN, 11));
    plot.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
        new float[] {6, 4}, 0));
    int labelY = 14;
    for (double[] cut : new double[][] {{score.seedCut(), 0}, {score.clusterCut(), 1}}) {
      if (!Double.isFinite(cut[0])) {
        continue;
      }
      int px = (int) Math.round(x.fraction(cut[0]) * PLOT_WIDTH);
      plot.setColor(GATE);
      plot.drawLine(px, 0, px, PLOT_HEIGHT);
      plot.drawString((cut[1] == 0 ? "seed cut " : "cluster cut ") + trim(cut[0]), px + 4,
          labelY);
      labelY += 14;
    }
    plot.dispose();
    long blastCount = 0;
    for (boolean b : score.blast()) {
      blastCount += b ? 1 : 0;
    }
    drawLegend(g, List.of(
        new String[] {Kind.OTHER.name(), String.format(Locale.ROOT, "candidates, not blasts (%,d)",
            score.scores().length - blastCount)},
        new String[] {Kind.BLAST.name(), String.format(Locale.ROOT, "blasts (%,d)", blastCount)},
        new String[] {"CUT", "score cuts (blasts also need CD10, CD38 and cluster shape)"}));
  }
}
