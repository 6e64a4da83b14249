package org.mrdflow.pipeline.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mrdflow.fcs.FcsDataset;
import org.mrdflow.fcs.FcsException;
import org.mrdflow.fcs.FcsFile;
import org.mrdflow.fcs.FcsReadOptions;
import org.mrdflow.fcs.NotFcsException;
import org.mrdflow.fcs.TruncatedFcsException;
import org.mrdflow.fcs.UnsupportedFcsException;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.mrd.MrdAnalysis;
import org.mrdflow.gating.mrd.MrdAnalysisConfig;
import org.mrdflow.gating.mrd.MrdEvents;
import org.mrdflow.gating.mrd.MrdPlots;
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
  /** File name of the per-sample gating plot under runs/<run_id>/plots/<sample_id>/. */
  public static final String PLOT_NAME = "gating.png";

  /** MRD strategy document; null for the bundled default (which every executor has in its jar). */
  private final String strategyPath;
  private final boolean plots;
  private transient MrdAnalysis analysis;

  private FcsMrdAnalyzer(String strategyPath, boolean plots) {
    this.strategyPath = strategyPath;
    this.plots = plots;
  }

  /** The analysis named by {@code analysis.mrd_config} of a run config (or the default). */
  public static FcsMrdAnalyzer fromConfig(RunConfig config) {
    String mrdConfig = config.analysis().mrdConfig();
    FcsMrdAnalyzer analyzer = new FcsMrdAnalyzer(mrdConfig == null ? null : config.resolve(mrdConfig).toString(),
        config.analysis().plots());
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
  public AnalysedSample analyze(byte[] fcsBytes, String sourceName) throws SampleFailure {
    FcsDataset dataset = read(fcsBytes, sourceName);
    MrdAnalysis.SampleAnalysis result = gate(dataset, sourceName);
    return new AnalysedSample(dataset.version(), dataset.keywords().asMap(), dataset.eventCount(),
        result.result(), plots ? Map.of(PLOT_NAME, plot(result, sourceName)) : Map.of());
  }

  /**
   * The gating plot as PNG bytes. MrdPlots writes to a local folder, so it is drawn into a
   * task-local temporary folder and read back; the pipeline stores it on the warehouse file system.
   */
  private static byte[] plot(MrdAnalysis.SampleAnalysis result, String sourceName) throws SampleFailure {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("mrdflow-plot");
      Path png = MrdPlots.write(result, "gating", dir);
      byte[] bytes = Files.readAllBytes(png);
      Files.delete(png);
      return bytes;
    } catch (IOException e) {
      throw new SampleFailure(ErrorCode.INTERNAL_ERROR, sourceName + ": cannot draw the gating plot: " + e.getMessage(), e);
    } finally {
      if (dir != null) {
        dir.toFile().delete();
      }
    }
  }

  @Override
  public SampleEvents analyzeEvents(byte[] fcsBytes, String sourceName) throws SampleFailure {
    MrdAnalysis.SampleAnalysis result = gate(read(fcsBytes, sourceName), sourceName);
    MrdEvents events = result.events();
    List<float[]> columns = new ArrayList<>(List.of(events.fscA(), events.fscH(), events.sscA()));
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
  public List<String> eventMarkerColumns() {
    List<String> names = new ArrayList<>(SCATTER);
    for (String marker : MrdEvents.PANEL_MARKERS) {
      names.add(marker.toLowerCase(Locale.ROOT));
    }
    return names;
  }

  /**
   * The first data set, decoded. Multi-data-set files (e.g. Beckman LMD with an FCS 2.0 and an
   * FCS 3.0 copy of the same events) are analysed on data set 0, as flowCore reads them by default.
   */
  private static FcsDataset read(byte[] bytes, String sourceName) throws SampleFailure {
    try {
      return FcsFile.read(bytes, sourceName, FcsReadOptions.defaults()).first().decodeAll();
    } catch (NotFcsException e) {
      throw new SampleFailure(ErrorCode.NOT_FCS, e.getMessage(), e);
    } catch (TruncatedFcsException e) {
      throw new SampleFailure(ErrorCode.TRUNCATED, e.getMessage(), e);
    } catch (UnsupportedFcsException e) {
      throw new SampleFailure(ErrorCode.UNSUPPORTED, e.getMessage(), e);
    } catch (FcsException e) {
      throw new SampleFailure(ErrorCode.CORRUPT, e.getMessage(), e);
    }
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
