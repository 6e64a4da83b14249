package org.mrdflow.simulation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Named batches of samples for validation and demos. Each expands, for given options, to a list of
 * {@link SampleSpec}s with their own seeds derived from the base seed and the sample id, so a
 * sample is reproducible on its own and independent of the others in its batch.
 */
public enum Scenario {
  NORMAL("normal marrow, no blasts", 300_000),
  REGENERATING("regenerating marrow: hematogones 5-15% of nucleated cells, no blasts", 300_000),
  APLASIA("post CD19 CAR-T marrow: B-cell aplasia, no blasts", 300_000),
  DILUTION("spike-in series of classic blasts at 0, 1e-5, 1e-4, 1e-3, 1e-2 (replicates: --samples)", 500_000),
  CLASSIC("classic aberrant blasts (CD10 over, CD45 dim/neg, CD38 dim) in a normal marrow", 300_000),
  CD20_ASYNCHRONOUS("blasts with CD20 on CD34+ CD10-bright cells", 300_000),
  PRO_B("CD10-negative pro-B blasts (KMT2A type): CD19+ CD34+ CD10- CD20-", 300_000),
  CD19_DIM("blasts with CD19 one decade dim", 300_000),
  CD19_NEGATIVE("CD19-negative escape blasts after CD19 CAR-T (aplastic B background)", 300_000),
  MIXED80("mixed clones: 80% CD19+ and 20% CD19- blasts (not CAR19-eligible)", 300_000),
  MIXED97("mixed clones: 97% CD19+ blasts after CAR-T (CAR19-eligible)", 300_000),
  TIME_ARTEFACT("classic blasts in a normal marrow acquired with a partial clog mid-run (Time QC)", 300_000),
  LOW_CELLULARITY("fewer than 200,000 nucleated cells: a negative and a 1e-3 positive", 60_000),
  DEMO("a small batch mixing normal, regenerating, aplasia, phenotypes, 1e-4 and low cellularity", 250_000);

  /** Blast fraction of the phenotype scenarios unless --blast-fraction says otherwise. */
  public static final double DEFAULT_BLAST_FRACTION = 1e-3;
  /** The spike-in levels of the dilution series (blasts / nucleated cells). */
  public static final double[] DILUTION_LEVELS = {0, 1e-5, 1e-4, 1e-3, 1e-2};

  private final String description;
  private final int defaultEvents;

  Scenario(String description, int defaultEvents) {
    this.description = description;
    this.defaultEvents = defaultEvents;
  }

  /** The command-line name, e.g. {@code cd19-negative}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public String description() {
    return description;
  }

  public int defaultEvents() {
    return defaultEvents;
  }

  public static Scenario ofId(String id) {
    for (Scenario s : values()) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scenario " + id);
  }

  /**
   * Options shared by all scenarios.
   *
   * @param events total events per file, or null for the scenario's default
   * @param replicates samples per condition (at least 1)
   * @param instrument one instrument for every sample, or null to rotate canto/navios/cytoflex
   * @param blastFraction blast fraction of the phenotype scenarios, or null for 1e-3
   */
  /** The batch {@code bin/mrdflow demo} writes and {@code evaluate} on it must pass: seed 1. */
  public static final Options DEMO_BATCH = new Options(1, null, 1, null, null);

  public record Options(long seed, Integer events, int replicates, Instrument instrument, Double blastFraction) {
    public Options {
      if (replicates < 1) {
        throw new IllegalArgumentException("samples per condition must be at least 1, got " + replicates);
      }
    }
  }

