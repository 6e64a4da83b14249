package org.mrdflow.fcs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes a binary DATA segment (events one after another, parameters in order within an event)
 * into one primitive array per parameter: {@code float[]} where the values fit single precision
 * exactly (float data, integers of at most 24 bits), else {@code double[]}.
 *
 * <p>DATA is processed in blocks that fit the L1 cache: one bulk copy of a block from the (mapped)
 * buffer into a scratch array, then for each parameter a tight loop of its own kind (float32
 * little-endian, 16-bit integer, ...) that reads the scratch array with a stride and writes its
 * column sequentially. That keeps the one pass over DATA at memory speed for every layout.
 */
final class EventDecoder {
  private static final int BLOCK_BYTES = 32 * 1024;

  private static final VarHandle SHORT_LE = view(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT_BE = view(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_LE = view(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_BE = view(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_LE = view(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_BE = view(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle FLOAT_LE = view(float[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle FLOAT_BE = view(float[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle DOUBLE_LE = view(double[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle DOUBLE_BE = view(double[].class, ByteOrder.BIG_ENDIAN);

  private EventDecoder() {}

  private static VarHandle view(Class<?> arrayType, ByteOrder order) {
    return MethodHandles.byteArrayViewVarHandle(arrayType, order).withInvokeExactBehavior();
  }

  static Object[] decode(ByteBuffer data, DataLayout layout, int events) {
    int n = layout.parameterCount();
    Object[] columns = new Object[n];
    for (int i = 0; i < n; i++) {
      columns[i] = layout.storesFloat(i) ? new float[events] : new double[events];
    }
    int stride = layout.bytesPerEvent;
    int perBlock = Math.max(1, BLOCK_BYTES / stride);
    byte[] block = new byte[perBlock * stride];
    for (int first = 0; first < events; first += perBlock) {
      int count = Math.min(perBlock, events - first);
      data.get(first * stride, block, 0, count * stride);
      for (int c = 0; c < n; c++) {
        decodeParameter(block, count, first, layout, c, columns[c]);
      }
    }
    return columns;
  }

  private static void decodeParameter(byte[] b, int count, int first, DataLayout layout, int c,
      Object column) {
    int stride = layout.bytesPerEvent;
    int at = layout.offsets[c];
    int end = at + count * stride;
    boolean le = layout.littleEndian;
    boolean be = layout.bigEndian;
    FcsDataType type = layout.types[c];
    int width = layout.widths[c];
    if (column instanceof float[] col) {
      int e = first;
      if (type == FcsDataType.FLOAT && le) {
        for (int i = at; i < end; i += stride) {
          col[e++] = (float) FLOAT_LE.get(b, i);
        }
      } else if (type == FcsDataType.FLOAT && be) {
        for (int i = at; i < end; i += stride) {
          col[e++] = (float) FLOAT_BE.get(b, i);
        }
      } else if (type == FcsDataType.FLOAT) {
        for (int i = at; i < end; i += stride) {
          col[e++] = Float.intBitsToFloat((int) permuted(b, i, 4, layout.order));
        }
      } else {
        int mask = (int) layout.masks[c];
        if (width == 1) {
          for (int i = at; i < end; i += stride) {
            col[e++] = b[i] & mask;
          }
        } else if (width == 2 && le) {
          for (int i = at; i < end; i += stride) {
            col[e++] = (short) SHORT_LE.get(b, i) & mask;
          }
        } else if (width == 2 && be) {
          for (int i = at; i < end; i += stride) {
            col[e++] = (short) SHORT_BE.get(b, i) & mask;
          }
        } else if (width == 3 && le) {
          for (int i = at; i < end; i += stride) {
            col[e++] = ((b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16) & mask;
          }
        } else if (width == 3 && be) {
          for (int i = at; i < end; i += stride) {
            col[e++] = ((b[i] & 0xff) << 16 | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff)) & mask;
          }
        } else {
          // Integers of at most 24 significant bits stored in wider words (e.g. 18 in 32).
          for (int i = at; i < end; i += stride) {
            col[e++] = read(b, i, width, layout) & mask;
          }
        }
      }
    } else {
      double[] col = (double[]) column;
      int e = first;
      if (type == FcsDataType.DOUBLE && le) {
        for (int i = at; i < end; i += stride) {
          col[e++] = (double) DOUBLE_LE.get(b, i);
        }
      } else if (type == FcsDataType.DOUBLE && be) {
        for (int i = at; i < end; i += stride) {
          col[e++] = (double) DOUBLE_BE.get(b, i);
        }
      } else if (type == FcsDataType.DOUBLE) {
        for (int i = at; i < end; i += stride) {
          col[e++] = Double.longBitsToDouble(permuted(b, i, 8, layout.order));
        }
      } else {
        long mask = layout.masks[c];
        if (width == 4 && le) {
          for (int i = at; i < end; i += stride) {
            col[e++] = ((int) INT_LE.get(b, i) & 0xffffffffL) & mask;
          }
        } else if (width == 4 && be) {
          for (int i = at; i < end; i += stride) {
            col[e++] = ((int) INT_BE.get(b, i) & 0xffffffffL) & mask;
          }
        } else {
          for (int i = at; i < end; i += stride) {
            col[e++] = unsignedToDouble(read(b, i, width, layout) & mask);
          }
        }
      }
    }
  }

  /** An unsigned integer of {@code width} bytes at {@code i}, honouring {@code $BYTEORD}. */
  private static long read(byte[] b, int i, int width, DataLayout layout) {
    if (width == 8) {
      return layout.littleEndian ? (long) LONG_LE.get(b, i)
          : layout.bigEndian ? (long) LONG_BE.get(b, i) : permuted(b, i, 8, layout.order);
    }
    if (!layout.littleEndian && !layout.bigEndian) {
      return permuted(b, i, width, layout.order);
    }
    long v = 0;
    for (int k = 0; k < width; k++) {
      int significance = layout.littleEndian ? k : width - 1 - k;
      v |= (b[i + k] & 0xffL) << (8 * significance);
    }
    return v;
  }

  /** Byte k of the value has significance {@code order[k]} (0 = least significant). */
  private static long permuted(byte[] b, int i, int width, int[] order) {
    long v = 0;
    for (int k = 0; k < width; k++) {
      v |= (b[i + k] & 0xffL) << (8 * order[k]);
    }
    return v;
  }

  private static double unsignedToDouble(long v) {
    return v >= 0 ? v : ((double) (v >>> 1)) * 2.0 + (v & 1);
  }
}
