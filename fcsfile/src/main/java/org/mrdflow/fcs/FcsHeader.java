package org.mrdflow.fcs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The 58-byte HEADER of one dataset (FCS 3.1 section 3.1): "FCSx.y", four spaces, then six
 * right-justified ASCII offsets of 8 bytes each (TEXT, DATA, ANALYSIS start and end), relative to
 * the start of this HEADER. Blank fields read as 0; FCS 3.x writers put 0 in the DATA fields when
 * an offset exceeds 99,999,999 and give the real one in TEXT.
 */
record FcsHeader(
    String version,
    long textStart,
    long textEnd,
    long dataStart,
    long dataEnd,
    long analysisStart,
    long analysisEnd) {

  static final int LENGTH = 58;

  static FcsHeader parse(ByteBuffer file, long datasetOffset, int dataset, String source)
      throws FcsException {
    long available = file.limit() - datasetOffset;
    int magicLength = (int) Math.min(3, Math.max(0, available));
    byte[] magic = new byte[magicLength];
    file.get((int) datasetOffset, magic);
    if (magicLength < 3 || !"FCS".equals(new String(magic, StandardCharsets.ISO_8859_1))) {
      throw new NotFcsException(source, dataset, datasetOffset,
          "not an FCS file: no \"FCS\" signature at the start of the HEADER");
    }
    if (available < LENGTH) {
      throw new TruncatedFcsException(source, dataset, datasetOffset,
          "HEADER needs " + LENGTH + " bytes but only " + available + " remain");
    }
    byte[] raw = new byte[LENGTH];
    file.get((int) datasetOffset, raw);
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    String version = text.substring(0, 6);
    if (!version.matches("FCS\\d\\.\\d")) {
      throw new NotFcsException(source, dataset, datasetOffset,
          "not an FCS file: HEADER starts with \"" + printable(version) + "\", not FCSx.y");
    }
    long[] fields = new long[6];
    for (int i = 0; i < 6; i++) {
      int at = 10 + 8 * i;
      fields[i] = parseField(text.substring(at, at + 8), source, dataset, datasetOffset + at);
    }
    return new FcsHeader(version.substring(3), fields[0], fields[1], fields[2], fields[3],
        fields[4], fields[5]);
  }

  private static long parseField(String field, String source, int dataset, long at)
      throws FcsSegmentException {
    String s = field.strip();
    if (s.isEmpty()) {
      return 0;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        throw new FcsSegmentException(source, dataset, at,
            "HEADER offset field \"" + printable(field) + "\" is not a number");
      }
    }
    return Long.parseLong(s);
  }

  static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c >= 0x20 && c < 0x7f) {
        sb.append(c);
      } else {
        sb.append(String.format("\\x%02x", (int) c));
      }
    }
    return sb.toString();
  }
}
