package org.mrdflow.pipeline.input;

import java.time.LocalDate;
import java.util.Map;

/**
 * One row of a sample manifest, as read (identifiers in clear: never written out as such).
 *
 * @param line 1-based data row number, for messages
 * @param file file name or path the row describes
 * @param extra every other column, by name
 */
public record ManifestRow(
    int line,
    String file,
    String patientId,
    String specimenId,
    LocalDate collectionDate,
    String timepoint,
    Map<String, String> extra) {

  public ManifestRow {
    extra = Map.copyOf(extra);
  }
}
