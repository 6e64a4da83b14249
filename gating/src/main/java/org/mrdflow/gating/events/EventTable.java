package org.mrdflow.gating.events;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.mrdflow.gating.GatingException;

/**
 * Events stored column-major: one {@code float[]} per channel, all of the same length. Gating is
 * O(events x gates) with tiny constants, so columns are scanned in tight loops and never turned
 * into per-event objects. Columns are shared, not copied, between derived tables (e.g. a
 * compensated table shares its scatter columns with the raw one): treat them as read-only.
 */
public final class EventTable {
  private final List<Channel> channels;
  private final float[][] columns;
  private final int eventCount;

  /**
   * @param channels one per column, in column order
   * @param columns the event values; every column must have the same length
   */
  public EventTable(List<Channel> channels, float[][] columns) {
    Objects.requireNonNull(channels, "channels");
    Objects.requireNonNull(columns, "columns");
    if (channels.size() != columns.length) {
      throw new GatingException(
          "event table has " + channels.size() + " channels but " + columns.length + " columns");
    }
    this.channels = List.copyOf(channels);
    this.columns = columns.clone();
    this.eventCount = columns.length == 0 ? 0 : columns[0].length;
    for (int c = 0; c < columns.length; c++) {
      if (columns[c].length != eventCount) {
        throw new GatingException(
            "column " + channels.get(c).name() + " has " + columns[c].length
                + " events, expected " + eventCount);
      }
    }
  }

  public int eventCount() {
    return eventCount;
  }

  public int channelCount() {
    return columns.length;
  }

  public List<Channel> channels() {
    return channels;
  }

  public Channel channel(int index) {
    return channels.get(index);
  }

  /** The values of column {@code index}; shared with the table, do not modify. */
  public float[] column(int index) {
    return columns[index];
  }

  /** Index of the first channel whose {@code $PnN} equals {@code name}, or -1. */
  public int indexOf(String name) {
    for (int c = 0; c < channels.size(); c++) {
      if (channels.get(c).name().equals(name)) {
        return c;
      }
    }
    return -1;
  }

  /** The column named {@code name}; a {@link GatingException} listing the channels if absent. */
  public float[] column(String name) {
    int index = indexOf(name);
    if (index < 0) {
      throw new GatingException(
          "no channel named '" + name + "'; the data has " + channelNames());
    }
    return columns[index];
  }

  public List<String> channelNames() {
    List<String> names = new ArrayList<>(channels.size());
    for (Channel channel : channels) {
      names.add(channel.name());
    }
    return names;
  }

  /**
   * A table with the same channels where the columns at {@code indices} are replaced by
   * {@code replacements}; all other columns are shared.
   */
  public EventTable withReplacedColumns(int[] indices, float[][] replacements) {
    float[][] copy = columns.clone();
    for (int i = 0; i < indices.length; i++) {
      copy[indices[i]] = replacements[i];
    }
    return new EventTable(channels, copy);
  }

  /** A table with {@code extra} columns appended after the existing ones (shared). */
  public EventTable withAddedColumns(List<Channel> extra, float[][] extraColumns) {
    List<Channel> allChannels = new ArrayList<>(channels);
    allChannels.addAll(extra);
    float[][] all = Arrays.copyOf(columns, columns.length + extraColumns.length);
    System.arraycopy(extraColumns, 0, all, columns.length, extraColumns.length);
    return new EventTable(allChannels, all);
  }
}
