package org.mrdflow.gating.mrd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mrdflow.fcs.FcsChannel;
import org.mrdflow.fcs.FcsDataset;
import org.mrdflow.fcs.FcsKeywords;
import org.mrdflow.fcs.SpilloverMatrix;
import org.mrdflow.gating.compensation.LabMatrices;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.events.EventTable;
import org.mrdflow.gating.events.FcsEvents;
import org.mrdflow.gating.events.Sample;
import org.mrdflow.gating.panel.Panel;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.GeometricGate;
import org.mrdflow.gating.method.GatingMethods;
import org.mrdflow.gating.strategy.GatingResult;
import org.mrdflow.gating.strategy.StrategyEvaluator;
import org.mrdflow.gating.transform.LogicleTransform;

/**
 * The per-sample automated MRD analysis the pipeline runs on every file: the gating engine
 * ({@link StrategyEvaluator}) applies the MRD strategy ({@link MrdAnalysisConfig}: markers
 * resolved by name through the panel, compensation with the file's spillover matrix,
 * fluorescence on the logicle scale with T = the top of each channel's scale ($PnR for linear
 * channels without gain; see {@link FcsEvents#scaleTop}), the MRD gating methods), then
 * the MRD call is made ({@link MrdRules}). Plain Java, thread-safe, no Spark; one instance can
 * serve many samples.
 *
 * <p>Failures are typed: {@link org.mrdflow.gating.panel.PanelException} for missing or
 * ambiguous markers (listing what was found), {@link
 * org.mrdflow.gating.compensation.CompensationException} for an unusable spillover matrix,
 * {@link MrdGatingException} for a sample the gating cannot calibrate.
 */
public final class MrdAnalysis {
  /** Scatter and time, resolved through the panel like the markers. */
  public static final String FSC_A = "FSC-A";
  public static final String FSC_H = "FSC-H";
  public static final String SSC_A = "SSC-A";
  public static final String SSC_H = "SSC-H";
  public static final String TIME = "Time";
  /** The strategy population of singlets before the DNA gate (dye-negative = singlets - nucleated). */
  static final String SINGLETS = "singlets";
  /** Panel role of a nucleated-cell DNA dye (Syto 41, DRAQ5, Hoechst...). */
  public static final String DNA = "DNA";
  /** QC flag: the file has no scatter pair to find singlets on (no FSC-H/W, SSC-H/W). */
  public static final String FLAG_NO_SINGLET_CHANNEL = "no-singlet-channel";
  /** compensation_source values: the file's own spillover keyword, or none. */
  public static final String COMPENSATION_FILE = "file";
  public static final String COMPENSATION_NONE = "none";
  /** compensation_source of a lab-configured matrix: this prefix and the matrix id. */
  public static final String COMPENSATION_LAB_PREFIX = "lab:";
  /**
   * QC flag: neither the file nor the lab's matrices ({@code conf/compensation}) gave a spillover
   * matrix, so fluorescence was not compensated.
   */
  public static final String FLAG_UNCOMPENSATED = "uncompensated";
  /** QC flag: no time channel, so no time QC. */
  public static final String FLAG_NO_TIME = "no-time-channel";
  /** QC flag: acquisition disturbances were removed by the time QC. */
  public static final String FLAG_TIME_EVENTS_REMOVED = "time-qc-removed-events";
  /** QC flag: the blast count is between LOD and LLOQ. */
  public static final String FLAG_BELOW_LLOQ = "blasts-below-lloq";
  /** QC flag: CD19- CD10- blasts cannot be excluded with this panel. */
  public static final String FLAG_PANEL_LIMITED = "panel-limited";
  /**
   * QC flag: the blasts' median CD19 is above the negative level but not confidently, so they
   * are counted CD19-negative (CD19-dim or residual spillover of bright CD10 on a small clone).
   */
  public static final String FLAG_CD19_UNCERTAIN = "cd19-expression-uncertain";
  /**
   * QC flag: the blast seeds were no more than the tails of normal candidates give in this
   * sample (not grown), and all blasts together are no more either: they may be no clone, so
   * their CD19 make-up gives no hCD19 CAR eligibility.
   */
  public static final String FLAG_BLASTS_WITHIN_NORMAL_TAILS = "blasts-within-normal-tails";
  /**
   * QC flag: the blasts are so many that hematogones cannot be told from the clone's tail; B
   * cells % of lymphocytes counts mature B cells only, and aplasia is null unless they alone
   * exceed the cut-off.
   */
  public static final String FLAG_HEMATOGONES_NOT_SEPARABLE = "hematogones-not-separable";

