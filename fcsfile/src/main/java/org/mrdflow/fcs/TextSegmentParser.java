package org.mrdflow.fcs;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mrdflow.fcs.FcsReadOptions.EmptyValueMode;

/**
 * Splits a TEXT or supplemental TEXT segment into keyword/value pairs (FCS 3.1 section 3.2.9): the
 * first byte is the delimiter, keywords and values alternate, and a delimiter inside a keyword or
 * value is written twice. Writers such as CellQuest, Attune and Partec instead wrote a doubled
 * delimiter for an EMPTY value; {@link EmptyValueMode#AUTO} detects that (the spec reading then
 * yields keys holding the delimiter) and switches to the empty-value reading.
 */
final class TextSegmentParser {

  /** The parsed segment: keywords, the reading used, and notices about what was tolerated. */
  record Result(FcsKeywords keywords, EmptyValueMode reading, List<String> notices) {}

  private TextSegmentParser() {}

  /**
   * @param segment the segment bytes, position 0 = delimiter
   * @param delimiter the delimiter byte, or -1 to take the segment's first byte
   * @param segmentOffset absolute offset of the segment, for messages
   */
  static Result parse(ByteBuffer segment, int delimiter, EmptyValueMode mode, String what,
      String source, int dataset, long segmentOffset) throws FcsTextException {
    byte[] bytes = new byte[segment.remaining()];
    segment.get(segment.position(), bytes);
    if (bytes.length == 0) {
      throw new FcsTextException(source, dataset, segmentOffset, what + " segment is empty");
    }
    int delim = delimiter >= 0 ? delimiter : bytes[0] & 0xff;
    int start = bytes[0] == (byte) delim ? 1 : 0;
    Charset charset = isUtf8(bytes) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    List<String> notices = new ArrayList<>();

    Tokens spec = tokenize(bytes, start, (byte) delim, false, charset);
    Tokens empty = null;
    EmptyValueMode reading = mode == EmptyValueMode.EMPTY ? EmptyValueMode.EMPTY
        : EmptyValueMode.SPEC;
    if (mode == EmptyValueMode.AUTO && spec.escapedDelimiters > 0 && !spec.wellFormed(delim)) {
      empty = tokenize(bytes, start, (byte) delim, true, charset);
      if (empty.wellFormed(delim) && !hasEmptyKey(empty)) {
        reading = EmptyValueMode.EMPTY;
        notices.add(what + ": a doubled delimiter was read as an EMPTY value (writer bug), "
            + "because the spec reading merges keywords");
      }
    }
    Tokens chosen = reading == EmptyValueMode.EMPTY
        ? (empty != null ? empty : tokenize(bytes, start, (byte) delim, true, charset))
        : spec;
    if (chosen.unterminatedTail) {
      notices.add(what + " does not end with the delimiter; the last value ends at the segment end");
    }
    if (chosen.ignoredTail) {
      notices.add(what + " end offset is past the last delimiter; trailing blank bytes ignored");
    }
    List<String> t = chosen.tokens;
    if (t.size() % 2 != 0) {
      throw new FcsTextException(source, dataset, segmentOffset,
          what + " has an odd number of fields (" + t.size() + ") with delimiter "
              + describe(delim) + ": a keyword has no value");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < t.size(); i += 2) {
      String key = t.get(i);
      if (key.isEmpty()) {
        throw new FcsTextException(source, dataset, segmentOffset,
            what + " has an empty keyword name at field " + (i + 1));
      }
      if (map.put(key, t.get(i + 1)) != null) {
        notices.add(what + ": keyword " + key + " appears more than once; the last value is kept");
      }
    }
    return new Result(new FcsKeywords(map, charset), reading, notices);
  }

  private static boolean hasEmptyKey(Tokens t) {
    for (int i = 0; i < t.tokens.size(); i += 2) {
      if (t.tokens.get(i).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static final class Tokens {
    final List<String> tokens = new ArrayList<>();
    int escapedDelimiters;
    boolean unterminatedTail;
    boolean ignoredTail;

    /** Even field count and no KEY holding the delimiter (a merged-keyword symptom). */
    boolean wellFormed(int delim) {
      if (tokens.size() % 2 != 0) {
        return false;
      }
      String d = String.valueOf((char) delim);
      for (int i = 0; i < tokens.size(); i += 2) {
        if (tokens.get(i).contains(d)) {
          return false;
        }
      }
      return true;
    }
  }

  private static Tokens tokenize(byte[] b, int start, byte delim, boolean emptyValues,
      Charset charset) {
    Tokens out = new Tokens();
    byte[] field = new byte[b.length];
    int len = 0;
    int i = start;
    while (i < b.length) {
      byte c = b[i];
      if (c != delim) {
        field[len++] = c;
        i++;
      } else if (!emptyValues && i + 2 < b.length && b[i + 1] == delim) {
        field[len++] = delim;
        out.escapedDelimiters++;
        i += 2;
      } else {
        out.tokens.add(new String(field, 0, len, charset));
        len = 0;
        // A doubled delimiter as the segment's last two bytes ends the last value (Accuri).
        i += i + 2 == b.length && b[i + 1] == delim && !emptyValues ? 2 : 1;
      }
    }
    if (len > 0) {
      if (isBlank(field, len)) {
        out.ignoredTail = true;
      } else {
        out.tokens.add(new String(field, 0, len, charset));
        out.unterminatedTail = true;
      }
    }
    if (emptyValues && out.tokens.size() % 2 != 0
        && out.tokens.get(out.tokens.size() - 1).isEmpty()) {
      // A doubled delimiter at the very end of the segment is a terminator, not an empty value.
      out.tokens.remove(out.tokens.size() - 1);
    }
    return out;
  }

  private static boolean isBlank(byte[] field, int len) {
    for (int i = 0; i < len; i++) {
      if (field[i] != ' ' && field[i] != 0 && field[i] != '\n' && field[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  static String describe(int delim) {
    return delim >= 0x21 && delim < 0x7f ? "'" + (char) delim + "'" : String.format("0x%02x", delim);
  }
}
