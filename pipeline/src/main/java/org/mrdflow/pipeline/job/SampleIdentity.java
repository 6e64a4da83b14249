package org.mrdflow.pipeline.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What {@code sample_id} is: the identity of a sample's content, never of its path. Two files
 * with different bytes get different ids although instruments reuse names
 * ({@code night1/Specimen_001_Tube_001.fcs}, {@code night2/Specimen_001_Tube_001.fcs}); the same
 * bytes get the same id in any folder, under any name, in any run. The id is the first 16 bytes
 * (hex) of SHA-256 over the text {@code "mrdflow sample v1|<file_sha256>|<data set index>"} (the
 * index of the data set analysed (a multi-data-set file could one day yield one sample per data set). It is not keyed:
 * it is derived only from {@code file_sha256}, which the samples table already holds, so a key
 * would protect nothing and would make ids change with the key.
 */
public final class SampleIdentity {
  /** The data set the pipeline analyses in every file (flowCore's default for LMD files). */
  public static final int ANALYSED_DATASET = 0;
  private static final String LABEL = "mrdflow sample v1";

  private SampleIdentity() {}

  /** The sample id of data set {@code dataset} of a file whose SHA-256 (hex) is {@code fileSha256}. */
  public static String of(String fileSha256, int dataset) {
    byte[] digest = sha256((LABEL + "|" + fileSha256 + "|" + dataset).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 16);
  }

  /** The sample id of the data set the pipeline analyses in a file with these bytes. */
  public static String ofBytes(byte[] fileBytes) {
    return of(sha256Hex(fileBytes), ANALYSED_DATASET);
  }

  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    return sha256().digest(bytes);
  }
}
