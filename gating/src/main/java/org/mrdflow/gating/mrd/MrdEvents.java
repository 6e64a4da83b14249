package org.mrdflow.gating.mrd;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mrdflow.gating.GatingException;

/**
 * One sample's events as the MRD gating reads them, column-major: linear scatter (FSC-A, FSC-H,
 * SSC-A), the acquisition time when the file has one, and the six panel markers compensated and
 * on the logicle gating scale (Gating-ML 2.0 section 5.4.5, output 0..1, {@code decades} = M
 * decades across it).
 *
 * @param fscA forward scatter area
 * @param fscH the singlet pulse channel (FSC-H, else FSC-W, SSC-H or SSC-W, as the file has;
 *     the forward scatter itself when it has none), named by {@code pulse}
 * @param sscA side scatter area
 * @param time acquisition time, or null when the file has no time channel
 * @param markers CD10, CD19, CD20, CD34, CD38 and CD45 on the logicle scale
 * @param decades M of the logicle scale (decades spanned by 0..1), to express spreads in decades
 * @param pulse the panel role of {@code fscH}
 */
public record MrdEvents(
    float[] fscA, float[] fscH, float[] sscA, float[] time, Map<String, float[]> markers,
    double decades, String pulse) {

  /** The markers of the 6-colour B-ALL MRD panel (domain brief section 2). */
  public static final List<String> PANEL_MARKERS =
      List.of("CD10", "CD19", "CD20", "CD34", "CD38", "CD45");

  public MrdEvents {
    Objects.requireNonNull(fscA, "fscA");
    Objects.requireNonNull(fscH, "fscH");
    Objects.requireNonNull(sscA, "sscA");
    markers = Map.copyOf(markers);
    int n = fscA.length;
    if (fscH.length != n || sscA.length != n || time != null && time.length != n) {
      throw new GatingException("MRD events: scatter/time columns differ in length");
    }
    for (String marker : PANEL_MARKERS) {
      float[] column = markers.get(marker);
      if (column == null || column.length != n) {
        throw new GatingException("MRD events: marker " + marker + " is missing or has "
            + (column == null ? 0 : column.length) + " values instead of " + n);
      }
    }
  }

  public int eventCount() {
    return fscA.length;
  }

  public float[] marker(String name) {
    return markers.get(name);
  }
}