  private final MrdAnalysisConfig config;
  private final GatingMethods methods = GatingMethods.discover();
  /** One evaluator per distinct (logicle T per marker, time channel present) file layout. */
  private final Map<List<Object>, StrategyEvaluator> evaluators = new ConcurrentHashMap<>();

  public MrdAnalysis(MrdAnalysisConfig config) {
    this.config = config;
  }

  public MrdAnalysisConfig config() {
    return config;
  }

  /** The MRD result of one dataset. */
  public MrdResult analyze(FcsDataset dataset, String sourceName) {
    return analyzeWithEvents(dataset, sourceName).result();
  }

  /** The MRD result plus per-event values and population labels (for the events table). */
  public SampleAnalysis analyzeWithEvents(FcsDataset dataset, String sourceName) {
    return analyzeWithEvents(dataset, sourceName, Map.of());
  }

  /**
   * The analysis with a reviewer's geometry in place of some gates ({@link
   * StrategyEvaluator#apply(Sample, Map)}: applied population id, e.g. one of {@link
   * MrdPlots#drawnGates}, to its new geometry over the same dimensions); every other step,
   * the methods fitted after the moved gates included, runs as in the batch.
   */
  public SampleAnalysis analyzeWithEvents(FcsDataset dataset, String sourceName,
      Map<String, GeometricGate> adjustedGates) {
    Sample sample = FcsEvents.sample(dataset, sourceName);
    Map<String, Double> scaleTops = new LinkedHashMap<>();
    for (FcsChannel channel : dataset.channels()) {
      scaleTops.put(channel.name(), FcsEvents.scaleTop(channel));
    }
    Optional<SpilloverMatrix> spillover = sample.spillover();
    String compensationSource = COMPENSATION_FILE;
    if (spillover.isEmpty()) {
      FcsKeywords keywords = dataset.keywords();
      Optional<LabMatrices.Entry> lab = config.labMatrices().find(keywords.valueOrNull("$CYT"),
          keywords.valueOrNull("$CYTSN"), keywords.valueOrNull("$DATE"));
      spillover = lab.map(LabMatrices.Entry::matrix);
      compensationSource = lab.map(e -> COMPENSATION_LAB_PREFIX + e.id())
          .orElse(COMPENSATION_NONE);
    }
    return analyze(sample.events(), spillover, compensationSource, scaleTops, sourceName,
        adjustedGates);
  }

  /**
   * The analysis of an event table (uncompensated channel values on the scale, as {@link
   * FcsEvents#SCALE} reads them), compensated with the file's own matrix when it has one.
   *
   * @param ranges top of each channel's scale by channel name ({@link FcsEvents#scaleTop}, which is
   *     {@code $PnR} for a linear channel without gain): the logicle T of each fluorescence channel
   */
  public SampleAnalysis analyze(EventTable raw, Optional<SpilloverMatrix> spillover,
      Map<String, Double> ranges, String sourceName) {
    return analyze(raw, spillover,
        spillover.isPresent() ? COMPENSATION_FILE : COMPENSATION_NONE, ranges, sourceName);
  }

  /**
   * As {@link #analyze(EventTable, Optional, Map, String)}, with the matrix's source as the
   * {@code compensation_source} column reports it ("file", "lab:<id>", "none").
   */
  public SampleAnalysis analyze(EventTable raw, Optional<SpilloverMatrix> spillover,
      String compensationSource, Map<String, Double> ranges, String sourceName) {
    return analyze(raw, spillover, compensationSource, ranges, sourceName, Map.of());
  }

