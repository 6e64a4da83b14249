package org.mrdflow.fcs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Reads the datasets of one FCS file: HEADER, TEXT, supplemental TEXT, the DATA layout and
 * ANALYSIS of each, following {@code $NEXTDATA}. All version differences (2.0 .. 3.2) are handled
 * here. Every size taken from the file is checked against the bytes the file really holds before
 * anything is allocated from it.
 */
final class DatasetReader {
  private final ByteBuffer file;
  private final String source;
  private final FcsReadOptions options;
  private final BooleanSupplier open;
  private final FileChannel fileChannel;
  private final long size;
  /** Upper bound for offsets and counts read from TEXT, so that sums of them cannot overflow. */
  private static final long OFFSET_MAX = Long.MAX_VALUE / 4;

  /** An inclusive byte range [begin, end], absolute in the file. */
  private record Segment(long begin, long end) {
    long length() {
      return end - begin + 1;
    }

    boolean overlaps(Segment o) {
      return begin <= o.end && o.begin <= end;
    }

    @Override
    public String toString() {
      return begin + ".." + end;
    }
  }

  /**
   * @param file the whole file (mapped or in memory) for HEADER, TEXT and the other metadata
   * @param fileChannel the open file DATA is read from, or null to read DATA from {@code file}
   * @param open whether the owning {@link FcsFile} is still open
   */
  DatasetReader(ByteBuffer file, FileChannel fileChannel, String source, FcsReadOptions options,
      BooleanSupplier open) {
    this.file = file;
    this.fileChannel = fileChannel;
    this.source = source;
    this.options = options;
    this.open = open;
    this.size = file.limit();
  }

  List<FcsDataset> readAll() throws FcsException {
    List<FcsDataset> datasets = new ArrayList<>();
    long offset = 0;
    while (true) {
      int index = datasets.size();
      Parsed p = readDataset(offset, index);
      datasets.add(p.dataset);
      if (p.nextData == 0) {
        return datasets;
      }
      long next = offset + p.nextData;
      if (p.nextData < FcsHeader.LENGTH || next >= size) {
        throw new FcsSegmentException(source, index, offset,
            "$NEXTDATA = " + p.nextData + " points to byte " + next + ", outside the file ("
                + size + " bytes) or back into this dataset");
      }
      offset = next;
    }
  }

  private record Parsed(FcsDataset dataset, long nextData) {}

