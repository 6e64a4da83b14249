package org.mrdflow.gating.compensation;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.mrdflow.fcs.SpilloverMatrix;
import org.mrdflow.gating.events.Channel;
import org.mrdflow.gating.events.EventTable;

/**
 * Spillover compensation: for each event, {@code compensated = raw x inverse(spillover)} over the
 * matrix's detectors (the flowCore / Gating-ML 2.0 section 4 convention: row vector of detector
 * values times the inverse of the fluorochrome-by-detector matrix). Applied before any transform,
 * column-major in blocks of events, with no per-event allocation.
 */
public final class Compensation {
  /**
   * Events per block: the widened block of every detector (2 KB each) and the accumulator stay
   * in L1 even for 20 detectors; measured faster than 1024 or 128 with 6 detectors.
   */
  private static final int BLOCK = 256;

  private final SpilloverMatrix spillover;
  private final double[][] inverse;

  private Compensation(SpilloverMatrix spillover, double[][] inverse) {
    this.spillover = spillover;
    this.inverse = inverse;
  }

  /** Inverts {@code spillover}; a singular matrix is a {@link CompensationException}. */
  public static Compensation of(SpilloverMatrix spillover) {
    RealMatrix matrix = MatrixUtils.createRealMatrix(spillover.values());
    LUDecomposition lu = new LUDecomposition(matrix, 1e-12);
    if (!lu.getSolver().isNonSingular()) {
      throw new CompensationException(
          spillover.source() + ": spillover matrix over " + spillover.detectors()
              + " is singular and cannot be inverted");
    }
    return new Compensation(spillover, lu.getSolver().getInverse().getData());
  }

  public SpilloverMatrix spillover() {
    return spillover;
  }

  /**
   * The compensated table. Outputs named like their detector replace that column; outputs with
   * a different (fluorochrome) name are appended, leaving the detector's raw values in place.
   * Every other column is shared with {@code raw}.
   *
   * @throws CompensationException naming the missing detectors and the channels present
   */
  public EventTable apply(EventTable raw) {
    List<String> detectors = spillover.detectors();
    int n = detectors.size();
    float[][] in = new float[n][];
    List<String> missing = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      int index = raw.indexOf(detectors.get(k));
      if (index < 0) {
        missing.add(detectors.get(k));
      } else {
        in[k] = raw.column(index);
      }
    }
    if (!missing.isEmpty()) {
      throw new CompensationException(
          spillover.source() + ": spillover matrix detectors " + missing
              + " are not in the data, which has " + raw.channelNames());
    }
    float[][] out = compensate(in, raw.eventCount());

    List<Integer> replaced = new ArrayList<>();
    List<float[]> replacements = new ArrayList<>();
    List<Channel> added = new ArrayList<>();
    List<float[]> addedColumns = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      String name = spillover.fluorochromes().get(j);
      int index = raw.indexOf(name);
      if (name.equals(detectors.get(j)) || index >= 0 && detectors.contains(name)) {
        replaced.add(index);
        replacements.add(out[j]);
      } else {
        added.add(Channel.named(name));
        addedColumns.add(out[j]);
      }
    }
    EventTable result = raw.withReplacedColumns(
        replaced.stream().mapToInt(Integer::intValue).toArray(),
        replacements.toArray(new float[0][]));
    return added.isEmpty()
        ? result
        : result.withAddedColumns(added, addedColumns.toArray(new float[0][]));
  }

  private float[][] compensate(float[][] in, int events) {
    int n = in.length;
    float[][] out = new float[n][events];
    // Each block is first widened to double in its own loop: the JIT vectorises a plain
    // float -> double copy and a double multiply-add, but not the two fused in one loop.
    double[][] block = new double[n][BLOCK];
    double[] acc = new double[BLOCK];
    for (int start = 0; start < events; start += BLOCK) {
      int len = Math.min(BLOCK, events - start);
      for (int k = 0; k < n; k++) {
        float[] column = in[k];
        double[] wide = block[k];
        for (int i = 0; i < len; i++) {
          wide[i] = column[start + i];
        }
      }
      for (int j = 0; j < n; j++) {
        double m0 = inverse[0][j];
        double[] first = block[0];
        for (int i = 0; i < len; i++) {
          acc[i] = first[i] * m0;
        }
        for (int k = 1; k < n; k++) {
          double m = inverse[k][j];
          if (m == 0) {
            continue;
          }
          double[] wide = block[k];
          for (int i = 0; i < len; i++) {
            acc[i] += wide[i] * m;
          }
        }
        float[] target = out[j];
        for (int i = 0; i < len; i++) {
          target[start + i] = (float) acc[i];
        }
      }
    }
    return out;
  }
}
