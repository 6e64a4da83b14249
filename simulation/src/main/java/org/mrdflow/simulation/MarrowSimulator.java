package org.mrdflow.simulation;

import java.util.SplittableRandom;

/**
 * Simulates the list-mode acquisition of a bone-marrow sample stained with the 6-colour B-ALL MRD
 * panel: each event is debris, a doublet or a nucleated single cell (drawn from the sample's
 * composition), measured by an {@link Instrument}. Events are independent draws, so population
 * counts are multinomial and the truth is the realised count, never the intended one.
 *
 * <p>Deterministic: all randomness comes from {@link SampleSpec#seed()} through split streams
 * (biology, events, written spillover), no global random source.
 */
public final class MarrowSimulator {
  /** Debris and doublet shares of all events are drawn per sample from these ranges. */
  private static final double DEBRIS_MIN = 0.05;
  private static final double DEBRIS_MAX = 0.15;
  private static final double DOUBLET_MIN = 0.02;
  private static final double DOUBLET_MAX = 0.06;
  /**
   * DNA-dye signal of debris, unlysed red cells and platelets relative to a G0/G1 nucleus: far
   * below the 0.25 x G0/G1 a laboratory's DNA-negative gate uses (set without a random draw, so
   * instruments without a DNA channel keep their event streams).
   */
  private static final double DEBRIS_DNA = 0.02;
  /** Debris FSC piles up above the trigger threshold (canonical units). */
  private static final double DEBRIS_FSC_THRESHOLD = 5_000;
  private static final double DEBRIS_FSC_MEAN_EXCESS = 7_000;
  private static final double DEBRIS_SSC = 3_500;
  /** Fragments keep only part of a cell's antigen. */
  private static final double DEBRIS_MAX_ANTIGEN_SHARE = 0.3;
  /**
   * How much of the shorter cell's height pulse adds to the taller one's in a doublet: up to 0.6
   * for cells passing one behind the other; up to 1 (on the singlet diagonal, where no FSC-A/FSC-H
   * gate can find them) for the share passing side by side.
   */
  private static final double DOUBLET_END_TO_END_MAX_OVERLAP = 0.6;
  private static final double DOUBLET_SIDE_BY_SIDE_SHARE = 0.15;

  private MarrowSimulator() {}

  public static SimulatedSample simulate(SampleSpec spec) {
    SplittableRandom master = new SplittableRandom(spec.seed());
    SplittableRandom biologyRng = master.split();
    SplittableRandom eventRng = master.split();
    SplittableRandom spillRng = master.split();

    MarrowBiology biology =
        new MarrowBiology(
            spec.background(),
            spec.hematogonePct(),
            spec.blastPhenotype(),
            spec.blastFraction(),
            spec.cd19PositiveShare(),
            biologyRng);
    double debrisFraction = biologyRng.nextDouble(DEBRIS_MIN, DEBRIS_MAX);
    double doubletFraction = biologyRng.nextDouble(DOUBLET_MIN, DOUBLET_MAX);

    int n = spec.events();
    FlowDisturbance disturbance = spec.partialClog()
        ? FlowDisturbance.partialClog(n / spec.instrument().eventsPerSecond(), biologyRng)
        : null;
    Instrument.Acquisition acquisition = spec.instrument().new Acquisition(disturbance);
    float[][] columns = new float[acquisition.channelCount()][n];
    byte[] labels = new byte[n];
    Cell cell = new Cell();
    Cell partner = new Cell();
    long doubletsWithBlasts = 0;
    for (int i = 0; i < n; i++) {
      double u = eventRng.nextDouble();
      Population label;
      if (u < debrisFraction) {
        debris(biology, eventRng, cell);
        cell.dna = DEBRIS_DNA;
        label = Population.DEBRIS;
      } else if (u < debrisFraction + doubletFraction) {
        Population first = biology.drawSinglet(eventRng, cell);
        Population second = biology.drawSinglet(eventRng, partner);
        cell.dna = 1;
        partner.dna = 1;
        double overlap = eventRng.nextDouble() < DOUBLET_SIDE_BY_SIDE_SHARE
            ? eventRng.nextDouble(DOUBLET_END_TO_END_MAX_OVERLAP, 1)
            : eventRng.nextDouble(DOUBLET_END_TO_END_MAX_OVERLAP);
        cell.addCoincident(partner, overlap);
        doubletsWithBlasts += first.isBlast() || second.isBlast() ? 1 : 0;
        label = Population.DOUBLET;
      } else {
        label = biology.drawSinglet(eventRng, cell);
        cell.dna = 1;
      }
      labels[i] = (byte) label.code();
      acquisition.measure(cell, eventRng, columns, i);
    }
    SimulationTruth truth =
        SimulationTruth.fromLabels(
            spec.sampleId(),
            spec.scenario(),
            spec.instrument().id(),
            spec.seed(),
            spec.archetype(),
            spec.replicate(),
            labels);
    return new SimulatedSample(
        spec,
        spec.instrument().channels(),
        columns,
        labels,
        spec.instrument().estimatedSpillover(spillRng),
        biology.intendedPercent(),
        debrisFraction,
        doubletFraction,
        doubletsWithBlasts,
        disturbance,
        acquisition.disturbedEvents(),
        truth);
  }

  /** A cell fragment: small, low SSC, with a little of some cell's antigen and autofluorescence. */
  private static void debris(MarrowBiology biology, SplittableRandom rng, Cell cell) {
    biology.drawSinglet(rng, cell);
    double share = rng.nextDouble(DEBRIS_MAX_ANTIGEN_SHARE);
    for (int m = 0; m < cell.abc.length; m++) {
      cell.abc[m] *= share;
    }
    cell.fscArea = DEBRIS_FSC_THRESHOLD - DEBRIS_FSC_MEAN_EXCESS * Math.log(1 - rng.nextDouble());
    // Irregular fragments give broader, flatter pulses than cells: lower and more variable height.
    cell.fscHeight = cell.fscArea * (0.75 + 0.1 * rng.nextGaussian());
    cell.sscArea = DEBRIS_SSC * Math.exp(0.7 * rng.nextGaussian());
    cell.autofluorescence *= 0.5;
  }
}
