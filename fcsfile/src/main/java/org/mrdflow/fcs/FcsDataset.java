package org.mrdflow.fcs;

import java.util.List;
import java.util.Optional;
import org.mrdflow.fcs.FcsReadOptions.EmptyValueMode;

/**
 * One dataset of an FCS file (a file holds several when {@code $NEXTDATA} chains them): metadata,
 * compensation, the ANALYSIS bytes, and events column-major, one primitive array per parameter.
 *
 * <p>Events are decoded on first access to a column, all parameters in one pass over DATA, and
 * cached. {@link #floatColumn} and {@link #doubleColumn} return the cached array itself when it
 * already has the requested type (no copy, so reading a float32 file costs its data size in heap
 * and no more): treat returned arrays as read-only. Thread-safe.
 */
public final class FcsDataset {
  private final int index;
  private final long offset;
  private final String version;
  private final int eventCount;
  private final List<FcsChannel> channels;
  private final FcsKeywords keywords;
  private final FcsKeywords supplementalText;
  private final SpilloverMatrix spillover;
  private final byte[] analysis;
  private final EmptyValueMode textReading;
  private final List<String> notices;
  private final EventSource events;
  private Object[] columns;

  /** Where a dataset's events come from until they are decoded. */
  interface EventSource {
    Object[] decode();
  }

  FcsDataset(int index, long offset, String version, int eventCount, List<FcsChannel> channels,
      FcsKeywords keywords, FcsKeywords supplementalText, SpilloverMatrix spillover,
      byte[] analysis, EmptyValueMode textReading, List<String> notices, EventSource events) {
    this.index = index;
    this.offset = offset;
    this.version = version;
    this.eventCount = eventCount;
    this.channels = List.copyOf(channels);
    this.keywords = keywords;
    this.supplementalText = supplementalText;
    this.spillover = spillover;
    this.analysis = analysis;
    this.textReading = textReading;
    this.notices = List.copyOf(notices);
    this.events = events;
  }

  /** 0-based position in the {@code $NEXTDATA} chain. */
  public int index() {
    return index;
  }

  /** Absolute byte offset of this dataset's HEADER in the file. */
  public long offset() {
    return offset;
  }

  /** FCS version from the HEADER, e.g. "3.1". */
  public String version() {
    return version;
  }

  /** Number of events ({@code $TOT}). */
  public int eventCount() {
    return eventCount;
  }

  /** Number of parameters ({@code $PAR}). */
  public int parameterCount() {
    return channels.size();
  }

  /** The parameters in file order; channel i is column i. */
  public List<FcsChannel> channels() {
    return channels;
  }

  /** Index of the first channel whose {@code $PnN} equals {@code name}, or -1. */
  public int channelIndex(String name) {
    for (int i = 0; i < channels.size(); i++) {
      if (channels.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Primary TEXT keywords, keys verbatim, in file order. */
  public FcsKeywords keywords() {
    return keywords;
  }

  /** Supplemental TEXT keywords ({@code $BEGINSTEXT..$ENDSTEXT}); empty when there is none. */
  public FcsKeywords supplementalText() {
    return supplementalText;
  }

  /**
   * The compensation matrix from {@code $SPILLOVER}, {@code SPILL}, {@code $COMP} or Beckman's
   * {@code $DFCiTOj}, in that order of preference.
   */
  public Optional<SpilloverMatrix> spillover() {
    return Optional.ofNullable(spillover);
  }

  /** The ANALYSIS segment bytes (a copy); empty when there is none. */
  public byte[] analysis() {
    return analysis.clone();
  }

  /** How doubled delimiters in TEXT were read: {@code SPEC} or {@code EMPTY}. */
  public EmptyValueMode textReading() {
    return textReading;
  }

  /** What the reader tolerated or decided (offset choice, empty-value reading, ...). */
  public List<String> notices() {
    return notices;
  }

  /** Whether column i is stored in single precision (float data, integers up to 24 bits). */
  public boolean storesFloat(int channel) {
    return columns()[channel] instanceof float[];
  }

  /**
   * Values of channel i (0-based) as float. Float-stored columns are returned as is (see the class
   * note); double-stored ones are rounded into a new array.
   */
  public float[] floatColumn(int channel) {
    Object column = columns()[channel];
    if (column instanceof float[] f) {
      return f;
    }
    double[] d = (double[]) column;
    float[] f = new float[d.length];
    for (int e = 0; e < d.length; e++) {
      f[e] = (float) d[e];
    }
    return f;
  }

  /**
   * Values of channel i (0-based) as double: exact for every float, double and integer up to 53
   * bits. Double-stored columns are returned as is (see the class note).
   */
  public double[] doubleColumn(int channel) {
    Object column = columns()[channel];
    if (column instanceof double[] d) {
      return d;
    }
    float[] f = (float[]) column;
    double[] d = new double[f.length];
    for (int e = 0; e < f.length; e++) {
      d[e] = f[e];
    }
    return d;
  }

  /** Sum, minimum and maximum of channel i (0-based), NaN ignored. */
  public ColumnSummary summary(int channel) {
    Object column = columns()[channel];
    return column instanceof float[] f ? ColumnSummary.of(f) : ColumnSummary.of((double[]) column);
  }

  /** Decodes every column now (a no-op once decoded); returns this dataset. */
  public FcsDataset decodeAll() {
    columns();
    return this;
  }

  private synchronized Object[] columns() {
    if (columns == null) {
      columns = events.decode();
    }
    return columns;
  }

  @Override
  public String toString() {
    return "FCS" + version + " dataset " + index + ": " + eventCount + " events x "
        + channels.size() + " parameters";
  }
}
