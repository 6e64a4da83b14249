package org.mrdflow.gating.events;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The set of events in a population, one bit per event packed into {@code long} words (bit
 * {@code i % 64} of word {@code i / 64}). Gates write whole words at a time, so membership of a
 * million events costs 16 K words and no per-event allocation. Bits at or beyond {@link #size()}
 * are always zero.
 */
public final class EventMask {
  private final long[] words;
  private final int size;

  private EventMask(long[] words, int size) {
    this.words = words;
    this.size = size;
  }

  /** A mask of {@code size} events, none of them set. */
  public static EventMask none(int size) {
    return new EventMask(new long[wordCount(size)], size);
  }

  /** A mask of {@code size} events, all of them set. */
  public static EventMask all(int size) {
    EventMask mask = none(size);
    Arrays.fill(mask.words, -1L);
    mask.clearTail();
    return mask;
  }

  /** Wraps words produced by a gate kernel; bits beyond {@code size} are cleared. */
  public static EventMask ofWords(long[] words, int size) {
    if (words.length != wordCount(size)) {
      throw new IllegalArgumentException(
          words.length + " words cannot hold exactly " + size + " events");
    }
    EventMask mask = new EventMask(words, size);
    mask.clearTail();
    return mask;
  }

  public static int wordCount(int size) {
    return (size + 63) >>> 6;
  }

  public int size() {
    return size;
  }

  public boolean get(int event) {
    return (words[event >>> 6] & (1L << event)) != 0;
  }

  public void set(int event) {
    words[event >>> 6] |= 1L << event;
  }

  /** Number of 64-event words. */
  public int wordCount() {
    return words.length;
  }

  /** Word {@code w}: bit j is event {@code 64 w + j}. */
  public long word(int w) {
    return words[w];
  }

  /** Number of events in the mask. */
  public int cardinality() {
    int count = 0;
    for (long word : words) {
      count += Long.bitCount(word);
    }
    return count;
  }

  /** Index of the first set event at or after {@code from}, or -1. */
  public int nextSetBit(int from) {
    if (from >= size) {
      return -1;
    }
    int w = from >>> 6;
    long word = words[w] & (-1L << from);
    while (true) {
      if (word != 0) {
        return (w << 6) + Long.numberOfTrailingZeros(word);
      }
      if (++w == words.length) {
        return -1;
      }
      word = words[w];
    }
  }

  /** Event indices of the set bits, ascending. */
  public int[] indices() {
    int[] indices = new int[cardinality()];
    int n = 0;
    for (int w = 0; w < words.length; w++) {
      long word = words[w];
      while (word != 0) {
        indices[n++] = (w << 6) + Long.numberOfTrailingZeros(word);
        word &= word - 1;
      }
    }
    return indices;
  }

  public EventMask and(EventMask other) {
    checkSize(other);
    long[] out = new long[words.length];
    for (int w = 0; w < out.length; w++) {
      out[w] = words[w] & other.words[w];
    }
    return new EventMask(out, size);
  }

  public EventMask or(EventMask other) {
    checkSize(other);
    long[] out = new long[words.length];
    for (int w = 0; w < out.length; w++) {
      out[w] = words[w] | other.words[w];
    }
    return new EventMask(out, size);
  }

  public EventMask andNot(EventMask other) {
    checkSize(other);
    long[] out = new long[words.length];
    for (int w = 0; w < out.length; w++) {
      out[w] = words[w] & ~other.words[w];
    }
    return new EventMask(out, size);
  }

  public EventMask not() {
    long[] out = new long[words.length];
    for (int w = 0; w < out.length; w++) {
      out[w] = ~words[w];
    }
    EventMask mask = new EventMask(out, size);
    mask.clearTail();
    return mask;
  }

  /** An independent copy. */
  public EventMask copy() {
    return new EventMask(words.clone(), size);
  }

  /** In-place intersection, for kernels that combine a fresh mask with its parent. */
  public void retainAll(EventMask other) {
    checkSize(other);
    for (int w = 0; w < words.length; w++) {
      words[w] &= other.words[w];
    }
  }

  public BitSet toBitSet() {
    return BitSet.valueOf(words);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventMask other && other.size == size && Arrays.equals(other.words, words);
  }

  @Override
  public int hashCode() {
    return 31 * size + Arrays.hashCode(words);
  }

  @Override
  public String toString() {
    return "EventMask[" + cardinality() + " of " + size + "]";
  }

  private void clearTail() {
    int rest = size & 63;
    if (rest != 0) {
      words[words.length - 1] &= (1L << rest) - 1;
    }
  }

  private void checkSize(EventMask other) {
    if (other.size != size) {
      throw new IllegalArgumentException(
          "masks of different sizes: " + size + " and " + other.size);
    }
  }
}
