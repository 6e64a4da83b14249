package org.mrdflow.simulation;

import static org.mrdflow.simulation.Marker.CD10;
import static org.mrdflow.simulation.Marker.CD19;
import static org.mrdflow.simulation.Marker.CD20;
import static org.mrdflow.simulation.Marker.CD34;
import static org.mrdflow.simulation.Marker.CD38;
import static org.mrdflow.simulation.Marker.CD45;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.mrdflow.fcs.FcsWriter;

/**
 * Instrument profiles: how each vendor names its channels ($PnN / $PnS), its linear range, which
 * fluorochrome carries which marker, detector brightness, autofluorescence and noise, and the
 * spillover between neighbouring detectors. Names follow each vendor's export style; fluorochrome
 * assignments, gains and spillover values are plausible choices of ours, not a vendor's data.
 *
 * <p>Fluorescence detector k measures {@code raw_k = sum_j T_j S[j][k] + AF_k} with
 * {@code T_j = ABC(marker j) x brightness_j} (so raw = true x spillover, FCS 3.1 $SPILLOVER), plus
 * Poisson-like photon noise {@code sqrt(g_k raw_k) N(0,1)} (the source of the spreading error after
 * compensation) and electronic noise {@code sd_k N(0,1)}, which makes negatives spread below zero.
 */
public enum Instrument {
  /** BD FACSCanto II with FACSDiva: 18-bit range, "FITC-A" channels, $PnS "CD10 FITC". */
  CANTO(
      "FACSCanto II",
      FcsWriter.Version.FCS_3_1,
      262_144,
      new String[] {"FSC-A", "FSC-H", "SSC-A", "SSC-H"},
      "Time",
      0.01,
      1.0,
      30,
      8_000,
      Map.of("CREATOR", "BD FACSDiva Software Version 9.0", "$INST", "MRDFlow simulated laboratory",
          "APPLY COMPENSATION", "FALSE", "THRESHOLD", "FSC,5000"),
      cantoDetectors(),
      cantoSpillover()),

