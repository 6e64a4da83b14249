package org.mrdflow.fcs;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A spillover (spectrum) matrix, the project's one type for it: row i is the signal fluorochrome
 * i leaves in each detector, relative to its primary detector (FCS 3.1 section 3.3.53,
 * {@code $SPILLOVER}; Gating-ML 2.0 section 4 {@code spectrumMatrix}). Detectors are matched to
 * data columns by name, never by position. For FCS keywords ({@code $SPILLOVER}, {@code SPILL},
 * {@code $COMP}, {@code $DFCiTOj}) fluorochromes and detectors are the same names; a Gating-ML
 * matrix may name its compensated outputs (fluorochromes) differently from the detectors they
 * are computed from. Values are defensively copied.
 *
 * @param source where the matrix came from, for messages: the keyword it was read from
 *     ({@code $SPILLOVER}, {@code SPILL}, {@code $COMP} or {@code $DFCiTOj}), or a file and id
 * @param fluorochromes names of the compensated outputs, in row order
 * @param detectors detector names ({@code $PnN}), in column order
 * @param values square matrix, {@code values[i][j]} = spill of fluorochrome i into detector j
 * @throws IllegalArgumentException (naming {@code source}) when the matrix is empty, not
 *     square, names a detector or fluorochrome twice or holds a non-finite value
 */
public record SpilloverMatrix(
    String source, List<String> fluorochromes, List<String> detectors, double[][] values) {

  public SpilloverMatrix {
    fluorochromes = List.copyOf(fluorochromes);
    detectors = List.copyOf(detectors);
    int n = detectors.size();
    if (n == 0) {
      throw new IllegalArgumentException(source + ": spillover matrix names no detectors");
    }
    if (fluorochromes.size() != n) {
      throw new IllegalArgumentException(
          source + ": spillover matrix has " + fluorochromes.size() + " fluorochromes but " + n
              + " detectors; only square matrices can be inverted");
    }
    requireDistinct(source, "detector", detectors);
    requireDistinct(source, "fluorochrome", fluorochromes);
    if (values.length != n) {
      throw new IllegalArgumentException(
          source + ": spillover matrix has " + values.length + " rows, expected " + n);
    }
    for (int r = 0; r < n; r++) {
      if (values[r].length != n) {
        throw new IllegalArgumentException(
            source + ": spillover matrix row " + (r + 1) + " has " + values[r].length
                + " values, expected " + n);
      }
      for (double value : values[r]) {
        if (!Double.isFinite(value)) {
          throw new IllegalArgumentException(
              source + ": spillover matrix row " + (r + 1) + " holds a non-finite value");
        }
      }
    }
    values = deepCopy(values);
  }

  /** A square matrix over {@code detectors} whose outputs keep the detector names (FCS form). */
  public static SpilloverMatrix of(String source, List<String> detectors, double[][] values) {
    return new SpilloverMatrix(source, detectors, detectors, values);
  }

  /** This matrix with another {@code source} (e.g. prefixed with the file it came from). */
  public SpilloverMatrix withSource(String newSource) {
    return new SpilloverMatrix(newSource, fluorochromes, detectors, values);
  }

  public int size() {
    return detectors.size();
  }

  public double value(int row, int column) {
    return values[row][column];
  }

  /** A copy of the values, row = fluorochrome, column = detector. */
  @Override
  public double[][] values() {
    return deepCopy(values);
  }

  private static double[][] deepCopy(double[][] m) {
    double[][] copy = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      copy[i] = m[i].clone();
    }
    return copy;
  }

  private static void requireDistinct(String source, String what, List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        throw new IllegalArgumentException(
            source + ": spillover matrix names " + what + " '" + name + "' twice");
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpilloverMatrix s
        && source.equals(s.source)
        && fluorochromes.equals(s.fluorochromes)
        && detectors.equals(s.detectors)
        && Arrays.deepEquals(values, s.values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * fluorochromes.hashCode() + detectors.hashCode())
        + Arrays.deepHashCode(values);
  }

  @Override
  public String toString() {
    return source + " " + detectors + " " + Arrays.deepToString(values);
  }
}