  private Parsed readDataset(long offset, int index) throws FcsException {
    FcsHeader header = FcsHeader.parse(file, offset, index, source);
    List<String> notices = new ArrayList<>();
    Segment text = textSegment(header, offset, index, notices);
    TextSegmentParser.Result primary = TextSegmentParser.parse(slice(text), -1,
        options.emptyValueMode(), "TEXT", source, index, text.begin);
    notices.addAll(primary.notices());
    FcsKeywords kw = primary.keywords();
    Keywords k = new Keywords(kw, index, text.begin);

    String mode = kw.valueOrNull("$MODE");
    if (mode != null && !mode.strip().equalsIgnoreCase("L")) {
      throw new UnsupportedFcsException(source, index, text.begin,
          "$MODE " + mode.strip() + " (histogram data) is not supported; only list mode L");
    }
    FcsDataType dataType = FcsDataType.ofCode(k.required("$DATATYPE"));
    if (dataType == null) {
      throw new UnsupportedFcsException(source, index, text.begin,
          "$DATATYPE " + kw.valueOrNull("$DATATYPE") + " is not one of I, F, D, A");
    }
    // Each parameter needs at least "$PnB" in TEXT, so $PAR is bounded by the TEXT length.
    int par = (int) k.integer("$PAR", 1, Math.max(1, text.length() / 4));
    List<FcsChannel> channels = new ArrayList<>(par);
    int[] widths = new int[par];
    long[] masks = new long[par];
    FcsDataType[] types = new FcsDataType[par];
    boolean delimitedAscii = false;
    for (int n = 1; n <= par; n++) {
      FcsChannel ch = channel(k, n, dataType, notices);
      channels.add(ch);
      types[n - 1] = ch.dataType();
      delimitedAscii |= ch.dataType() == FcsDataType.ASCII && ch.bits() == 0;
      widths[n - 1] = ch.dataType() == FcsDataType.ASCII ? ch.bits() : (ch.bits() + 7) / 8;
      masks[n - 1] = integerMask(ch);
    }

    Long tot = k.optionalInteger("$TOT", 0, OFFSET_MAX);
    if (tot == null) {
      notices.add("$TOT is missing; the event count is taken from the DATA segment length");
    }
    Segment data;
    long events;
    Object[] asciiColumns = null;
    DataLayout layout = null;
    if (delimitedAscii) {
      data = pickDelimitedSegment(header, k, offset, index, text);
      asciiColumns = AsciiDecoder.decodeDelimited(slice(data), par, tot == null ? -1 : tot,
          source, index, data.begin);
      events = asciiColumns.length == 0 ? 0 : ((double[]) asciiColumns[0]).length;
    } else {
      long eventBytes = 0;
      for (int w : widths) {
        eventBytes += w;
      }
      if (eventBytes > size) {
        throw new FcsDataSizeException(source, index, text.begin,
            "one event takes " + eventBytes + " bytes, more than the file holds");
      }
      int bytesPerEvent = (int) eventBytes;
      if (dataType != FcsDataType.ASCII) {
        layout = new DataLayout(types, widths, masks, byteOrder(k, widths, index, text.begin));
      }
      long[] resolved = resolveData(header, k, offset, index, text, bytesPerEvent, tot, notices);
      data = new Segment(resolved[0], resolved[0] + resolved[1] * bytesPerEvent - 1);
      events = resolved[1];
      if (layout == null) {
        asciiColumns = AsciiDecoder.decodeFixed(slice(data), widths, (int) events, source, index,
            data.begin);
      }
    }
    // events x bytes per event fits the file (at most 2 GiB), so events fits an int.
    FcsKeywords stext = supplementalText(k, offset, index, text, notices);
    byte[] analysis = analysis(header, k, offset, index);
    SpilloverMatrix spill = SpilloverParser.parse(kw, channels, notices);
    Long nextData = k.optionalInteger("$NEXTDATA", 0, OFFSET_MAX);
    double timestep = k.optionalDouble("$TIMESTEP");

    FcsDataset.EventSource eventSource = eventSource(layout, data, (int) events, asciiColumns,
        channels, timestep, index);
    String version = header.version();
    FcsDataset ds = new FcsDataset(index, offset, version, (int) events, channels, kw, stext,
        spill, analysis, primary.reading(), notices, eventSource);
    return new Parsed(ds, nextData == null ? 0 : nextData);
  }