  public List<SampleSpec> expand(Options o) {
    Batch batch = new Batch(o, o.events() != null ? o.events() : defaultEvents);
    double fraction = o.blastFraction() != null ? o.blastFraction() : DEFAULT_BLAST_FRACTION;
    for (int r = 1; r <= o.replicates(); r++) {
      switch (this) {
        case NORMAL -> batch.add("normal", "normal", Background.NORMAL, null, 0, 1, r);
        case REGENERATING -> {
          // Evenly across 5-15% so a few replicates cover the range the brief names.
          double hg = 5 + 10 * (r - 0.5) / o.replicates();
          batch.add(String.format(Locale.ROOT, "regen-hg%02d", Math.round(hg)), "regenerating",
              Background.REGENERATING, hg, 0, 1, r);
        }
        case APLASIA -> batch.add("aplasia", "b_cell_aplasia", Background.APLASIA, null, 0, 1, r);
        case DILUTION -> {
          for (double level : DILUTION_LEVELS) {
            batch.add("dil-" + level(level), "dilution", Background.NORMAL, null,
                level, 1, r, level > 0 ? BlastPhenotype.CLASSIC : null);
          }
        }
        case CLASSIC -> batch.archetype(BlastPhenotype.CLASSIC, Background.NORMAL, fraction, 1, r);
        case CD20_ASYNCHRONOUS -> batch.archetype(BlastPhenotype.CD20_ASYNCHRONOUS, Background.NORMAL, fraction, 1, r);
        case PRO_B -> batch.archetype(BlastPhenotype.PRO_B, Background.NORMAL, fraction, 1, r);
        case CD19_DIM -> batch.archetype(BlastPhenotype.CD19_DIM, Background.NORMAL, fraction, 1, r);
        case CD19_NEGATIVE -> batch.archetype(BlastPhenotype.CD19_NEGATIVE, Background.APLASIA, fraction, 1, r);
        case MIXED80 -> batch.archetype(BlastPhenotype.MIXED, Background.NORMAL, fraction, 0.80, r);
        case MIXED97 -> batch.archetype(BlastPhenotype.MIXED, Background.APLASIA, fraction, 0.97, r);
        case TIME_ARTEFACT -> batch.clogged("clog-" + level(fraction), fraction, r);
        case LOW_CELLULARITY -> {
          batch.add("lowcell-neg", "low_cellularity", Background.NORMAL, null, 0, 1, r);
          batch.add("lowcell-" + level(fraction), "low_cellularity", Background.NORMAL, null,
              fraction, 1, r, BlastPhenotype.CLASSIC);
        }
        case DEMO -> {
          batch.add("demo-normal", "normal", Background.NORMAL, null, 0, 1, r);
          batch.add("demo-regen-hg10", "regenerating", Background.REGENERATING, 10.0, 0, 1, r);
          batch.add("demo-aplasia", "b_cell_aplasia", Background.APLASIA, null, 0, 1, r);
          batch.add("demo-classic-1e-2", "archetype", Background.NORMAL, null, 1e-2, 1, r, BlastPhenotype.CLASSIC);
          batch.add("demo-cd19neg-1e-3", "archetype", Background.APLASIA, null, 1e-3, 1, r, BlastPhenotype.CD19_NEGATIVE);
          batch.add("demo-mixed80-1e-3", "cd19_mixed", Background.NORMAL, null, 1e-3, 0.8, r, BlastPhenotype.MIXED);
          batch.add("demo-dil-1e-4", "dilution", Background.NORMAL, null, 1e-4, 1, r, BlastPhenotype.CLASSIC);
          batch.addWithEvents("demo-lowcell-neg", "low_cellularity", Background.NORMAL,
              LOW_CELLULARITY.defaultEvents, r);
        }
      }
    }
    return batch.specs;
  }

  /** "1e-4" style label of a blast fraction; "0" for none. */
  static String level(double fraction) {
    if (fraction == 0) {
      return "0";
    }
    String s = String.format(Locale.ROOT, "%.0e", fraction);
    // Java writes 1e-04; drop the exponent's leading zero for short, stable file names.
    return s.replace("e-0", "e-").replace("e+0", "e");
  }

  /**
   * The seed of one sample: SplitMix64 finalizer of (base seed, FNV-1a hash of the sample id), so
   * it does not depend on the order or size of the batch.
   */
  public static long sampleSeed(long baseSeed, String sampleId) {
    long h = 0xcbf29ce484222325L;
    for (byte b : sampleId.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xFF)) * 0x100000001b3L;
    }
    long z = baseSeed ^ h;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return (z ^ (z >>> 31)) & Long.MAX_VALUE;
  }

  /** Accumulates the specs of one expansion, rotating instruments when none is fixed. */
  private static final class Batch {
    private final Options options;
    private final int events;
    private final List<SampleSpec> specs = new ArrayList<>();

    Batch(Options options, int events) {
      this.options = options;
      this.events = events;
    }

    void archetype(BlastPhenotype phenotype, Background bg, double fraction, double cd19Pos, int r) {
      String scenario = phenotype == BlastPhenotype.MIXED ? "cd19_mixed" : "archetype";
      String name = phenotype == BlastPhenotype.MIXED
          ? "mixed" + Math.round(cd19Pos * 100)
          : phenotype.name().toLowerCase(Locale.ROOT).replace('_', '-');
      add(name + "-" + level(fraction), scenario, bg, null, fraction, cd19Pos, r, phenotype);
    }

    void add(String stem, String scenario, Background bg, Double hematogonePct, double fraction,
        double cd19Pos, int r) {
      add(stem, scenario, bg, hematogonePct, fraction, cd19Pos, r, null);
    }

    void add(String stem, String scenario, Background bg, Double hematogonePct, double fraction,
        double cd19Pos, int r, BlastPhenotype phenotype) {
      create(stem, scenario, bg, hematogonePct, fraction, cd19Pos, r, phenotype, events, false);
    }

    void clogged(String stem, double fraction, int r) {
      create(stem, "time_artefact", Background.NORMAL, null, fraction, 1, r, BlastPhenotype.CLASSIC, events, true);
    }

    /** A sample whose size is part of what it shows (the demo's low-cellularity file). */
    void addWithEvents(String stem, String scenario, Background bg, int fileEvents, int r) {
      create(stem, scenario, bg, null, 0, 1, r, null, fileEvents, false);
    }

    private void create(String stem, String scenario, Background bg, Double hematogonePct,
        double fraction, double cd19Pos, int r, BlastPhenotype phenotype, int fileEvents, boolean clog) {
      Instrument instrument = options.instrument() != null
          ? options.instrument()
          : Instrument.ROTATION.get(specs.size() % Instrument.ROTATION.size());
      String id = stem + "-r" + r;
      specs.add(new SampleSpec(id, scenario, bg,
          hematogonePct != null ? hematogonePct : bg.defaultHematogonePct(),
          phenotype, fraction, cd19Pos, fileEvents, instrument, r, clog,
          sampleSeed(options.seed(), id)));
    }
  }
}