  /**
   * Beckman Coulter Navios exported by Kaluza: 20-bit range, "FS-A"/"SS-A"/"FLn-A"/"TIME" channels,
   * $PnS the bare marker ("CD19").
   */
  NAVIOS(
      "Navios",
      FcsWriter.Version.FCS_3_1,
      1_048_576,
      new String[] {"FS-A", "FS-H", "SS-A", null},
      "TIME",
      0.1,
      4.0,
      110,
      6_000,
      Map.of("@CYTOMETERID", "AX40001", "@SAMPLEID1", "MRD 6-colour", "CREATOR", "Kaluza"),
      new Detector[] {
        new Detector("FL1-A", "CD19", CD19, 0.45, 220, 20, 100),
        new Detector("FL2-A", "CD10", CD10, 3.0, 150, 16, 100),
        new Detector("FL3-A", "CD34", CD34, 1.4, 120, 24, 120),
        new Detector("FL4-A", "CD38", CD38, 1.0, 80, 30, 120),
        new Detector("FL5-A", "CD20", CD20, 2.0, 60, 30, 140),
        new Detector("FL10-A", "CD45", CD45, 0.35, 300, 40, 100)
      },
      new double[][] {
        {1, 0.18, 0.05, 0.004, 0.001, 0.01},
        {0.01, 1, 0.25, 0.06, 0.01, 0},
        {0, 0.08, 1, 0.18, 0.03, 0},
        {0, 0.005, 0.02, 1, 0.25, 0},
        {0, 0.002, 0.01, 0.06, 1, 0},
        {0.03, 0.002, 0, 0, 0, 1}
      }),
  /** Beckman Coulter CytoFLEX with CytExpert: wide linear range, "PC7-A", $PnS "CD19-PC7". */
  CYTOFLEX(
      "CytoFLEX",
      FcsWriter.Version.FCS_3_2,
      4_194_304,
      new String[] {"FSC-A", "FSC-H", "SSC-A", "SSC-H"},
      "Time",
      0.01,
      12.0,
      400,
      10_000,
      Map.of("CREATOR", "CytExpert 2.5", "$INST", "MRDFlow simulated laboratory"),
      cytoflexDetectors(),
      cytoflexSpillover()),
  /**
   * BD FACSCanto II exported by FACSDiva like the real KM1 tube that was refused: FSC-A, FSC-W and
   * SSC-A (no FSC-H), a Syto 41-style nucleated-cell dye on V450-A, and side scatter at a gain
   * that saturates most granulocytes at $PnR - 1.
   */
  DIVA_FSC_WIDTH(
      "FACSCanto II",
      FcsWriter.Version.FCS_3_0,
      262_144,
      new String[] {"FSC-A", null, "SSC-A", null},
      "Time",
      0.01,
      1.0,
      30,
      8_000,
      Map.of("CREATOR", "BD FACSDiva Software Version 8.0.1", "$INST", "MRDFlow simulated laboratory"),
      cantoDetectors(),
      cantoSpillover(),
      new Style("FSC-W", null, "V450-A", "Syto 41", 2.2, 0, true)),
  /** CytoFLEX with a violet (405 nm) side scatter besides the blue one and an FSC-Width pulse. */
  CYTOFLEX_VIOLET_SSC(
      "CytoFLEX",
      FcsWriter.Version.FCS_3_2,
      4_194_304,
      new String[] {"FSC-A", "FSC-H", "SSC-A", "SSC-H"},
      "Time",
      0.01,
      12.0,
      400,
      10_000,
      Map.of("CREATOR", "CytExpert 2.5", "$INST", "MRDFlow simulated laboratory"),
      cytoflexDetectors(),
      cytoflexSpillover(),
      new Style("FSC-Width", "Violet SSC-A", null, null, 1, 0, true)),
  /** A Canto whose export stores scatter as 0..1 floats ($PnR 1 on the scatter channels). */
  CANTO_UNIT_SCATTER(
      "FACSCanto II",
      FcsWriter.Version.FCS_3_1,
      262_144,
      new String[] {"FSC-A", "FSC-H", "SSC-A", "SSC-H"},
      "Time",
      0.01,
      1.0,
      30,
      8_000,
      Map.of("CREATOR", "MRDFlow simulated export", "$INST", "MRDFlow simulated laboratory"),
      cantoDetectors(),
      cantoSpillover(),
      new Style(null, null, null, null, 1, 1, true)),
  /**
   * A Canto export without a spillover keyword (compensation done in the analysis software):
   * the same events as {@link #CANTO}, uncompensated unless the lab configured its matrix.
   */
  CANTO_NO_SPILLOVER(
      "FACSCanto II",
      FcsWriter.Version.FCS_3_1,
      262_144,
      new String[] {"FSC-A", "FSC-H", "SSC-A", "SSC-H"},
      "Time",
      0.01,
      1.0,
      30,
      8_000,
      Map.of("CREATOR", "BD FACSDiva Software Version 9.0", "$INST", "MRDFlow simulated laboratory",
          "APPLY COMPENSATION", "FALSE", "THRESHOLD", "FSC,5000"),
      cantoDetectors(),
      cantoSpillover(),
      new Style(null, null, null, null, 1, 0, false));

  /** The instruments scenarios rotate through when none is chosen (the original three styles). */
  public static final List<Instrument> ROTATION = List.of(CANTO, NAVIOS, CYTOFLEX);

  private static Detector[] cantoDetectors() {
    return new Detector[] {
        new Detector("FITC-A", "CD10 FITC", CD10, 0.12, 60, 5, 25),
        new Detector("PE-A", "CD20 PE", CD20, 0.90, 40, 4, 30),
        new Detector("PerCP-Cy5-5-A", "CD34 PerCP-Cy5.5", CD34, 0.35, 30, 8, 35),
        new Detector("PE-Cy7-A", "CD19 PE-Cy7", CD19, 0.50, 20, 8, 38),
        new Detector("APC-A", "CD38 APC", CD38, 0.60, 10, 5, 25),
        new Detector("V500-C-A", "CD45 V500-C", CD45, 0.08, 80, 10, 30)
    };
  }

  private static double[][] cantoSpillover() {
    return new double[][] {
        {1, 0.22, 0.03, 0.005, 0, 0.02},
        {0.015, 1, 0.14, 0.025, 0.001, 0},
        {0, 0.002, 1, 0.32, 0.04, 0},
        {0.001, 0.02, 0.05, 1, 0.005, 0},
        {0, 0, 0.01, 0.08, 1, 0},
        {0.004, 0.001, 0, 0, 0, 1}
    };
  }

  private static Detector[] cytoflexDetectors() {
    return new Detector[] {
        new Detector("FITC-A", "CD20-FITC", CD20, 1.5, 700, 60, 300),
        new Detector("PE-A", "CD10-PE", CD10, 10.0, 500, 50, 350),
        new Detector("PC5.5-A", "CD34-PC5.5", CD34, 4.0, 400, 80, 400),
        new Detector("PC7-A", "CD19-PC7", CD19, 6.0, 250, 80, 450),
        new Detector("APC-A", "CD38-APC", CD38, 7.0, 120, 60, 300),
        new Detector("KO525-A", "CD45-KO525", CD45, 1.1, 1000, 100, 350)
    };
  }