  private SampleAnalysis analyze(EventTable raw, Optional<SpilloverMatrix> spillover,
      String compensationSource, Map<String, Double> ranges, String sourceName,
      Map<String, GeometricGate> adjustedGates) {
    Panel panel = config.panel();
    Map<String, String> scatter = new LinkedHashMap<>();
    for (String role : SCATTER_ROLES) {
      if (panel.hasMarker(role)) {
        panel.resolveOptional(raw, role).ifPresent(channel -> scatter.put(role, channel));
      }
    }
    // A pulse-height instrument without area channels (FACSCalibur, 10-bit LSR): its FSC-H and
    // SSC-H stand for the areas, and leave no height for singlet discrimination.
    String fsc = scatter.containsKey(FSC_A) || !scatter.containsKey(FSC_H) ? FSC_A : FSC_H;
    String ssc = scatter.containsKey(SSC_A) || !scatter.containsKey(SSC_H) ? SSC_A : SSC_H;
    List<String> required = new ArrayList<>(List.of(fsc, ssc));
    required.addAll(MrdEvents.PANEL_MARKERS);
    Map<String, String> resolved = panel.resolve(raw, required);
    List<String> flags = new ArrayList<>();
    MrdAnalysisConfig.SingletPair singlets = null;
    for (MrdAnalysisConfig.SingletPair pair : config.singletPairs()) {
      if (singlets == null && scatter.containsKey(pair.area())
          && (pair.area().equals(fsc) || pair.area().equals(ssc))
          && scatter.containsKey(pair.pulse()) && !pair.pulse().equals(fsc)
          && !pair.pulse().equals(ssc)) {
        singlets = pair;
      }
    }
    if (singlets == null) {
      flags.add(FLAG_NO_SINGLET_CHANNEL);
    }
    String timeChannel = null;
    if (panel.hasMarker(TIME)) {
      try {
        timeChannel = panel.resolve(raw, List.of(TIME)).get(TIME);
      } catch (org.mrdflow.gating.panel.PanelException absent) {
        flags.add(FLAG_NO_TIME);
      }
    } else {
      flags.add(FLAG_NO_TIME);
    }
    if (spillover.isEmpty()) {
      flags.add(FLAG_UNCOMPENSATED);
    }
    int n = raw.eventCount();
    double defaultTop = config.scaleTransform().T();
    Map<String, Double> logicleTop = new LinkedHashMap<>();
    List<String> fluorescence = new ArrayList<>(MrdEvents.PANEL_MARKERS);
    boolean dna = scatter.containsKey(DNA);
    if (dna) {
      fluorescence.add(DNA);
      resolved.put(DNA, scatter.get(DNA));
    }
    for (String marker : fluorescence) {
      double range = ranges.getOrDefault(resolved.get(marker), defaultTop);
      // A top the keywords make infinite ($PnE with hundreds of decades, $PnG near 0) is no
      // scale: like a missing or sub-unit range, the strategy's own T is used.
      logicleTop.put(marker, range > 1 && Double.isFinite(range) ? range : defaultTop);
    }
    boolean hasTime = timeChannel != null;
    double fscSaturatedAt = saturatedAt(ranges.get(resolved.get(fsc)));
    double sscSaturatedAt = saturatedAt(ranges.get(resolved.get(ssc)));
    MrdAnalysisConfig.Layout layout = new MrdAnalysisConfig.Layout(fsc, ssc, singlets, dna,
        hasTime, sscSaturatedAt);
    StrategyEvaluator evaluator = evaluators.computeIfAbsent(List.of(logicleTop, layout),
        key -> new StrategyEvaluator(config.forSample(logicleTop, layout), methods));
    GatingResult gating;
    try {
      gating = evaluator.apply(new Sample(sourceName, raw, spillover), adjustedGates);
    } catch (MrdGatingException e) {
      throw new MrdGatingException(sourceName, e.getMessage());
    }
    MarrowGatingResult gates = MarrowGatingResult.of(gating);
    Map<String, float[]> markers = new LinkedHashMap<>();
    for (String marker : MrdEvents.PANEL_MARKERS) {
      markers.put(marker, gating.values(Dimension.of(marker, Dimension.FILE_COMPENSATION,
          config.scaleId(logicleTop.get(marker)))));
    }
    float[] fscA = scatter(gating, fsc);
    float[] sscA = scatter(gating, ssc);
    String pulse = singlets == null ? fsc : singlets.pulse();
    MrdEvents events = new MrdEvents(fscA, scatter(gating, pulse), sscA,
        hasTime ? scatter(gating, TIME) : null, markers, config.scaleTransform().M(), pulse);
    if (gates.timeOk().cardinality() < n) {
      flags.add(FLAG_TIME_EVENTS_REMOVED);
    }
    Map<String, String> channels = new LinkedHashMap<>(resolved);
    if (singlets != null) {
      channels.put(singlets.pulse(), scatter.get(singlets.pulse()));
    }
    if (timeChannel != null) {
      channels.put(TIME, timeChannel);
    }
    EventMask nucleated = gates.nucleated();
    long saturated = saturated(fscA, fscSaturatedAt, nucleated)
        .or(saturated(sscA, sscSaturatedAt, nucleated)).cardinality();
    long nucleatedCount = nucleated.cardinality();
    Acquisition acquisition = new Acquisition(
        nucleatedCount == 0 ? 0 : (double) saturated / nucleatedCount,
        dna && config.strategy().population(SINGLETS).isPresent()
            ? Long.valueOf(gating.population(SINGLETS).events().andNot(nucleated).cardinality())
            : null,
        compensationSource);
    Map<String, String> stains = new LinkedHashMap<>();
    for (Map.Entry<String, String> c : channels.entrySet()) {
      int index = raw.indexOf(c.getValue());
      String label = index < 0 ? null : raw.channel(index).label();
      stains.put(c.getKey(), label == null ? "" : label);
    }
    LogicleTransform declared = config.scaleTransform();
    Map<String, LogicleTransform> scales = new LinkedHashMap<>();
    for (String marker : MrdEvents.PANEL_MARKERS) {
      scales.put(marker, new LogicleTransform(logicleTop.get(marker), declared.W(), declared.M(),
          declared.A()));
    }
    return new SampleAnalysis(result(events, gating, gates, flags, n, acquisition), gates, events,
        labels(gates, n), channels, stains, logicleTop, scales, config.rules(), gating);
  }

