package org.mrdflow.pipeline.job;

import java.util.List;

/**
 * Per-event output of one sample for the {@code events} table: compensated and transformed
 * marker values (column-major, one array per marker) and each event's population path.
 *
 * @param markers marker names, in the order of {@code values}
 * @param values values[m][e]: marker m of event e, on the gating scale
 * @param populations population path of each event
 */
public record SampleEvents(List<String> markers, float[][] values, String[] populations) {

  public SampleEvents {
    markers = List.copyOf(markers);
    if (values.length != markers.size()) {
      throw new IllegalArgumentException(
          values.length + " value columns for " + markers.size() + " markers");
    }
    for (float[] column : values) {
      if (column.length != populations.length) {
        throw new IllegalArgumentException(
            "value column of " + column.length + " events for " + populations.length + " labels");
      }
    }
  }

  public int eventCount() {
    return populations.length;
  }
}