  private static double[][] cytoflexSpillover() {
    return new double[][] {
        {1, 0.20, 0.02, 0.004, 0, 0.015},
        {0.012, 1, 0.10, 0.03, 0.001, 0},
        {0, 0.004, 1, 0.28, 0.05, 0},
        {0.001, 0.015, 0.04, 1, 0.004, 0},
        {0, 0, 0.015, 0.07, 1, 0},
        {0.006, 0.002, 0, 0, 0, 1}
    };
  }

  /**
   * What sets an acquisition style apart from the instrument's plain export.
   *
   * @param fscWidth name of an FSC pulse-width channel, or null
   * @param violetSsc name of a violet side-scatter channel, or null
   * @param dnaChannel name of a nucleated-cell DNA dye channel, or null
   * @param dnaLabel its $PnS (the dye)
   * @param sscGain side-scatter gain relative to the instrument's (above 1 saturates granulocytes)
   * @param scatterRange $PnR of the scatter channels when they differ from the rest (1: 0..1
   *     floats), or 0
   * @param spilloverKeyword whether the file carries its spillover matrix ($SPILLOVER)
   */
  public record Style(String fscWidth, String violetSsc, String dnaChannel, String dnaLabel,
      double sscGain, long scatterRange, boolean spilloverKeyword) {
    static Style plain() {
      return new Style(null, null, null, null, 1, 0, true);
    }
  }

  /**
   * One fluorescence detector.
   *
   * @param brightness channel units per antibody bound (fluorochrome x voltage)
   * @param autofluorescence channel units of a lymphocyte's autofluorescence
   * @param photonGain variance of the photon noise per channel unit of signal
   * @param electronicSd SD of the electronic noise in channel units
   */
  public record Detector(
      String name, String label, Marker marker, double brightness, double autofluorescence,
      double photonGain, double electronicSd) {}

  /** Relative per-element error of the written spillover matrix (an imperfect single-stain estimate). */
  static final double SPILLOVER_ESTIMATE_ERROR = 0.02;
  private static final MathContext FIVE_DIGITS = new MathContext(5);
  /** Relative SD of scatter measurement (laser and fluidic noise). */
  private static final double SCATTER_CV = 0.01;
  /** Where a typical singlet's pulse width sits, as a share of $PnR (real Diva files). */
  private static final double WIDTH_SINGLET = 0.24;
  /** Violet SSC: blue SSC x (FSC / this)^-exponent (mrdsim 1.1 vssc_size_exponent 0.3). */
  private static final double VIOLET_SIZE = 60_000;
  private static final double VIOLET_SIZE_EXPONENT = 0.3;
  /** DNA dye: G0/G1 signal, its spread (natural log; Syto-like, broad) and electronic noise. */
  private static final double DNA_G0G1 = 40_000;
  private static final double DNA_LOG_SD = 0.25;
  private static final double DNA_ELECTRONIC_SD = 30;
  /** SD (natural log) of a cell's autofluorescence around its population's value. */
  private static final double AUTOFLUORESCENCE_LOG_SD = 0.14;

  private final String cytometer;
  private final FcsWriter.Version fcsVersion;
  private final long range;
  private final String[] scatterNames;
  private final String timeName;
  private final double timestep;
  private final double scatterScale;
  private final double scatterNoise;
  private final double eventsPerSecond;
  private final Map<String, String> vendorKeywords;
  private final Detector[] detectors;
  private final double[][] spillover;
  private final Style style;

  Instrument(
      String cytometer,
      FcsWriter.Version fcsVersion,
      long range,
      String[] scatterNames,
      String timeName,
      double timestep,
      double scatterScale,
      double scatterNoise,
      double eventsPerSecond,
      Map<String, String> vendorKeywords,
      Detector[] detectors,
      double[][] spillover) {
    this(cytometer, fcsVersion, range, scatterNames, timeName, timestep, scatterScale,
        scatterNoise, eventsPerSecond, vendorKeywords, detectors, spillover, Style.plain());
  }