  /** Scatter and DNA roles of the panel, looked up in every file (each optional). */
  private static final List<String> SCATTER_ROLES =
      List.of(FSC_A, FSC_H, "FSC-W", SSC_A, SSC_H, "SSC-W", DNA);

  /**
   * The value at which a scatter detector saturates: {@code $PnR - 1} (FCS 3.1 section 3.3.40;
   * integer data are clipped there and float exports write it); a range of 2 or less (0..1
   * floats) saturates at the range itself. Unknown range: nothing is saturated.
   */
  static double saturatedAt(Double range) {
    if (range == null || !(range > 0)) {
      return Double.POSITIVE_INFINITY;
    }
    return range > 2 ? range - 1 : range;
  }

  private static EventMask saturated(float[] values, double at, EventMask within) {
    EventMask mask = EventMask.none(values.length);
    if (at == Double.POSITIVE_INFINITY) {
      return mask;
    }
    for (int i = within.nextSetBit(0); i >= 0; i = within.nextSetBit(i + 1)) {
      if (values[i] >= at) {
        mask.set(i);
      }
    }
    return mask;
  }

  /**
   * Acquisition facts of one sample for its {@code mrd_results} row.
   *
   * @param saturatedFraction nucleated events with forward or side scatter at saturation, as a
   *     share of the nucleated events (they stay in the denominator)
   * @param dnaNegativeEvents singlets below the DNA dye's valley; null without a dye
   * @param compensationSource "file", "lab:<id>" or "none"
   */
  record Acquisition(double saturatedFraction, Long dnaNegativeEvents,
      String compensationSource) {}

  /** A scatter or time column as the gates saw it: file-compensated, linear. */
  private static float[] scatter(GatingResult gating, String parameter) {
    return gating.values(Dimension.of(parameter, Dimension.FILE_COMPENSATION, ""));
  }

