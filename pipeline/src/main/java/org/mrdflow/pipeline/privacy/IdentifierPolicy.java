package org.mrdflow.pipeline.privacy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.mrdflow.pipeline.config.ConfigException;
import org.mrdflow.pipeline.input.Manifest;
import org.mrdflow.pipeline.input.ManifestRow;

/**
 * Decides what of a manifest row reaches the outputs: patient and specimen identifiers become
 * keyed HMAC pseudonyms; clear identifiers only when {@code keepInClear}; extra columns only when
 * allow-listed (free-text columns often carry names or record numbers); the collection date
 * exact, coarsened or shifted ({@link CollectionDates}).
 */
public final class IdentifierPolicy {
  private final Optional<Pseudonymizer> pseudonymizer;
  private final boolean keepInClear;
  private final Set<String> extraAllowList;
  private final CollectionDates collectionDates;

  public IdentifierPolicy(Optional<Pseudonymizer> pseudonymizer, boolean keepInClear, List<String> extraAllowList,
      CollectionDates collectionDates) {
    this.pseudonymizer = pseudonymizer;
    this.keepInClear = keepInClear;
    this.collectionDates = collectionDates;
    this.extraAllowList =
        extraAllowList.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Refuses a manifest with identifiers when there is no key and clear output was not asked for,
   * and shifted collection dates without a key.
   */
  public void check(Manifest manifest) throws ConfigException {
    if (collectionDates == CollectionDates.SHIFT && pseudonymizer.isEmpty()) {
      throw new ConfigException("--collection-date shift needs a pseudonym key (the shift of each patient derives"
          + " from it, so it is the same every night): set " + Pseudonymizer.KEY_ENVIRONMENT_VARIABLE + ", "
          + PseudonymKeys.KEY_FILE_ENVIRONMENT_VARIABLE + " or privacy.pseudonym_key_file.");
    }
    if (manifest.carriesIdentifiers() && pseudonymizer.isEmpty() && !keepInClear) {
      throw new ConfigException(
          manifest.source() + ": the manifest carries patient/specimen identifiers but no pseudonym key is"
              + " configured. Set the environment variable " + Pseudonymizer.KEY_ENVIRONMENT_VARIABLE
              + " or privacy.pseudonym_key_file in the config, or pass --keep-identifiers-in-clear"
              + " to write them unprotected.");
    }
  }

  public ManifestFields apply(ManifestRow row) {
    Map<String, String> extra = new HashMap<>();
    row.extra().forEach((name, value) -> {
      if (extraAllowList.contains(name.toLowerCase(Locale.ROOT))) {
        extra.put(name, value);
      }
    });
    return new ManifestFields(
        pseudonym(row.patientId()),
        pseudonym(row.specimenId()),
        keepInClear ? row.patientId() : null,
        keepInClear ? row.specimenId() : null,
        collectionDates.write(row.collectionDate(), row.patientId(), pseudonymizer.orElse(null)),
        row.timepoint(),
        extra);
  }

  public CollectionDates collectionDates() {
    return collectionDates;
  }

  /** Fingerprint of the key in use (for provenance), or null without a key. */
  public String keyFingerprint() {
    return pseudonymizer.map(Pseudonymizer::keyFingerprint).orElse(null);
  }

  private String pseudonym(String id) {
    return id == null ? null : pseudonymizer.map(p -> p.pseudonym(id)).orElse(null);
  }
}