  Instrument(
      String cytometer,
      FcsWriter.Version fcsVersion,
      long range,
      String[] scatterNames,
      String timeName,
      double timestep,
      double scatterScale,
      double scatterNoise,
      double eventsPerSecond,
      Map<String, String> vendorKeywords,
      Detector[] detectors,
      double[][] spillover,
      Style style) {
    this.cytometer = cytometer;
    this.fcsVersion = fcsVersion;
    this.range = range;
    this.scatterNames = scatterNames;
    this.timeName = timeName;
    this.timestep = timestep;
    this.scatterScale = scatterScale;
    this.scatterNoise = scatterNoise;
    this.eventsPerSecond = eventsPerSecond;
    this.vendorKeywords = vendorKeywords;
    this.detectors = detectors;
    this.spillover = spillover;
    this.style = style;
  }

  /** The name used on the command line and in the truth {@code profile} field. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Instrument ofId(String id) {
    for (Instrument i : values()) {
      if (i.id().equals(id)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown instrument " + id + " (known: "
        + java.util.Arrays.stream(values()).map(Instrument::id).toList() + ")");
  }

  public String cytometer() {
    return cytometer;
  }

  public FcsWriter.Version fcsVersion() {
    return fcsVersion;
  }

  /** $PnR of every channel but scatter (see {@link #range(ChannelKind)}). */
  public long range() {
    return range;
  }

  /** $PnR of channels of {@code kind}: scatter may be stored on its own range (0..1 floats). */
  public long range(ChannelKind kind) {
    return kind.scatter() && style.scatterRange() > 0 ? style.scatterRange() : range;
  }

  public Style style() {
    return style;
  }

  public double timestep() {
    return timestep;
  }

  public List<Detector> detectors() {
    return List.of(detectors);
  }