  private FcsDataset.EventSource eventSource(DataLayout layout, Segment data, int events,
      Object[] asciiColumns, List<FcsChannel> channels, double timestep, int index) {
    if (asciiColumns != null) {
      ValueScaling.apply(asciiColumns, channels, options, timestep);
      return () -> asciiColumns;
    }
    EventDecoder.DataBytes bytes = fileChannel != null ? positionalReads(data.begin, index)
        : EventDecoder.DataBytes.of(slice(data));
    return () -> {
      if (!open.getAsBoolean()) {
        throw new IllegalStateException(source + ": dataset " + index
            + ": the FcsFile was closed before its events were read");
      }
      try {
        Object[] columns = EventDecoder.decode(bytes, layout, events);
        ValueScaling.apply(columns, channels, options, timestep);
        return columns;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  /**
   * DATA read straight from the file into the decoder's cache-sized block: a copy the kernel does
   * anyway, without faulting in every page of a mapping.
   */
  private EventDecoder.DataBytes positionalReads(long dataBegin, int index) {
    return (position, into) -> {
      long at = dataBegin + position;
      while (into.hasRemaining()) {
        int n = fileChannel.read(into, at);
        if (n < 0) {
          throw new TruncatedFcsException(source, index, at,
              "the file shrank to " + at + " bytes while its events were read");
        }
        at += n;
      }
    };
  }

  private Segment textSegment(FcsHeader h, long offset, int index, List<String> notices)
      throws FcsException {
    if (h.textStart() < FcsHeader.LENGTH || h.textEnd() < h.textStart()) {
      throw new FcsSegmentException(source, index, offset + 10,
          "HEADER TEXT offsets " + h.textStart() + ".." + h.textEnd()
              + " do not describe a segment after the 58-byte HEADER");
    }
    long begin = offset + h.textStart();
    long end = offset + h.textEnd();
    if (begin >= size) {
      throw new TruncatedFcsException(source, index, begin,
          "TEXT starts at byte " + begin + " but the file has " + size + " bytes");
    }
    if (end >= size) {
      if (end > size) {
        throw new TruncatedFcsException(source, index, begin,
            "TEXT ends at byte " + end + " but the file has " + size + " bytes");
      }
      notices.add("TEXT end offset is one byte past the end of the file; tolerated");
      end = size - 1;
    }
    return new Segment(begin, end);
  }

  private FcsChannel channel(Keywords k, int n, FcsDataType dataType, List<String> notices)
      throws FcsException {
    String name = k.kw.valueOrNull("$P" + n + "N");
    if (name == null) {
      name = "P" + n;
      notices.add("$P" + n + "N is missing; the parameter is named " + name);
    }
    FcsDataType type = dataType;
    String own = k.kw.valueOrNull("$P" + n + "DATATYPE");
    if (own != null) {
      type = FcsDataType.ofCode(own);
      if (dataType == FcsDataType.ASCII) {
        throw new FcsTextException(source, k.index, k.textBegin,
            "$P" + n + "DATATYPE cannot mix binary values into $DATATYPE A data");
      }
      if (type == null || type == FcsDataType.ASCII) {
        throw new UnsupportedFcsException(source, k.index, k.textBegin,
            "$P" + n + "DATATYPE " + own + " is not one of I, F, D");
      }
    }
    String b = k.required("$P" + n + "B").strip();
    int bits;
    if (b.equals("*")) {
      if (type != FcsDataType.ASCII) {
        throw new FcsTextException(source, k.index, k.textBegin,
            "$P" + n + "B = * is only valid for $DATATYPE A");
      }
      bits = 0;
    } else {
      bits = (int) k.integer("$P" + n + "B", 1, type == FcsDataType.ASCII ? 1_000 : 64);
    }
    if (type == FcsDataType.FLOAT && bits != 32 || type == FcsDataType.DOUBLE && bits != 64) {
      throw new FcsTextException(source, k.index, k.textBegin,
          "$P" + n + "B = " + bits + " does not fit $DATATYPE " + type.code()
              + " (F needs 32, D needs 64)");
    }
    double range = k.optionalDouble("$P" + n + "R");
    if (Double.isNaN(range)) {
      notices.add("$P" + n + "R is missing or not a number");
    }
    double decades = 0;
    double logOffset = 0;
    String e = k.kw.valueOrNull("$P" + n + "E");
    if (e != null) {
      // FCS 3.1 3.3.23: "f1,f2", two numbers. Limit -1 keeps empty fields, so "," is two empty
      // fields and refused, not split into no field at all.
      String[] parts = e.split(",", -1);
      try {
        decades = Double.parseDouble(parts[0].strip());
        logOffset = parts.length > 1 ? Double.parseDouble(parts[1].strip()) : 0;
      } catch (NumberFormatException ex) {
        decades = Double.NaN;
      }
      if (!Double.isFinite(decades) || !Double.isFinite(logOffset)) {
        throw new FcsTextException(source, k.index, k.textBegin, "$P" + n + "E = \""
            + FcsHeader.printable(e) + "\" is not f1,f2 (log decades, offset: two numbers)");
      }
    }
    double gain = k.optionalDouble("$P" + n + "G");
    return new FcsChannel(n, name, k.kw.valueOrNull("$P" + n + "S"), bits, range, decades,
        logOffset, Double.isNaN(gain) ? 1 : gain, type);
  }

  /**
   * FCS 3.1 section 3.3.28 ($PnR): integer values are masked to the next power of two at or above
   * $PnR, minus 1, and never beyond $PnB bits.
   */
  private static long integerMask(FcsChannel ch) {
    if (ch.dataType() != FcsDataType.INTEGER) {
      return -1L;
    }
    long bitsMask = ch.bits() == 64 ? -1L : (1L << ch.bits()) - 1;
    double r = Math.ceil(ch.range());
    if (!(r >= 1) || r > 0x1p62) {
      return bitsMask;
    }
    long p = Long.highestOneBit((long) r);
    if (p < (long) r) {
      p <<= 1;
    }
    return (p - 1) & bitsMask;
  }

  private int[] byteOrder(Keywords k, int[] widths, int index, long at) throws FcsException {
    String raw = k.required("$BYTEORD").strip();
    // Limit -1: "," or "1,2," must fail as empty fields, not split into fewer (or zero) numbers.
    String[] parts = raw.split(",", -1);
    int[] order = new int[parts.length];
    boolean[] seen = new boolean[parts.length];
    try {
      for (int i = 0; i < parts.length; i++) {
        int v = Integer.parseInt(parts[i].strip()) - 1;
        if (v < 0 || v >= parts.length || seen[v]) {
          throw new NumberFormatException();
        }
        seen[v] = true;
        order[i] = v;
      }
    } catch (NumberFormatException e) {
      throw new FcsTextException(source, index, at,
          "$BYTEORD " + raw + " is not a permutation of 1..n");
    }
    for (int w : widths) {
      if (w > 1 && !DataLayout.orderFits(order, w)) {
        throw new UnsupportedFcsException(source, index, at,
            "$BYTEORD " + raw + " is neither little nor big endian and does not match the "
                + w + "-byte values");
      }
    }
    return order;
  }

  /** Returns {absolute data begin, events}. */
  private long[] resolveData(FcsHeader h, Keywords k, long offset, int index, Segment text,
      int bytesPerEvent, Long tot, List<String> notices) throws FcsException {
    Segment fromHeader = h.dataStart() == 0 && h.dataEnd() == 0 ? null
        : new Segment(offset + h.dataStart(), offset + h.dataEnd());
    Long tb = k.optionalInteger("$BEGINDATA", 0, OFFSET_MAX);
    Long te = k.optionalInteger("$ENDDATA", 0, OFFSET_MAX);
    Segment fromText = tb == null || te == null || tb == 0 && te == 0 ? null
        : new Segment(offset + tb, offset + te);
    if (tot != null && tot == 0) {
      return new long[] {fromHeader != null ? fromHeader.begin : offset, 0};
    }
    if (fromHeader == null && fromText == null) {
      throw new FcsSegmentException(source, index, offset + 26,
          "no DATA offsets: HEADER fields are blank or zero and TEXT has no $BEGINDATA/$ENDDATA");
    }
    if (bytesPerEvent == 0) {
      throw new FcsTextException(source, index, text.begin, "parameters occupy zero bytes");
    }
    if (tot == null) {
      Segment s = fromHeader != null ? fromHeader : fromText;
      checkPlacement(s, text, index);
      long usable = Math.min(s.length(), size - s.begin);
      return new long[] {s.begin, usable / bytesPerEvent};
    }
    long expected;
    try {
      expected = Math.multiplyExact(tot, bytesPerEvent);
    } catch (ArithmeticException e) {
      throw new FcsDataSizeException(source, index, text.begin,
          "$TOT " + tot + " x " + bytesPerEvent + " bytes per event overflows");
    }
    boolean headerOk = fits(fromHeader, text, expected);
    boolean textOk = fits(fromText, text, expected);
    Segment chosen;
    if (fromHeader != null && fromText != null && !fromHeader.equals(fromText)) {
      String both = "HEADER DATA offsets " + fromHeader + " and TEXT $BEGINDATA/$ENDDATA "
          + fromText + " disagree";
      if (headerOk || textOk) {
        chosen = headerOk ? fromHeader : fromText;
        notices.add(both + "; used " + (headerOk ? "HEADER" : "TEXT")
            + ", whose segment matches $TOT x bytes per event = " + expected + " bytes");
      } else if (options.ignoreOffsetDiscrepancy()) {
        chosen = lenient(fromHeader, text, expected, index, both, notices);
      } else {
        throw new FcsDataSizeException(source, index, fromHeader.begin,
            both + " and neither segment holds $TOT x bytes per event = " + expected
                + " bytes (use ignoreOffsetDiscrepancy to read $TOT events from the HEADER one)");
      }
    } else {
      Segment s = fromHeader != null ? fromHeader : fromText;
      if (fits(s, text, expected)) {
        chosen = s;
      } else {
        checkPlacement(s, text, index);
        if (s.begin + expected > size) {
          throw new TruncatedFcsException(source, index, s.begin,
              "DATA needs " + expected + " bytes ($TOT " + tot + " x " + bytesPerEvent
                  + ") from byte " + s.begin + " but the file ends at byte " + size);
        }
        if (!options.ignoreOffsetDiscrepancy()) {
          throw new FcsDataSizeException(source, index, s.begin,
              "DATA segment " + s + " holds " + s.length() + " bytes but $TOT x bytes per event = "
                  + tot + " x " + bytesPerEvent + " = " + expected);
        }
        chosen = s;
        notices.add("DATA segment " + s + " holds " + s.length() + " bytes, not " + expected
            + "; read $TOT events from its start (ignoreOffsetDiscrepancy)");
      }
    }
    if (chosen.length() == expected + 1) {
      notices.add("DATA end offset is one byte past the data ($ENDDATA off-by-one); tolerated");
    }
    return new long[] {chosen.begin, tot};
  }

  private Segment lenient(Segment fromHeader, Segment text, long expected, int index,
      String both, List<String> notices) throws FcsException {
    checkPlacement(fromHeader, text, index);
    if (fromHeader.begin + expected > size) {
      throw new TruncatedFcsException(source, index, fromHeader.begin,
          both + " and the file ends before $TOT events from the HEADER offset");
    }
    notices.add(both + "; read $TOT events from the HEADER offset (ignoreOffsetDiscrepancy)");
    return fromHeader;
  }

  /** A segment is consistent when it does not overlap TEXT and has $TOT x bytes per event (+1). */
  private boolean fits(Segment s, Segment text, long expected) {
    return s != null && s.begin >= FcsHeader.LENGTH && !s.overlaps(text)
        && (s.length() == expected || s.length() == expected + 1) && s.begin + expected <= size;
  }

  private void checkPlacement(Segment s, Segment text, int index) throws FcsException {
    if (s.end < s.begin - 1 || s.begin < FcsHeader.LENGTH) {
      throw new FcsSegmentException(source, index, s.begin,
          "DATA offsets " + s + " do not describe a segment after the HEADER");
    }
    if (s.overlaps(text)) {
      throw new FcsSegmentException(source, index, s.begin,
          "DATA segment " + s + " overlaps TEXT " + text);
    }
    if (s.begin >= size) {
      throw new TruncatedFcsException(source, index, s.begin,
          "DATA starts at byte " + s.begin + " but the file has " + size + " bytes");
    }
  }

  private Segment pickDelimitedSegment(FcsHeader h, Keywords k, long offset, int index,
      Segment text) throws FcsException {
    Segment s = h.dataStart() == 0 && h.dataEnd() == 0 ? null
        : new Segment(offset + h.dataStart(), offset + h.dataEnd());
    if (s == null) {
      Long tb = k.optionalInteger("$BEGINDATA", 0, OFFSET_MAX);
      Long te = k.optionalInteger("$ENDDATA", 0, OFFSET_MAX);
      if (tb == null || te == null) {
        throw new FcsSegmentException(source, index, offset + 26, "no DATA offsets");
      }
      s = new Segment(offset + tb, offset + te);
    }
    checkPlacement(s, text, index);
    if (s.end >= size) {
      throw new TruncatedFcsException(source, index, s.begin,
          "DATA ends at byte " + s.end + " but the file has " + size + " bytes");
    }
    return s;
  }

  private FcsKeywords supplementalText(Keywords k, long offset, int index, Segment text,
      List<String> notices) throws FcsException {
    Long b = k.optionalInteger("$BEGINSTEXT", 0, OFFSET_MAX);
    Long e = k.optionalInteger("$ENDSTEXT", 0, OFFSET_MAX);
    FcsKeywords none = new FcsKeywords(new LinkedHashMap<>(), StandardCharsets.UTF_8);
    if (b == null || e == null || b == 0 && e == 0) {
      return none;
    }
    Segment s = new Segment(offset + b, offset + e);
    if (s.end < s.begin || s.begin < FcsHeader.LENGTH || s.end >= size) {
      notices.add("supplemental TEXT offsets " + b + ".." + e + " are outside the file; ignored");
      return none;
    }
    if (s.overlaps(text)) {
      notices.add("supplemental TEXT " + s + " overlaps primary TEXT " + text
          + "; read anyway, as the writer (Accuri) repeats TEXT there");
    }
    int delimiter = file.get((int) text.begin) & 0xff;
    TextSegmentParser.Result r = TextSegmentParser.parse(slice(s), delimiter,
        options.emptyValueMode(), "supplemental TEXT", source, index, s.begin);
    notices.addAll(r.notices());
    return r.keywords();
  }

  private byte[] analysis(FcsHeader h, Keywords k, long offset, int index) throws FcsException {
    long b = h.analysisStart();
    long e = h.analysisEnd();
    if (b == 0 && e == 0) {
      Long tb = k.optionalInteger("$BEGINANALYSIS", 0, OFFSET_MAX);
      Long te = k.optionalInteger("$ENDANALYSIS", 0, OFFSET_MAX);
      if (tb == null || te == null || tb == 0 && te == 0) {
        return new byte[0];
      }
      b = tb;
      e = te;
    }
    if (e < b || offset + e >= size || b < FcsHeader.LENGTH) {
      throw new FcsSegmentException(source, index, offset + b,
          "ANALYSIS offsets " + b + ".." + e + " lie outside the file (" + size + " bytes)");
    }
    byte[] bytes = new byte[(int) (e - b + 1)];
    file.get((int) (offset + b), bytes);
    return bytes;
  }

  /**
   * The bytes of a segment. An empty one (no events) is empty wherever its offsets point: with
   * {@code $TOT} = 0 nothing is read, so a DATA offset past the end of the file does not matter.
   */
  private ByteBuffer slice(Segment s) {
    return s.length() <= 0 ? ByteBuffer.allocate(0) : file.slice((int) s.begin, (int) s.length());
  }

  /** Keyword access with typed errors naming the keyword, dataset and TEXT offset. */
  private final class Keywords {
    final FcsKeywords kw;
    final int index;
    final long textBegin;

    Keywords(FcsKeywords kw, int index, long textBegin) {
      this.kw = kw;
      this.index = index;
      this.textBegin = textBegin;
    }

    String required(String key) throws FcsTextException {
      String v = kw.valueOrNull(key);
      if (v == null) {
        throw new FcsTextException(source, index, textBegin, "required keyword " + key
            + " is missing");
      }
      return v;
    }

    long integer(String key, long min, long max) throws FcsTextException {
      return parseInteger(key, required(key), min, max);
    }

    Long optionalInteger(String key, long min, long max) throws FcsTextException {
      String v = kw.valueOrNull(key);
      return v == null || v.isBlank() ? null : parseInteger(key, v, min, max);
    }

    private Long parseInteger(String key, String value, long min, long max)
        throws FcsTextException {
      String s = value.strip();
      try {
        long v = Long.parseLong(s);
        if (v < min || v > max) {
          throw new FcsTextException(source, index, textBegin,
              key + " = " + s + " is outside " + min + ".." + max);
        }
        return v;
      } catch (NumberFormatException e) {
        throw new FcsTextException(source, index, textBegin,
            key + " = \"" + FcsHeader.printable(s) + "\" is not an integer");
      }
    }

    /** The keyword as a number, or NaN when absent or not numeric. */
    double optionalDouble(String key) {
      String v = kw.valueOrNull(key);
      if (v == null) {
        return Double.NaN;
      }
      try {
        return Double.parseDouble(v.strip());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
  }
}
