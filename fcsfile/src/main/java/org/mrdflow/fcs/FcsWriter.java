package org.mrdflow.fcs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes one list-mode FCS 3.0, 3.1 or 3.2 data set of 32-bit floats ({@code $DATATYPE F}).
 *
 * <p>Layout (FCS 3.1): the 58-byte HEADER, the primary TEXT from byte 58, then DATA directly
 * after TEXT; no ANALYSIS, no supplemental TEXT, no CRC (optional in 3.1 §3.5). Offsets are
 * inclusive byte positions. When DATA ends beyond 99,999,999 bytes the HEADER data offsets are 0
 * and only {@code $BEGINDATA}/{@code $ENDDATA} in TEXT hold them (FCS 3.1). A delimiter
 * inside a keyword or value is escaped by doubling it (FCS 3.1).
 *
 * <pre>{@code
 * FcsWriter.builder()
 *     .parameter("FSC-A", null, 262144)
 *     .parameter("PE-A", "CD10 PE", 262144)
 *     .keyword("$CYT", "FACSCanto II")
 *     .spillover(List.of("PE-A"), new double[][] {{1}})
 *     .columns(fsc, pe)
 *     .build()
 *     .write(path);
 * }</pre>
 *
 * <p>Columns are column-major (one {@code float[]} per parameter, in parameter order), the layout
 * the rest of MRDFlow uses. The writer only reads them; it does not copy events.
 */
public final class FcsWriter {

  /** The FCS versions this writer produces. */
  public enum Version {
    FCS_3_0("FCS3.0"),
    FCS_3_1("FCS3.1"),
    FCS_3_2("FCS3.2");

    private final String headerId;

    Version(String headerId) {
      this.headerId = headerId;
    }

    /** The six version bytes at the start of the HEADER. */
    public String headerId() {
      return headerId;
    }
  }

  /**
   * One measured parameter: {@code $PnN} name, optional {@code $PnS} label (null for none) and
   * {@code $PnR} range.
   */
  public record Parameter(String name, String label, long range) {}

  /** Largest offset an 8-byte HEADER field can hold (FCS 3.1). */
  static final long MAX_HEADER_OFFSET = 99_999_999L;

  private static final int HEADER_BYTES = 58;
  private static final int BYTES_PER_VALUE = 4;
  /** Delimiters tried in order when none is chosen: common, printable, not used in numbers. */
  private static final String DEFAULT_DELIMITERS = "/|\\!^~";
  /** Keywords this writer derives from the layout; callers may not set them. */
  private static final Set<String> LAYOUT_KEYWORDS =
      Set.of(
          "$BEGINANALYSIS", "$ENDANALYSIS", "$BEGINDATA", "$ENDDATA", "$BEGINSTEXT", "$ENDSTEXT",
          "$BYTEORD", "$DATATYPE", "$MODE", "$NEXTDATA", "$PAR", "$TOT", "$SPILLOVER", "SPILL");
  private static final Pattern PARAMETER_KEYWORD =
      Pattern.compile("\\$P\\d+(B|E|N|R|S|DATATYPE)", Pattern.CASE_INSENSITIVE);

  private final Version version;
  private final ByteOrder byteOrder;
  private final char delimiter;
  private final List<Parameter> parameters;
  private final Map<String, String> keywords;
  private final float[][] columns;
  private final int events;

