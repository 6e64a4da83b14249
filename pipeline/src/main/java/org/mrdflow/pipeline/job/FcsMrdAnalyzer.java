package org.mrdflow.pipeline.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mrdflow.fcs.FcsDataset;
import org.mrdflow.fcs.FcsException;
import org.mrdflow.fcs.FcsFile;
import org.mrdflow.fcs.FcsDataSizeException;
import org.mrdflow.fcs.FcsSegmentException;
import org.mrdflow.fcs.FcsTextException;
import org.mrdflow.fcs.NotFcsException;
import org.mrdflow.fcs.TruncatedFcsException;
import org.mrdflow.fcs.UnsupportedFcsException;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.events.FcsEvents;
import org.mrdflow.gating.mrd.MrdAnalysis;
import org.mrdflow.gating.mrd.MrdAnalysisConfig;
import org.mrdflow.gating.mrd.MrdEvents;
import org.mrdflow.gating.mrd.MrdPlots;
import org.mrdflow.gating.mrd.MrdRules;
import org.mrdflow.gating.mrd.PopulationLabel;
import org.mrdflow.gating.panel.PanelException;
import org.mrdflow.pipeline.config.RunConfig;

/**
 * The real per-sample analysis: the FCS reader ({@link FcsFile}) and the automated MRD analysis
 * ({@link MrdAnalysis}) on the file's first data set, with each library's typed exceptions
 * mapped to the pipeline's stable {@link ErrorCode}s.
 */
public final class FcsMrdAnalyzer implements SampleAnalyzer {
  private static final long serialVersionUID = 1L;
  /** Scatter columns of the events table, in order, followed by the panel markers. */
  private static final List<String> SCATTER = List.of("fsc_a", "fsc_h", "ssc_a");

