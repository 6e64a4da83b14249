package org.mrdflow.pipeline.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Damages a valid FCS file's bytes in the ways files really break, for fault-injection tests.
 * Edits inside TEXT keep its length, so every other offset stays valid and the file fails for
 * exactly the one reason intended.
 */
public final class FcsFaults {
  private FcsFaults() {}

  /** $TOT one lower: the DATA segment is longer than $TOT x bytes-per-event (corrupt). */
  public static byte[] totalEventsOffByOne(byte[] fcs) {
    String tot = keyword(fcs, "$TOT");
    String lower = Long.toString(Long.parseLong(tot) - 1);
    if (lower.length() != tot.length()) {
      throw new IllegalArgumentException("$TOT " + tot + " changes width when decremented");
    }
    return replaceInText(fcs, delimited(fcs, "$TOT", tot), delimited(fcs, "$TOT", lower));
  }

  /** $PAR one higher: the last parameter has no $PnN, $PnB, ... keywords (corrupt). */
  public static byte[] oneParameterTooMany(byte[] fcs) {
    String par = keyword(fcs, "$PAR");
    String more = Long.toString(Long.parseLong(par) + 1);
    if (more.length() != par.length()) {
      throw new IllegalArgumentException("$PAR " + par + " changes width when incremented");
    }
    return replaceInText(fcs, delimited(fcs, "$PAR", par), delimited(fcs, "$PAR", more));
  }

  /** The HEADER's TEXT start offset overwritten with letters, as a bad transfer leaves it (corrupt). */
  public static byte[] headerOffsetGarbled(byte[] fcs) {
    byte[] out = fcs.clone();
    System.arraycopy("  x5#8!?".getBytes(StandardCharsets.US_ASCII), 0, out, 10, 8);
    return out;
  }

  /** The first half of the file, as an interrupted copy leaves it. */
  public static byte[] truncated(byte[] fcs) {
    return Arrays.copyOf(fcs, fcs.length / 2);
  }

  /** Every "CD19" label in TEXT renamed "CDX9": the panel's CD19 cannot be found. */
  public static byte[] withoutCd19(byte[] fcs) {
    byte[] out = fcs.clone();
    int start = (int) headerOffset(fcs, 10);
    int end = (int) headerOffset(fcs, 18);
    for (int i = start; i + 4 <= end; i++) {
      if (out[i] == 'C' && out[i + 1] == 'D' && out[i + 2] == '1' && out[i + 3] == '9') {
        out[i + 2] = 'X';
      }
    }
    return out;
  }

  private static long headerOffset(byte[] fcs, int at) {
    return Long.parseLong(new String(fcs, at, 8, StandardCharsets.US_ASCII).strip());
  }

  private static String text(byte[] fcs) {
    int start = (int) headerOffset(fcs, 10);
    int end = (int) headerOffset(fcs, 18);
    return new String(fcs, start, end - start + 1, StandardCharsets.ISO_8859_1);
  }

  private static String keyword(byte[] fcs, String name) {
    String text = text(fcs);
    char delimiter = text.charAt(0);
    String key = delimiter + name + delimiter;
    int at = text.indexOf(key);
    if (at < 0) {
      throw new IllegalArgumentException(name + " not in TEXT");
    }
    int from = at + key.length();
    return text.substring(from, text.indexOf(delimiter, from));
  }

  private static String delimited(byte[] fcs, String name, String value) {
    char delimiter = text(fcs).charAt(0);
    return delimiter + name + delimiter + value + delimiter;
  }

  private static byte[] replaceInText(byte[] fcs, String from, String to) {
    String text = text(fcs);
    int at = text.indexOf(from);
    byte[] out = fcs.clone();
    byte[] replacement = to.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(replacement, 0, out, (int) headerOffset(fcs, 10) + at, replacement.length);
    return out;
  }
}
