package org.mrdflow.fcs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes a binary DATA segment (events one after another, parameters in order within an event)
 * into one primitive array per parameter: {@code float[]} where the values fit single precision
 * exactly (float data, integers of at most 24 bits), else {@code double[]}. Uniform layouts (every
 * parameter float32, or every one a 16-bit integer, ...) get their own tight loop; mixed layouts go
 * through a per-value switch.
 */
final class EventDecoder {
  private EventDecoder() {}

  static Object[] decode(ByteBuffer data, DataLayout layout, int events) {
    int n = layout.parameterCount();
    Object[] columns = new Object[n];
    for (int i = 0; i < n; i++) {
      columns[i] = layout.storesFloat(i) ? new float[events] : new double[events];
    }
    ByteBuffer buf = data.duplicate().order(layout.bigEndian ? ByteOrder.BIG_ENDIAN
        : ByteOrder.LITTLE_ENDIAN);
    int kind = uniformKind(layout);
    if (kind == FLOAT32) {
      decodeFloat32(buf, floats(columns), events);
    } else if (kind == UINT16) {
      decodeUint16(buf, floats(columns), layout.masks, events);
    } else if (kind == UINT8) {
      decodeUint8(buf, floats(columns), layout.masks, events);
    } else {
      decodeMixed(buf, layout, columns, events);
    }
    return columns;
  }

  private static final int MIXED = -1;
  private static final int FLOAT32 = 0;
  private static final int UINT16 = 1;
  private static final int UINT8 = 2;

  private static int uniformKind(DataLayout layout) {
    if (!layout.littleEndian && !layout.bigEndian) {
      return MIXED;
    }
    boolean allFloat = true;
    boolean allU16 = true;
    boolean allU8 = true;
    for (int i = 0; i < layout.parameterCount(); i++) {
      allFloat &= layout.types[i] == FcsDataType.FLOAT;
      allU16 &= layout.types[i] == FcsDataType.INTEGER && layout.widths[i] == 2;
      allU8 &= layout.types[i] == FcsDataType.INTEGER && layout.widths[i] == 1;
    }
    return allFloat ? FLOAT32 : allU16 ? UINT16 : allU8 ? UINT8 : MIXED;
  }

  private static float[][] floats(Object[] columns) {
    float[][] f = new float[columns.length][];
    for (int i = 0; i < columns.length; i++) {
      f[i] = (float[]) columns[i];
    }
    return f;
  }

  private static void decodeFloat32(ByteBuffer buf, float[][] cols, int events) {
    int n = cols.length;
    int at = 0;
    for (int e = 0; e < events; e++) {
      for (int c = 0; c < n; c++) {
        cols[c][e] = buf.getFloat(at);
        at += 4;
      }
    }
  }

  private static void decodeUint16(ByteBuffer buf, float[][] cols, long[] masks, int events) {
    int n = cols.length;
    int[] mask = new int[n];
    for (int c = 0; c < n; c++) {
      mask[c] = (int) masks[c];
    }
    int at = 0;
    for (int e = 0; e < events; e++) {
      for (int c = 0; c < n; c++) {
        cols[c][e] = buf.getShort(at) & mask[c];
        at += 2;
      }
    }
  }

  private static void decodeUint8(ByteBuffer buf, float[][] cols, long[] masks, int events) {
    int n = cols.length;
    int at = 0;
    for (int e = 0; e < events; e++) {
      for (int c = 0; c < n; c++) {
        cols[c][e] = buf.get(at) & (int) masks[c];
        at++;
      }
    }
  }

  private static void decodeMixed(ByteBuffer buf, DataLayout layout, Object[] columns,
      int events) {
    int n = layout.parameterCount();
    boolean plain = layout.littleEndian || layout.bigEndian;
    int stride = layout.bytesPerEvent;
    for (int c = 0; c < n; c++) {
      int width = layout.widths[c];
      long mask = layout.masks[c];
      int at = layout.offsets[c];
      FcsDataType type = layout.types[c];
      if (columns[c] instanceof float[] col) {
        for (int e = 0; e < events; e++, at += stride) {
          col[e] = type == FcsDataType.FLOAT
              ? Float.intBitsToFloat((int) readBits(buf, at, 4, layout, plain))
              : readBits(buf, at, width, layout, plain) & mask;
        }
      } else {
        double[] col = (double[]) columns[c];
        for (int e = 0; e < events; e++, at += stride) {
          long bits = readBits(buf, at, width, layout, plain);
          col[e] = type == FcsDataType.DOUBLE ? Double.longBitsToDouble(bits)
              : unsignedToDouble(bits & mask);
        }
      }
    }
  }

  /** The {@code width} bytes at {@code at} as an unsigned value, honouring {@code $BYTEORD}. */
  private static long readBits(ByteBuffer buf, int at, int width, DataLayout layout,
      boolean plain) {
    if (plain) {
      switch (width) {
        case 2:
          return buf.getShort(at) & 0xffffL;
        case 4:
          return buf.getInt(at) & 0xffffffffL;
        case 8:
          return buf.getLong(at);
        default:
          long v = 0;
          for (int k = 0; k < width; k++) {
            int significance = layout.littleEndian ? k : width - 1 - k;
            v |= (buf.get(at + k) & 0xffL) << (8 * significance);
          }
          return v;
      }
    }
    long v = 0;
    for (int k = 0; k < width; k++) {
      v |= (buf.get(at + k) & 0xffL) << (8 * layout.order[k]);
    }
    return v;
  }

  private static double unsignedToDouble(long v) {
    return v >= 0 ? v : ((double) (v >>> 1)) * 2.0 + (v & 1);
  }
}
