package org.mrdflow.pipeline.privacy;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;

/**
 * The manifest fields of one sample as they may be written out: identifiers pseudonymized, and
 * in clear only when the run was explicitly told to keep them.
 */
public record ManifestFields(
    String patientKey,
    String specimenKey,
    String patientIdInClear,
    String specimenIdInClear,
    LocalDate collectionDate,
    String timepoint,
    Map<String, String> extra)
    implements Serializable {

  public ManifestFields {
    extra = Map.copyOf(extra);
  }
}
