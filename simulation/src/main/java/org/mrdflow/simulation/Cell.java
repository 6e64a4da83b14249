package org.mrdflow.simulation;

/**
 * The true, instrument-independent signals of one event, reused from event to event (no per-event
 * objects): antigen density per marker in antibodies bound per cell (ABC, linear), forward-scatter
 * area and height and side-scatter area on a canonical 18-bit scale, and autofluorescence relative
 * to a lymphocyte.
 */
final class Cell {
  final double[] abc = new double[Marker.COUNT];
  double fscArea;
  double fscHeight;
  double sscArea;
  double autofluorescence;
  /** DNA content relative to a G0/G1 nucleus (0 for an event without a nucleus). */
  double dna;

  /** Adds a second cell passing the laser together with this one (a doublet). */
  void addCoincident(Cell other, double heightOverlap) {
    for (int m = 0; m < abc.length; m++) {
      abc[m] += other.abc[m];
    }
    // Areas add; the height pulse is the taller cell plus whatever part of the shorter overlaps.
    fscHeight = Math.max(fscHeight, other.fscHeight) + heightOverlap * Math.min(fscHeight, other.fscHeight);
    fscArea += other.fscArea;
    sscArea += other.sscArea;
    autofluorescence += other.autofluorescence;
    dna += other.dna;
  }
}