  /** The true spillover matrix, rows and columns in {@link #detectors()} order. */
  public double[][] trueSpillover() {
    double[][] copy = new double[spillover.length][];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = spillover[i].clone();
    }
    return copy;
  }

  public Map<String, String> vendorKeywords() {
    return vendorKeywords;
  }

  /** The channel kinds in file order; each scatter kind only where the instrument exports it. */
  public enum ChannelKind {
    FSC_A,
    FSC_H,
    FSC_W,
    SSC_A,
    SSC_H,
    VSSC_A,
    FLUORESCENCE,
    DNA,
    TIME;

    boolean scatter() {
      return this != FLUORESCENCE && this != DNA && this != TIME;
    }
  }

  /** One column of the written file. */
  public record Channel(String name, String label, ChannelKind kind, Marker marker) {}

  /** The file's channels in order: scatter, fluorescence, time. */
  public List<Channel> channels() {
    List<Channel> out = new ArrayList<>();
    String[] names = {scatterNames[0], scatterNames[1], style.fscWidth(), scatterNames[2],
        scatterNames[3], style.violetSsc()};
    ChannelKind[] scatterKinds = {ChannelKind.FSC_A, ChannelKind.FSC_H, ChannelKind.FSC_W,
        ChannelKind.SSC_A, ChannelKind.SSC_H, ChannelKind.VSSC_A};
    for (int i = 0; i < names.length; i++) {
      if (names[i] != null) {
        out.add(new Channel(names[i], null, scatterKinds[i], null));
      }
    }
    for (Detector d : detectors) {
      out.add(new Channel(d.name(), d.label(), ChannelKind.FLUORESCENCE, d.marker()));
    }
    if (style.dnaChannel() != null) {
      out.add(new Channel(style.dnaChannel(), style.dnaLabel(), ChannelKind.DNA, null));
    }
    out.add(new Channel(timeName, null, ChannelKind.TIME, null));
    return out;
  }

  /**
   * The matrix written to $SPILLOVER: the true one with each off-diagonal element off by a relative
   * error N(0, 2%) truncated at 2 SD, rounded to 5 significant digits (as software writes it).
   */
  double[][] estimatedSpillover(SplittableRandom rng) {
    double[][] s = trueSpillover();
    for (int i = 0; i < s.length; i++) {
      for (int j = 0; j < s.length; j++) {
        if (i != j && s[i][j] != 0) {
          double err = Math.max(-2, Math.min(2, rng.nextGaussian())) * SPILLOVER_ESTIMATE_ERROR;
          s[i][j] = new BigDecimal(s[i][j] * (1 + err)).round(FIVE_DIGITS).doubleValue();
        }
      }
    }
    return s;
  }

  /** Mean events per second of a steady acquisition. */
  double eventsPerSecond() {
    return eventsPerSecond;
  }

  /** Converts true signals to channel values and acquisition time; reused per sample (not thread-safe). */
  final class Acquisition {
    private final List<Channel> channels = channels();
    private final double[] trueSignal = new double[detectors.length];
    private final int[] detectorOfMarker = new int[Marker.COUNT];
    private final float maxValue = (float) (range - 1);
    /** Scatter on its own range: divided by this, clipped at its top ($PnR - 1, or 1 for 0..1). */
    private final double scatterDivisor = (double) range / range(ChannelKind.FSC_A);
    private final float scatterMax = range(ChannelKind.FSC_A) > 2
        ? (float) (range(ChannelKind.FSC_A) - 1) : (float) range(ChannelKind.FSC_A);
    private final FlowDisturbance disturbance;
    private double seconds;
    private long disturbedEvents;

    /** @param disturbance a flow disturbance during the run, or null for a steady one */
    Acquisition(FlowDisturbance disturbance) {
      this.disturbance = disturbance;
      for (int k = 0; k < detectors.length; k++) {
        detectorOfMarker[detectors[k].marker().ordinal()] = k;
      }
    }

    /** Events acquired inside the disturbance so far. */
    long disturbedEvents() {
      return disturbedEvents;
    }

    int channelCount() {
      return channels.size();
    }

    /** Measures {@code cell} as event {@code i}, which arrives after an exponential wait. */
    void measure(Cell cell, SplittableRandom rng, float[][] columns, int i) {
      boolean disturbed = disturbance != null && disturbance.contains(seconds);
      double rate = disturbed ? eventsPerSecond * disturbance.rateFactor() : eventsPerSecond;
      seconds += -Math.log(1 - rng.nextDouble()) / rate;
      if (disturbed) {
        disturbedEvents++;
        dim(cell, disturbance.signalFactor());
      }
      for (int m = 0; m < Marker.COUNT; m++) {
        int k = detectorOfMarker[m];
        trueSignal[k] = cell.abc[m] * detectors[k].brightness();
      }
      int c = 0;
      int k = 0;
      for (Channel ch : channels) {
        double v =
            switch (ch.kind()) {
              case FSC_A -> scatter(cell.fscArea, rng);
              case FSC_H -> scatter(cell.fscHeight, rng);
              // Pulse width ~ area / height, a typical singlet at 0.24 $PnR (Diva: ~61k of 2^18).
              case FSC_W -> WIDTH_SINGLET * range * Phenotype.HEIGHT_RATIO * cell.fscArea
                  / cell.fscHeight * (1 + SCATTER_CV * rng.nextGaussian());
              case SSC_A -> scatter(cell.sscArea * style.sscGain(), rng);
              // Side-scatter pulses are about as wide as forward-scatter ones.
              case SSC_H -> scatter(cell.sscArea * style.sscGain() * cell.fscHeight
                  / cell.fscArea, rng);
              // Violet SSC: relatively brighter on small cells (Rayleigh-like, as mrdsim models).
              case VSSC_A -> scatter(cell.sscArea * Math.pow(cell.fscArea / VIOLET_SIZE,
                  -VIOLET_SIZE_EXPONENT), rng);
              case FLUORESCENCE -> fluorescence(k++, cell, rng);
              case DNA -> DNA_G0G1 * cell.dna * Math.exp(DNA_LOG_SD * rng.nextGaussian())
                  + DNA_ELECTRONIC_SD * rng.nextGaussian();
              case TIME -> seconds / timestep;
            };
        columns[c++][i] = ch.kind().scatter()
            ? Math.min((float) (v / scatterDivisor), scatterMax)
            : Math.min((float) v, maxValue);
      }
    }

    private void dim(Cell cell, double factor) {
      for (int m = 0; m < cell.abc.length; m++) {
        cell.abc[m] *= factor;
      }
      cell.fscArea *= factor;
      cell.fscHeight *= factor;
      cell.sscArea *= factor;
      cell.autofluorescence *= factor;
    }

    private double scatter(double canonical, SplittableRandom rng) {
      double v = canonical * scatterScale;
      return v * (1 + SCATTER_CV * rng.nextGaussian()) + scatterNoise * rng.nextGaussian();
    }

    private double fluorescence(int k, Cell cell, SplittableRandom rng) {
      double raw = 0;
      for (int j = 0; j < trueSignal.length; j++) {
        raw += trueSignal[j] * spillover[j][k];
      }
      Detector d = detectors[k];
      raw += d.autofluorescence() * cell.autofluorescence * Math.exp(AUTOFLUORESCENCE_LOG_SD * rng.nextGaussian());
      double photon = Math.sqrt(d.photonGain() * Math.max(raw, 0)) * rng.nextGaussian();
      return raw + photon + d.electronicSd() * rng.nextGaussian();
    }
  }
}