  static {
    // Tasks draw plots in memory and never open a window: no display is needed or wanted.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Draws the gating figure of one analysed sample as PNG bytes, titled with a label. */
  @FunctionalInterface
  interface PlotRenderer extends java.io.Serializable {
    byte[] png(MrdAnalysis.SampleAnalysis sample, String label);
  }

  /** MRD strategy document; null for the bundled default (which every executor has in its jar). */
  private final String strategyPath;
  private final boolean plots;
  private final PlotRenderer renderer;
  private transient MrdAnalysis analysis;

  FcsMrdAnalyzer(String strategyPath, boolean plots, PlotRenderer renderer) {
    this.strategyPath = strategyPath;
    this.plots = plots;
    this.renderer = renderer;
  }

  /** The analysis named by {@code analysis.mrd_config} of a run config (or the default). */
  public static FcsMrdAnalyzer fromConfig(RunConfig config) {
    String mrdConfig = config.analysis().mrdConfig();
    FcsMrdAnalyzer analyzer = new FcsMrdAnalyzer(mrdConfig == null ? null : config.resolve(mrdConfig).toString(),
        config.analysis().plots(), MrdPlots::png);
    analyzer.analysis(); // fail on the driver, before any task, when the strategy is unusable
    return analyzer;
  }

  private synchronized MrdAnalysis analysis() {
    if (analysis == null) {
      analysis = new MrdAnalysis(strategyPath == null ? MrdAnalysisConfig.defaults()
          : MrdAnalysisConfig.load(Path.of(strategyPath)));
    }
    return analysis;
  }

  @Override
  public AnalysedSample analyze(byte[] fcsBytes, String sourceName, String plotLabel, boolean withEvents)
      throws SampleFailure {
    FcsDataset dataset = read(fcsBytes, sourceName);
    MrdAnalysis.SampleAnalysis result = gate(dataset, sourceName);
    Map<String, byte[]> plotBytes = Map.of();
    List<String> flags = List.of();
    if (plots) {
      byte[] png = plot(renderer, result, plotLabel);
      if (png == null) {
        flags = List.of(AnalysedSample.PLOT_FAILED);
      } else {
        plotBytes = Map.of(MrdPlots.PNG_NAME, png);
      }
    }
    return new AnalysedSample(dataset.version(), dataset.keywords().asMap(), dataset.eventCount(),
        result.result(), plotBytes, flags, withEvents ? events(result) : null);
  }

  /**
   * The gating plot as PNG bytes, drawn in memory; null when it cannot be drawn. Plots are
   * best-effort: a missing font, an AWT fault or a rendering bug must not cost the sample its
   * counts, so every failure (errors of the graphics stack included) becomes a QC flag.
   */
  private static byte[] plot(PlotRenderer renderer, MrdAnalysis.SampleAnalysis result, String label) {
    try {
      return renderer.png(result, label);
    } catch (RuntimeException | LinkageError | java.awt.AWTError | InternalError e) {
      return null;
    }
  }

  private static float[] nanColumn(int n) {
    float[] column = new float[n];
    java.util.Arrays.fill(column, Float.NaN);
    return column;
  }

  private SampleEvents events(MrdAnalysis.SampleAnalysis result) {
    MrdEvents events = result.events();
    // fsc_h holds FSC-H only: a file singlet-gated on another pulse has none (NaN)
    float[] fscH = events.pulse().equals(MrdAnalysis.FSC_H) ? events.fscH()
        : nanColumn(events.eventCount());
    List<float[]> columns = new ArrayList<>(List.of(events.fscA(), fscH, events.sscA()));
    for (String marker : MrdEvents.PANEL_MARKERS) {
      columns.add(events.marker(marker));
    }
    String[] populations = new String[events.eventCount()];
    PopulationLabel[] byCode = new PopulationLabel[PopulationLabel.values().length];
    for (PopulationLabel l : PopulationLabel.values()) {
      byCode[l.code()] = l;
    }
    byte[] labels = result.labels();
    for (int e = 0; e < populations.length; e++) {
      populations[e] = byCode[labels[e]].name();
    }
    return new SampleEvents(eventMarkerColumns(), columns.toArray(float[][]::new), populations);
  }

  @Override
  public MrdRules rules() {
    return analysis().config().rules();
  }

  @Override
  public String gatingStrategySha256() {
    return analysis().config().strategySha256();
  }

  @Override
  public List<String> eventMarkerColumns() {
    List<String> names = new ArrayList<>(SCATTER);
    for (String marker : MrdEvents.PANEL_MARKERS) {
      names.add(marker.toLowerCase(Locale.ROOT));
    }
    return names;
  }

  /**
   * The first data set, decoded on the scale every MRDFlow command gates on ({@link
   * FcsEvents#SCALE}: log {@code $PnE} linearized, {@code $PnG} divided out), so the batch counts
   * what {@code analyze}, {@code evaluate} and {@code gate} count. Multi-data-set files (e.g.
   * Beckman LMD with an FCS 2.0 and an FCS 3.0 copy of the same events) are analysed on data set
   * 0, as flowCore reads them by default.
   */
  private static FcsDataset read(byte[] bytes, String sourceName) throws SampleFailure {
    try {
      return FcsFile.read(bytes, sourceName, FcsEvents.SCALE).first().decodeAll();
    } catch (FcsException e) {
      throw readFailure(sourceName, e);
    }
  }

  /**
   * A reader error as a FAILED row's code and message. The reader's own message is not used: it
   * may quote TEXT values ({@code $TOT = "..."}), and TEXT values may hold identifiers that the
   * keyword allow-list withholds. The message keeps what locates the fault (data set, byte) and
   * the kind of fault; {@code mrdflow fcs stats FILE} shows the details on the lab's own terminal.
   */
  static SampleFailure readFailure(String sourceName, FcsException e) {
    ErrorCode code;
    String kind;
    if (e instanceof NotFcsException) {
      code = ErrorCode.NOT_FCS;
      kind = "not an FCS file";
    } else if (e instanceof TruncatedFcsException) {
      code = ErrorCode.TRUNCATED;
      kind = "the file ends before a segment its HEADER or TEXT announces";
    } else if (e instanceof UnsupportedFcsException) {
      code = ErrorCode.UNSUPPORTED;
      kind = "uses an FCS feature MRDFlow does not read";
    } else if (e instanceof FcsTextException) {
      code = ErrorCode.CORRUPT;
      kind = "invalid or missing TEXT keyword";
    } else if (e instanceof FcsSegmentException) {
      code = ErrorCode.CORRUPT;
      kind = "invalid segment offsets";
    } else if (e instanceof FcsDataSizeException) {
      code = ErrorCode.CORRUPT;
      kind = "DATA size does not match the TEXT layout";
    } else {
      code = ErrorCode.CORRUPT;
      kind = "malformed FCS";
    }
    String where = (e.dataset() >= 0 ? "data set " + e.dataset() + ", " : "") + "byte " + e.byteOffset();
    return new SampleFailure(code, sourceName + ": " + where + ": " + kind
        + " (" + e.getClass().getSimpleName() + "; mrdflow fcs stats on the file shows the details)", e);
  }

  private MrdAnalysis.SampleAnalysis gate(FcsDataset dataset, String sourceName) throws SampleFailure {
    try {
      return analysis().analyzeWithEvents(dataset, sourceName);
    } catch (PanelException e) {
      throw new SampleFailure(ErrorCode.MISSING_MARKER, messageNaming(sourceName, e), e, parsed(dataset));
    } catch (GatingException e) {
      throw new SampleFailure(ErrorCode.ANALYSIS_FAILED, messageNaming(sourceName, e), e, parsed(dataset));
    }
  }

  private static SampleFailure.ParsedFcs parsed(FcsDataset d) {
    return new SampleFailure.ParsedFcs(d.version(), d.keywords().asMap(), d.eventCount());
  }

  /** Library messages usually start with the file name; add it when they do not. */
  private static String messageNaming(String sourceName, Exception e) {
    String m = String.valueOf(e.getMessage());
    return m.contains(sourceName) ? m : sourceName + ": " + m;
  }
}
