package org.mrdflow.pipeline.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns identifiers into stable pseudonyms with a keyed HMAC-SHA256 (RFC 2104, FIPS 198-1): the
 * same identifier and key always give the same key, so a patient's samples join across runs,
 * while without the key the identifier cannot be recovered by hashing candidate identifiers.
 */
public final class Pseudonymizer {
  /** Environment variable holding the key as text. */
  public static final String KEY_ENVIRONMENT_VARIABLE = "MRDFLOW_PSEUDONYM_KEY";
  /** Shorter keys are refused: the key is the only secret protecting the identifiers. */
  public static final int MIN_KEY_BYTES = 16;

  private static final byte[] FINGERPRINT_LABEL =
      "mrdflow pseudonym key fingerprint v1".getBytes(StandardCharsets.UTF_8);

  private final byte[] key;

  public Pseudonymizer(byte[] key) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "pseudonym key has " + key.length + " bytes; at least " + MIN_KEY_BYTES + " are required");
    }
    this.key = key.clone();
  }

  /** Lower-case hex HMAC-SHA256 of the UTF-8 bytes of {@code identifier} as given. */
  public String pseudonym(String identifier) {
    return HexFormat.of().formatHex(hmac(identifier.getBytes(StandardCharsets.UTF_8)));
  }

  byte[] hmac(byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      // Every Java 17 runtime must provide HmacSHA256 (java.security standard names).
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /**
   * Which key was used, for provenance: the HMAC of a fixed label under the key (first 8 bytes,
   * hex). Unlike a plain hash of the key it is keyed like every pseudonym, so it tells runs made
   * with different keys apart without being a shortcut to the key; like any value derived from
   * the key it lets someone holding a candidate key confirm it, which is why keys must be random
   * (at least {@value #MIN_KEY_BYTES} bytes), never words or dates.
   */
  public String keyFingerprint() {
    return HexFormat.of().formatHex(Arrays.copyOf(hmac(FINGERPRINT_LABEL), 8));
  }
}
