package org.mrdflow.fcs;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes a binary DATA segment (events one after another, parameters in order within an event)
 * into one primitive array per parameter: {@code float[]} where the values fit single precision
 * exactly (float data, integers of at most 24 bits), else {@code double[]}.
 *
 * <p>DATA is processed in blocks that fit the L1 cache: one bulk copy of a block from the file
 * (a positional read, which costs no more than a plain read) or buffer into a scratch array, then for each parameter a tight loop of its own kind (float32
 * little-endian, 16-bit integer, ...) that reads the scratch array with a stride and writes its
 * column sequentially. That keeps the one pass over DATA at memory speed for every layout.
 */
final class EventDecoder {
  /** Bytes decoded per pass over the parameters: fits the L1 data cache. */
  private static final int BLOCK_BYTES = 32 * 1024;
  /** Bytes fetched per read from the file: few system calls, still cache-friendly. */
  private static final int CHUNK_BYTES = 1024 * 1024;

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

  /** Where DATA bytes come from: a buffer, or positional reads from the file. */
  @FunctionalInterface
  interface DataBytes {
    /** Fills {@code into} (position 0 to its limit) from {@code position} bytes into DATA. */
    void copy(long position, ByteBuffer into) throws IOException;

    static DataBytes of(ByteBuffer data) {
      return (position, into) -> into.put(0, data, (int) position, into.limit());
    }
  }

  static Object[] decode(DataBytes data, DataLayout layout, int events) throws IOException {
    int n = layout.parameterCount();
    Object[] columns = new Object[n];
    for (int i = 0; i < n; i++) {
      columns[i] = layout.storesFloat(i) ? new float[events] : new double[events];
    }
    int stride = layout.bytesPerEvent;
    int perBlock = Math.max(1, BLOCK_BYTES / stride);
    int perChunk = Math.min(perBlock * Math.max(1, CHUNK_BYTES / (perBlock * stride)),
        Math.max(1, events));
    ByteBuffer chunk = ByteBuffer.allocateDirect(perChunk * stride)
        .order(layout.bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    byte[] block = new byte[perBlock * stride];
    Uniform uniform = Uniform.of(layout);
    Object values = uniform == null ? null : uniform.scratch(perBlock * n);
    for (int chunkFirst = 0; chunkFirst < events; chunkFirst += perChunk) {
      int chunkCount = Math.min(perChunk, events - chunkFirst);
      chunk.clear().limit(chunkCount * stride);
      data.copy((long) chunkFirst * stride, chunk);
      chunk.rewind();
      for (int first = chunkFirst; first < chunkFirst + chunkCount; first += perBlock) {
        int count = Math.min(perBlock, chunkFirst + chunkCount - first);
        int at = (first - chunkFirst) * stride;
        if (uniform != null) {
          uniform.decode(chunk, at, values, count, first, layout, columns);
        } else {
          chunk.get(at, block, 0, count * stride);
          for (int c = 0; c < n; c++) {
            decodeParameter(block, count, first, layout, c, columns[c]);
          }
        }
      }
    }
    return columns;
  }

  /**
   * Layouts where every parameter has the same type and width in plain little- or big-endian
   * order (nearly all real files): a block is bulk-converted through a typed buffer view (a
   * memory copy, byte-swapped if needed) and then transposed from a primitive array, which the JIT
   * compiles to the tightest loops.
   */
  private enum Uniform {
    FLOAT32,
    INT16,
    INT32;

    static Uniform of(DataLayout layout) {
      if (!layout.littleEndian && !layout.bigEndian) {
        return null;
      }
      FcsDataType type = layout.types[0];
      int width = layout.widths[0];
      for (int i = 1; i < layout.parameterCount(); i++) {
        if (layout.types[i] != type || layout.widths[i] != width) {
          return null;
        }
      }
      if (type == FcsDataType.FLOAT) {
        return FLOAT32;
      }
      if (type == FcsDataType.INTEGER && width == 2) {
        return INT16;
      }
      return type == FcsDataType.INTEGER && width == 4 ? INT32 : null;
    }

    Object scratch(int length) {
      return switch (this) {
        case FLOAT32 -> new float[length];
        case INT16 -> new short[length];
        case INT32 -> new int[length];
      };
    }

    /** Decodes {@code count} events starting at byte {@code at} of {@code chunk}. */
    void decode(ByteBuffer chunk, int at, Object scratch, int count, int first,
        DataLayout layout, Object[] columns) {
      int n = columns.length;
      int values = count * n;
      int index = at / (layout.widths[0]);
      switch (this) {
        case FLOAT32 -> {
          float[] v = (float[]) scratch;
          chunk.asFloatBuffer().get(index, v, 0, values);
          for (int c = 0; c < n; c++) {
            float[] col = (float[]) columns[c];
            for (int e = 0, i = c; e < count; e++, i += n) {
              col[first + e] = v[i];
            }
          }
        }
        case INT16 -> {
          short[] v = (short[]) scratch;
          chunk.asShortBuffer().get(index, v, 0, values);
          for (int c = 0; c < n; c++) {
            float[] col = (float[]) columns[c];
            int mask = (int) layout.masks[c];
            for (int e = 0, i = c; e < count; e++, i += n) {
              col[first + e] = v[i] & mask;
            }
          }
        }
        case INT32 -> {
          int[] v = (int[]) scratch;
          chunk.asIntBuffer().get(index, v, 0, values);
          for (int c = 0; c < n; c++) {
            long mask = layout.masks[c] & 0xffffffffL;
            if (columns[c] instanceof float[] col) {
              for (int e = 0, i = c; e < count; e++, i += n) {
                col[first + e] = v[i] & mask;
              }
            } else {
              double[] col = (double[]) columns[c];
              for (int e = 0, i = c; e < count; e++, i += n) {
                col[first + e] = v[i] & mask;
              }
            }
          }
        }
      }
    }
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
