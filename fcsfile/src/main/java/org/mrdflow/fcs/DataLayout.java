package org.mrdflow.fcs;

/**
 * Byte layout of one event in a binary DATA segment: per parameter its type, stored width in
 * bytes and integer bit mask, and how the bytes of a value are ordered ({@code $BYTEORD}).
 * Integer widths that are not byte multiples (e.g. 10 bits) occupy the next whole number of bytes,
 * as instruments write them (10-in-16); the mask then removes the unused high bits.
 */
final class DataLayout {
  final FcsDataType[] types;
  /** Stored bytes per value. */
  final int[] widths;
  /** Bit mask per integer parameter (FCS 3.1 section 3.3.28: next power of two &ge; $PnR, minus 1). */
  final long[] masks;
  /** Byte offset of each parameter inside an event. */
  final int[] offsets;
  final int bytesPerEvent;
  /**
   * {@code $BYTEORD} as significances: byte k of a value stored in the file has significance
   * {@code order[k]} (0 = least significant byte). Length 1 for single-byte data.
   */
  final int[] order;
  final boolean littleEndian;
  final boolean bigEndian;

  DataLayout(FcsDataType[] types, int[] widths, long[] masks, int[] order) {
    this.types = types;
    this.widths = widths;
    this.masks = masks;
    this.order = order;
    this.offsets = new int[widths.length];
    int at = 0;
    for (int i = 0; i < widths.length; i++) {
      offsets[i] = at;
      at += widths[i];
    }
    this.bytesPerEvent = at;
    boolean le = true;
    boolean be = true;
    for (int k = 0; k < order.length; k++) {
      le &= order[k] == k;
      be &= order[k] == order.length - 1 - k;
    }
    this.littleEndian = le;
    this.bigEndian = be && !le;
  }

  int parameterCount() {
    return types.length;
  }

  /**
   * Whether values of {@code width} bytes can be decoded with {@code $BYTEORD} {@code order}: a
   * little- or big-endian order applies to any width, another permutation only to its own length.
   */
  static boolean orderFits(int[] order, int width) {
    boolean le = true;
    boolean be = true;
    for (int k = 0; k < order.length; k++) {
      le &= order[k] == k;
      be &= order[k] == order.length - 1 - k;
    }
    return le || be || width == order.length;
  }

  /** Values of parameter i are exactly representable as float (single precision). */
  boolean storesFloat(int i) {
    return types[i] == FcsDataType.FLOAT
        || types[i] == FcsDataType.INTEGER && Long.numberOfTrailingZeros(~masks[i]) <= 24;
  }
}