  private FcsWriter(Builder b) {
    this.version = b.version;
    this.byteOrder = b.byteOrder;
    this.parameters = List.copyOf(b.parameters);
    this.columns = b.columns;
    this.events = validateColumns(b.parameters, b.columns);
    validateParameters(b.parameters);
    this.keywords = layoutIndependentKeywords(b);
    this.delimiter = b.delimiter != null ? b.delimiter : chooseDelimiter(keywords);
    validateDelimiter(delimiter, keywords);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Number of events ({@code $TOT}). */
  public int events() {
    return events;
  }

  /** Writes the file, replacing any existing one. */
  public void write(Path path) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
      write(out);
    }
  }

  /** Writes the whole data set to {@code out}; does not close it. */
  public void write(OutputStream out) throws IOException {
    long dataBytes = (long) events * parameters.size() * BYTES_PER_VALUE;
    long beginData = 0;
    long endData = 0;
    byte[] text;
    // $BEGINDATA depends on the TEXT length, which depends on the digits of $BEGINDATA/$ENDDATA:
    // iterate to the fixed point. Offsets only grow, so this ends after a few rounds. Without
    // events DATA is the empty range right after TEXT (end = begin - 1): FlowIO reads 0,0 as a
    // one-byte segment and refuses the file.
    while (true) {
      text = encodeText(beginData, endData);
      long nextBegin = HEADER_BYTES + text.length;
      long nextEnd = nextBegin + dataBytes - 1;
      if (nextBegin == beginData && nextEnd == endData) {
        break;
      }
      beginData = nextBegin;
      endData = nextEnd;
    }
    long textEnd = HEADER_BYTES + text.length - 1L;
    if (textEnd > MAX_HEADER_OFFSET) {
      throw new IllegalArgumentException(
          "primary TEXT would end at byte " + textEnd + ", beyond the 99,999,999 the HEADER can"
              + " address (FCS 3.1)");
    }
    boolean dataInHeader = endData <= MAX_HEADER_OFFSET;
    out.write(header(textEnd, dataInHeader ? beginData : 0, dataInHeader ? endData : 0));
    out.write(text);
    writeData(out);
    out.flush();
  }

  private byte[] header(long textEnd, long beginData, long endData) {
    StringBuilder h = new StringBuilder(HEADER_BYTES);
    h.append(version.headerId()).append("    ");
    for (long offset : new long[] {HEADER_BYTES, textEnd, beginData, endData, 0, 0}) {
      h.append(String.format(Locale.ROOT, "%8d", offset));
    }
    return h.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private byte[] encodeText(long beginData, long endData) {
    Map<String, String> kw = new LinkedHashMap<>();
    if (version != Version.FCS_3_2) {
      // Required in FCS 3.0 and 3.1, optional in 3.2.
      kw.put("$BEGINANALYSIS", "0");
      kw.put("$ENDANALYSIS", "0");
      kw.put("$BEGINSTEXT", "0");
      kw.put("$ENDSTEXT", "0");
    }
    // Deprecated but permitted in 3.2 (only list mode remains); FlowIO, fcsparser and flowCore's
    // read.FCS refuse a file without it (fcsfile README, "Readers checked").
    kw.put("$MODE", "L");
    kw.put("$BEGINDATA", Long.toString(beginData));
    kw.put("$ENDDATA", Long.toString(endData));
    kw.putAll(keywords);
    StringBuilder t = new StringBuilder(64 * kw.size());
    String single = String.valueOf(delimiter);
    String doubled = single + single;
    t.append(delimiter);
    for (Map.Entry<String, String> e : kw.entrySet()) {
      t.append(e.getKey().replace(single, doubled)).append(delimiter);
      t.append(e.getValue().replace(single, doubled)).append(delimiter);
    }
    return t.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void writeData(OutputStream out) throws IOException {
    int parameterCount = parameters.size();
    int eventsPerChunk = Math.max(1, (1 << 16) / (parameterCount * BYTES_PER_VALUE));
    ByteBuffer chunk =
        ByteBuffer.allocate(eventsPerChunk * parameterCount * BYTES_PER_VALUE).order(byteOrder);
    for (int start = 0; start < events; start += eventsPerChunk) {
      int end = Math.min(events, start + eventsPerChunk);
      chunk.clear();
      for (int event = start; event < end; event++) {
        for (float[] column : columns) {
          chunk.putFloat(column[event]);
        }
      }
      out.write(chunk.array(), 0, chunk.position());
    }
  }

  /** Everything in TEXT except the data offsets and the version-specific segment keywords. */
  private static Map<String, String> layoutIndependentKeywords(Builder b) {
    Map<String, String> kw = new LinkedHashMap<>();
    kw.put("$BYTEORD", b.byteOrder == ByteOrder.LITTLE_ENDIAN ? "1,2,3,4" : "4,3,2,1");
    kw.put("$DATATYPE", "F");
    kw.put("$NEXTDATA", "0");
    kw.put("$PAR", Integer.toString(b.parameters.size()));
    kw.put("$TOT", Integer.toString(b.columns == null ? 0 : columnLength(b.columns)));
    for (int i = 0; i < b.parameters.size(); i++) {
      Parameter p = b.parameters.get(i);
      String n = "$P" + (i + 1);
      kw.put(n + "N", p.name());
      if (p.label() != null) {
        kw.put(n + "S", p.label());
      }
      kw.put(n + "B", "32");
      // Floating-point data carry no log amplification: $PnE is 0,0 for $DATATYPE F (FCS 3.1).
      kw.put(n + "E", "0,0");
      kw.put(n + "R", Long.toString(p.range()));
    }
    if (b.spilloverDetectors != null) {
      // $SPILLOVER is FCS 3.1's; FCS 3.0 files carry the same value as BD's SPILL.
      kw.put(b.version == Version.FCS_3_0 ? "SPILL" : "$SPILLOVER",
          spilloverValue(b.spilloverDetectors, b.spilloverMatrix));
    }
    Set<String> seen = new HashSet<>();
    kw.keySet().forEach(k -> seen.add(k.toUpperCase(Locale.ROOT)));
    for (Map.Entry<String, String> e : b.keywords.entrySet()) {
      String key = e.getKey();
      String upper = key.toUpperCase(Locale.ROOT);
      if (LAYOUT_KEYWORDS.contains(upper) || PARAMETER_KEYWORD.matcher(key).matches()) {
        throw new IllegalArgumentException(
            "keyword " + key + " is derived from the parameters and data; set it through the builder");
      }
      if (!seen.add(upper)) {
        // Keywords are case-insensitive (FCS 3.1): two spellings would be a duplicate.
        throw new IllegalArgumentException("keyword " + key + " given twice (keywords are case-insensitive)");
      }
      kw.put(key, e.getValue());
    }
    if (b.version == Version.FCS_3_2 && !seen.contains("$CYT")) {
      throw new IllegalArgumentException("FCS 3.2 requires the $CYT keyword (cytometer type)");
    }
    return kw;
  }

  /** FCS 3.1 $SPILLOVER: n, n detector names ($PnN), then the n x n matrix row by row. */
  private static String spilloverValue(List<String> detectors, double[][] matrix) {
    StringBuilder s = new StringBuilder();
    s.append(detectors.size());
    detectors.forEach(d -> s.append(',').append(d));
    for (double[] row : matrix) {
      for (double v : row) {
        // Shortest decimal that reads back to the same double, without exponent notation.
        s.append(',').append(BigDecimal.valueOf(v).stripTrailingZeros().toPlainString());
      }
    }
    return s.toString();
  }

  private static int validateColumns(List<Parameter> parameters, float[][] columns) {
    if (columns == null) {
      throw new IllegalArgumentException("no event columns given");
    }
    if (columns.length != parameters.size()) {
      throw new IllegalArgumentException(
          columns.length + " columns given for " + parameters.size() + " parameters");
    }
    int n = columnLength(columns);
    for (int i = 0; i < columns.length; i++) {
      if (columns[i] == null || columns[i].length != n) {
        throw new IllegalArgumentException(
            "column " + (i + 1) + " (" + parameters.get(i).name() + ") has "
                + (columns[i] == null ? "no array" : columns[i].length + " events")
                + ", column 1 has " + n);
      }
    }
    return n;
  }

  private static int columnLength(float[][] columns) {
    return columns.length == 0 || columns[0] == null ? 0 : columns[0].length;
  }

  private static void validateParameters(List<Parameter> parameters) {
    if (parameters.isEmpty()) {
      throw new IllegalArgumentException("an FCS data set needs at least one parameter");
    }
    Set<String> names = new HashSet<>();
    for (Parameter p : parameters) {
      if (p.name() == null || p.name().isEmpty()) {
        throw new IllegalArgumentException("parameter name ($PnN) is empty");
      }
      // $PnN may not contain commas: $SPILLOVER lists names separated by commas (FCS 3.1).
      if (p.name().indexOf(',') >= 0) {
        throw new IllegalArgumentException("parameter name " + p.name() + " contains a comma");
      }
      if (!names.add(p.name())) {
        throw new IllegalArgumentException("parameter name " + p.name() + " is used twice");
      }
      if (p.range() <= 0) {
        throw new IllegalArgumentException("parameter " + p.name() + " has range " + p.range());
      }
      if (p.label() != null && p.label().isEmpty()) {
        throw new IllegalArgumentException("parameter " + p.name() + " has an empty label; use null");
      }
    }
  }

  /**
   * The first default delimiter that no keyword or value contains, so nothing needs escaping:
   * flowCore's read.FCS (default {@code emptyValue = TRUE}) reads a doubled delimiter as an empty
   * value and FlowIO splits a value that ends with one. Failing that, the first one that none
   * begins with, escaped by doubling as FCS 3.1 specifies.
   */
  private static char chooseDelimiter(Map<String, String> keywords) {
    for (char c : DEFAULT_DELIMITERS.toCharArray()) {
      if (!containsAny(c, keywords)) {
        return c;
      }
    }
    for (char c : DEFAULT_DELIMITERS.toCharArray()) {
      if (!startsAny(c, keywords)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "every default delimiter (" + DEFAULT_DELIMITERS + ") begins some keyword or value; choose one");
  }

  private static void validateDelimiter(char delimiter, Map<String, String> keywords) {
    if (delimiter < 1 || delimiter > 126) {
      throw new IllegalArgumentException("delimiter must be an ASCII character 1-126 (FCS 3.1)");
    }
    for (Map.Entry<String, String> e : keywords.entrySet()) {
      if (e.getValue() == null || e.getValue().isEmpty()) {
        // An empty value would be written as a doubled delimiter, i.e. an escape (FCS 3.1).
        throw new IllegalArgumentException("keyword " + e.getKey() + " has an empty value");
      }
      if (e.getKey().isEmpty()) {
        throw new IllegalArgumentException("empty keyword name");
      }
    }
    if (startsAny(delimiter, keywords)) {
      // "/K///V/" would read back as key "K/" and value "V": the escape pairs up left to right.
      throw new IllegalArgumentException(
          "a keyword or value begins with the delimiter '" + delimiter + "'; choose another delimiter");
    }
  }

  private static boolean containsAny(char c, Map<String, String> keywords) {
    for (Map.Entry<String, String> e : keywords.entrySet()) {
      if (e.getKey().indexOf(c) >= 0 || (e.getValue() != null && e.getValue().indexOf(c) >= 0)) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsAny(char c, Map<String, String> keywords) {
    for (Map.Entry<String, String> e : keywords.entrySet()) {
      if (e.getKey().indexOf(c) == 0 || (e.getValue() != null && e.getValue().indexOf(c) == 0)) {
        return true;
      }
    }
    return false;
  }

  /** Collects the data set; {@link #build()} validates it. */
  public static final class Builder {
    private Version version = Version.FCS_3_1;
    private ByteOrder byteOrder = ByteOrder.LITTLE_ENDIAN;
    private Character delimiter;
    private final List<Parameter> parameters = new ArrayList<>();
    private final Map<String, String> keywords = new LinkedHashMap<>();
    private List<String> spilloverDetectors;
    private double[][] spilloverMatrix;
    private float[][] columns;

    private Builder() {}

    public Builder version(Version v) {
      this.version = v;
      return this;
    }

    public Builder byteOrder(ByteOrder order) {
      this.byteOrder = order;
      return this;
    }

    /**
     * The TEXT delimiter; by default the first of {@code / | \ ! ^ ~} that no entry contains
     * (else the first that none begins with).
     */
    public Builder delimiter(char c) {
      this.delimiter = c;
      return this;
    }

    public Builder parameter(String name, String label, long range) {
      parameters.add(new Parameter(name, label, range));
      return this;
    }

    /** Any keyword other than the layout ones ($TOT, $PAR, $PnX, offsets...), kept verbatim. */
    public Builder keyword(String key, String value) {
      if (key == null || value == null) {
        throw new IllegalArgumentException("keyword " + key + " has a null name or value");
      }
      if (keywords.put(key, value) != null) {
        throw new IllegalArgumentException("keyword " + key + " given twice");
      }
      return this;
    }

    public Builder keywords(Map<String, String> all) {
      all.forEach(this::keyword);
      return this;
    }

    /**
     * The {@code $SPILLOVER} matrix: row i = the fraction of detector i's own signal seen in each
     * detector (raw = true x S); detectors are {@code $PnN} names of this data set.
     */
    public Builder spillover(List<String> detectors, double[][] matrix) {
      if (matrix.length != detectors.size()) {
        throw new IllegalArgumentException(
            "spillover matrix has " + matrix.length + " rows for " + detectors.size() + " detectors");
      }
      for (double[] row : matrix) {
        if (row.length != detectors.size()) {
          throw new IllegalArgumentException("spillover matrix is not " + detectors.size() + " x " + detectors.size());
        }
        for (double v : row) {
          if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("spillover matrix holds " + v);
          }
        }
      }
      this.spilloverDetectors = List.copyOf(detectors);
      this.spilloverMatrix = matrix;
      return this;
    }

    /** Event values, one array per parameter in parameter order, all the same length. */
    public Builder columns(float[]... columns) {
      this.columns = columns;
      return this;
    }

    public FcsWriter build() {
      if (spilloverDetectors != null) {
        Set<String> names = new HashSet<>();
        parameters.forEach(p -> names.add(p.name()));
        for (String d : spilloverDetectors) {
          if (!names.contains(d)) {
            throw new IllegalArgumentException("spillover detector " + d + " is not a parameter name");
          }
        }
      }
      return new FcsWriter(this);
    }
  }
}
