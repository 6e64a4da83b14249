package org.mrdflow.fcs;

import java.util.Arrays;
import java.util.List;

/**
 * A spillover (compensation) matrix labelled by detector names ({@code $PnN}): row i holds the
 * fraction of detector i's dye signal seen in each detector j, diagonal 1 (FCS 3.1 section 3.3.53,
 * {@code $SPILLOVER}). Values are defensively copied.
 *
 * @param detectors detector names, in matrix row/column order
 * @param values square matrix, {@code values[i][j]} = spill of detector i into detector j
 * @param sourceKeyword the keyword it was read from: {@code $SPILLOVER}, {@code SPILL}, {@code
 *     $COMP} or {@code $DFCiTOj}
 */
public record SpilloverMatrix(List<String> detectors, double[][] values, String sourceKeyword) {

  public SpilloverMatrix {
    detectors = List.copyOf(detectors);
    values = deepCopy(values);
    for (double[] row : values) {
      if (row.length != detectors.size()) {
        throw new IllegalArgumentException("spillover matrix is not " + detectors.size() + " square");
      }
    }
    if (values.length != detectors.size()) {
      throw new IllegalArgumentException("spillover matrix is not " + detectors.size() + " square");
    }
  }

  public int size() {
    return detectors.size();
  }

  public double value(int row, int column) {
    return values[row][column];
  }

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

  @Override
  public boolean equals(Object o) {
    return o instanceof SpilloverMatrix s
        && detectors.equals(s.detectors)
        && Arrays.deepEquals(values, s.values)
        && sourceKeyword.equals(s.sourceKeyword);
  }

  @Override
  public int hashCode() {
    return 31 * detectors.hashCode() + Arrays.deepHashCode(values);
  }

  @Override
  public String toString() {
    return sourceKeyword + " " + detectors + " " + Arrays.deepToString(values);
  }
}
