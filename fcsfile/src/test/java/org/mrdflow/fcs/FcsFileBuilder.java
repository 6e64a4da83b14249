package org.mrdflow.fcs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test-side FCS writer, written from the FCS 3.1 / 3.2 specification independently of the reader:
 * a 58-byte HEADER, primary TEXT at byte 58, then optional supplemental TEXT, DATA and ANALYSIS.
 * Offsets go into both HEADER and TEXT (HEADER gets 0 for offsets above 99,999,999, FCS 3.1
 * section 3.1). Keys are written verbatim; a delimiter inside a key or value is doubled unless the
 * raw TEXT is given. DATA bytes are built by the caller, e.g. with {@link #unsigned}.
 */
final class FcsFileBuilder {
  private String version = "3.1";
  private byte delimiter = '/';
  private final Map<String, String> keywords = new LinkedHashMap<>();
  private byte[] data = new byte[0];
  private byte[] supplementalText;
  private byte[] analysis;
  private String rawText;
  private boolean offsetsInText = true;
  private boolean offsetsInHeader = true;
  private int padBeforeData;

  FcsFileBuilder version(String v) {
    version = v;
    return this;
  }

  FcsFileBuilder delimiter(char d) {
    delimiter = (byte) d;
    return this;
  }

  FcsFileBuilder keyword(String key, Object value) {
    keywords.put(key, String.valueOf(value));
    return this;
  }

  FcsFileBuilder data(byte[] bytes) {
    data = bytes;
    return this;
  }

  FcsFileBuilder supplementalText(byte[] bytes) {
    supplementalText = bytes;
    return this;
  }

  FcsFileBuilder analysis(byte[] bytes) {
    analysis = bytes;
    return this;
  }

  /** TEXT given verbatim (delimiters included); no offset keywords are added. */
  FcsFileBuilder rawText(String text) {
    rawText = text;
    return this;
  }

  /** FCS 2.0 has no $BEGINDATA etc.: offsets in HEADER only. */
  FcsFileBuilder offsetsInTextToo(boolean on) {
    offsetsInText = on;
    return this;
  }

  /** Blank HEADER DATA offsets, as some writers leave them. */
  FcsFileBuilder offsetsInHeader(boolean on) {
    offsetsInHeader = on;
    return this;
  }

  /** Zero bytes between the last TEXT-side segment and DATA. */
  FcsFileBuilder padBeforeData(int bytes) {
    padBeforeData = bytes;
    return this;
  }

  /** Parameters with the keywords every list-mode dataset needs. */
  FcsFileBuilder listMode(String datatype, String byteord, long events, String[] names,
      int[] bits, String[] ranges) {
    keyword("$BYTEORD", byteord).keyword("$DATATYPE", datatype).keyword("$MODE", "L")
        .keyword("$NEXTDATA", "0").keyword("$PAR", names.length).keyword("$TOT", events);
    for (int i = 0; i < names.length; i++) {
      int n = i + 1;
      keyword("$P" + n + "B", bits[i] == 0 ? "*" : String.valueOf(bits[i]))
          .keyword("$P" + n + "E", "0,0").keyword("$P" + n + "N", names[i])
          .keyword("$P" + n + "R", ranges[i]);
    }
    return this;
  }

  byte[] build() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out);
    return out.toByteArray();
  }

  void write(OutputStream out) {
    try {
      // TEXT length depends on the offsets written into it: iterate to a fixed point.
      long[] offsets = new long[8];
      byte[] text = text(offsets);
      for (int round = 0; round < 5; round++) {
        long textEnd = 58 + text.length - 1;
        long at = textEnd + 1;
        long stextBegin = supplementalText == null ? 0 : at;
        at += supplementalText == null ? 0 : supplementalText.length;
        at += padBeforeData;
        long dataBegin = data.length == 0 ? 0 : at;
        at += data.length;
        long analysisBegin = analysis == null ? 0 : at;
        offsets = new long[] {58, textEnd, dataBegin,
            data.length == 0 ? 0 : dataBegin + data.length - 1, analysisBegin,
            analysis == null ? 0 : analysisBegin + analysis.length - 1, stextBegin,
            supplementalText == null ? 0 : stextBegin + supplementalText.length - 1};
        text = text(offsets);
      }
      StringBuilder header = new StringBuilder("FCS" + version + "    ");
      for (int i = 0; i < 6; i++) {
        boolean data = i == 2 || i == 3;
        long v = offsets[i] > 99_999_999L || data && !offsetsInHeader ? 0 : offsets[i];
        String field = data && !offsetsInHeader ? "" : String.valueOf(v);
        header.append(" ".repeat(8 - field.length())).append(field);
      }
      out.write(header.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(text);
      if (supplementalText != null) {
        out.write(supplementalText);
      }
      out.write(new byte[padBeforeData]);
      out.write(data);
      if (analysis != null) {
        out.write(analysis);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] text(long[] o) {
    if (rawText != null) {
      return rawText.getBytes(StandardCharsets.UTF_8);
    }
    Map<String, String> all = new LinkedHashMap<>();
    if (offsetsInText) {
      all.put("$BEGINANALYSIS", String.valueOf(o[4]));
      all.put("$ENDANALYSIS", String.valueOf(o[5]));
      all.put("$BEGINDATA", String.valueOf(o[2]));
      all.put("$ENDDATA", String.valueOf(o[3]));
      all.put("$BEGINSTEXT", String.valueOf(o[6]));
      all.put("$ENDSTEXT", String.valueOf(o[7]));
    }
    all.putAll(keywords);
    String d = String.valueOf((char) delimiter);
    StringBuilder sb = new StringBuilder(d);
    for (Map.Entry<String, String> e : all.entrySet()) {
      sb.append(e.getKey().replace(d, d + d)).append(d)
          .append(e.getValue().replace(d, d + d)).append(d);
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Keywords as a TEXT segment for supplemental TEXT (delimiter first). */
  static byte[] textSegment(char delimiter, String... keyValues) {
    StringBuilder sb = new StringBuilder().append(delimiter);
    for (String s : keyValues) {
      sb.append(s).append(delimiter);
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * {@code value} as an unsigned integer of {@code width} bytes, bytes placed per {@code $BYTEORD}
   * (FCS 3.1 section 3.2.19: "1,2,3,4" = least significant byte first).
   */
  static byte[] unsigned(BigInteger value, int width, int[] byteord) {
    byte[] out = new byte[width];
    for (int k = 0; k < width; k++) {
      int significance = byteord.length == width ? byteord[k] - 1
          : byteord[0] == 1 ? k : width - 1 - k;
      out[k] = value.shiftRight(8 * significance).byteValue();
    }
    return out;
  }
}