  private MrdResult result(MrdEvents events, GatingResult gating, MarrowGatingResult g,
      List<String> flags, int eventCount, Acquisition acquisition) {
    MrdRules rules = config.rules();
    long nucleated = g.nucleated().cardinality();
    long blasts = g.blasts().cardinality();
    // Fail closed: a NEGATIVE needs compensation, its references and the quality checks.
    List<MrdStatusReason> unmet = new ArrayList<>();
    if (flags.contains(FLAG_UNCOMPENSATED)) {
      unmet.add(MrdStatusReason.UNCOMPENSATED);
    }
    SampleQuality quality = SampleQuality.of(events, gating, g, eventCount);
    quality.check(config.quality(), nucleated == 0 ? Double.NaN : (double) blasts / nucleated,
        flags, unmet);
    MrdRules.MrdCall call = rules.failClosed(rules.call(nucleated, blasts), unmet);
    if (call.status() == MrdStatus.POSITIVE && blasts < rules.lloqEvents()) {
      flags.add(FLAG_BELOW_LLOQ);
    }
    if (g.panelLimited()) {
      flags.add(FLAG_PANEL_LIMITED);
    }
    if (g.cd19ExpressionUncertain()) {
      flags.add(FLAG_CD19_UNCERTAIN);
    }
    long cd19Pos = g.cd19PositiveBlasts().cardinality();
    long lymphocytes = g.lymphocytes().cardinality();
    long bCells = g.normalB().cardinality();
    Boolean aplasia = rules.bCellAplasia(lymphocytes, bCells);
    if (call.fraction() >= config.quality().maxMrdForHematogones()) {
      // A clone this large spreads over the hematogone gate: count mature B cells only. That
      // share is a lower bound, so it can say "not aplastic" but never "aplastic".
      flags.add(FLAG_HEMATOGONES_NOT_SEPARABLE);
      long hematogones = g.hematogones().cardinality();
      lymphocytes -= hematogones;
      bCells -= hematogones;
      aplasia = rules.bCellAplasia(lymphocytes, bCells);
      aplasia = Boolean.TRUE.equals(aplasia) ? null : aplasia;
    }
    Map<String, Double> cluster = gating.population("blast-cluster").landmarks();
    boolean tailsOnly = blasts > 0
        && cluster.getOrDefault(BlastClusterMethod.WITHIN_BACKGROUND, 0.0) > 0
        && blasts <= cluster.get(BlastClusterMethod.BACKGROUND_MAX);
    if (tailsOnly) {
      flags.add(FLAG_BLASTS_WITHIN_NORMAL_TAILS);
    }
    boolean cloneUnresolved = flags.contains(SampleQuality.FLAG_CD10_BRIGHT_UNEXPLAINED);
    if (cloneUnresolved) {
      // The lymphocyte compartment may hold the unrecognised part of a clone, and the blasts
      // found may not be the clone's CD19 make-up: neither is evaluable (fail closed).
      aplasia = null;
    }
    return new MrdResult(nucleated, blasts, call.fraction(), call.status(), call.reason(),
        call.sensitivity(), rules.lodEvents(), rules.lloqEvents(), cd19Pos,
        g.cd19PositiveFraction(), g.cd19ExpressionUncertain() || cloneUnresolved || tailsOnly
            ? null
            : rules.car19Eligible(blasts, g.cd19PositiveFraction()),
        lymphocytes, bCells,
        lymphocytes == 0 ? Double.NaN : (double) bCells / lymphocytes,
        aplasia, g.hematogones().cardinality(),
        g.panelLimited(), flags, config.strategyId(), config.strategySha256(),
        MrdPopulations.summaries(events, gating), quality.referencesUsed(),
        quality.timeQcRemovedFraction(), quality.negativeControlPositiveFraction(),
        quality.progenitorFraction(), quality.granulocyteFraction(), acquisition.saturatedFraction(),
        acquisition.dnaNegativeEvents(), acquisition.compensationSource());
  }

  private static byte[] labels(MarrowGatingResult g, int n) {
    byte[] labels = new byte[n];
    mark(labels, g.nucleated(), PopulationLabel.NUCLEATED_OTHER);
    mark(labels, g.lymphocytesTnk(), PopulationLabel.LYMPHOCYTE_T_NK);
    mark(labels, g.progenitors(), PopulationLabel.PROGENITOR);
    mark(labels, g.bLineage(), PopulationLabel.B_LINEAGE_OTHER);
    mark(labels, g.plasma(), PopulationLabel.PLASMA_CELL);
    mark(labels, g.hematogones(), PopulationLabel.HEMATOGONE);
    mark(labels, g.matureB(), PopulationLabel.MATURE_B);
    mark(labels, g.blasts(), PopulationLabel.BLAST_CD19_NEGATIVE);
    mark(labels, g.cd19PositiveBlasts(), PopulationLabel.BLAST_CD19_POSITIVE);
    return labels;
  }

  /** Later calls win: populations are marked from the broadest to the most specific. */
  private static void mark(byte[] labels, EventMask events, PopulationLabel label) {
    for (int i : events.indices()) {
      labels[i] = (byte) label.code();
    }
  }

  /**
   * One analysed sample with its per-event data.
   *
   * @param result the MRD result
   * @param gates the populations and landmarks
   * @param events the values the gates were applied to (linear scatter, logicle markers)
   * @param labels {@link PopulationLabel#code()} per event, in file order
   * @param channels panel marker (and FSC-A, FSC-H, SSC-A, Time) -> the file's channel name
   * @param stains the same keys -> the channel's {@code $PnS} (e.g. "CD19 PE-Cy7"; "" without
   *     one): untrusted text from the file, escape it wherever it is shown
   * @param logicleTop logicle T used for each fluorescence marker (the channel's $PnR)
   * @param scales the logicle scale each panel marker's values are on (T = its logicleTop)
   * @param rules the reporting rules the call was made with (thresholds, LOD, LLOQ)
   * @param gating the engine's result: every population with the geometry that selected it
   *     ({@link GatingResult#appliedStrategy()}), which the Gating-ML export and the plots use
   */
  public record SampleAnalysis(MrdResult result, MarrowGatingResult gates, MrdEvents events,
      byte[] labels, Map<String, String> channels, Map<String, String> stains,
      Map<String, Double> logicleTop, Map<String, LogicleTransform> scales, MrdRules rules,
      GatingResult gating) {}
}
