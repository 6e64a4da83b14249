package org.mrdflow.pipeline.input;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises FCS files by content: every FCS version starts its HEADER with "FCS" and a version
 * "d.d" in bytes 0-5 (FCS 3.1 section 3.1; FCS 2.0 and 3.0 alike). File names say nothing: the
 * corpus has .fcs, .LMD, .B08 and extension-less files.
 */
public final class FcsMagic {
  /** Bytes needed to decide. */
  public static final int PREFIX_BYTES = 6;
  /** Extensions users give FCS files: a non-FCS file with one of these is reported, not ignored. */
  private static final Set<String> FCS_EXTENSIONS = Set.of("fcs", "lmd");

  private FcsMagic() {}

  /** The version string ("3.1") when {@code prefix} starts an FCS HEADER, else null. */
  public static String version(byte[] prefix) {
    if (prefix.length < PREFIX_BYTES || prefix[0] != 'F' || prefix[1] != 'C' || prefix[2] != 'S') {
      return null;
    }
    if (!isDigit(prefix[3]) || prefix[4] != '.' || !isDigit(prefix[5])) {
      return null;
    }
    return new String(prefix, 3, 3, StandardCharsets.US_ASCII);
  }

  /** True when the file name's extension is one labs use for FCS files. */
  public static boolean hasFcsExtension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot >= 0 && FCS_EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
