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
 * <p>DATA arrives in chunks of about 1 MiB (one positional read from the file each, or a copy
 * from an in-memory buffer) and is decoded in blocks of 32 KiB that stay in the L1 cache. Uniform
 * layouts (every parameter float32, int16 or int32; see {@link Uniform}) are bulk-converted and
 * transposed a few columns per pass; any other layout gets one tight loop per parameter kind over
 * {@link VarHandle} byte-array views. Every column is written sequentially, and DATA is read once.
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
    Scratch scratch = uniform == null ? null : new Scratch(uniform, perBlock * n, layout);
    for (int chunkFirst = 0; chunkFirst < events; chunkFirst += perChunk) {
      int chunkCount = Math.min(perChunk, events - chunkFirst);
      chunk.clear().limit(chunkCount * stride);
      data.copy((long) chunkFirst * stride, chunk);
      chunk.rewind();
      for (int first = chunkFirst; first < chunkFirst + chunkCount; first += perBlock) {
        int count = Math.min(perBlock, chunkFirst + chunkCount - first);
        int at = (first - chunkFirst) * stride;
        if (uniform != null) {
          uniform.decode(chunk, at, scratch, count, first, layout, columns);
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
      if (type != FcsDataType.INTEGER) {
        return null;
      }
      return width == 2 ? INT16 : width == 4 ? INT32 : null;
    }

    /** Decodes {@code count} events starting at byte {@code at} of {@code chunk}. */
    void decode(ByteBuffer chunk, int at, Scratch s, int count, int first, DataLayout layout,
        Object[] columns) {
      int values = count * columns.length;
      switch (this) {
        case FLOAT32 -> {
          chunk.asFloatBuffer().get(at / 4, s.floats, 0, values);
          transposeFloats(s.floats, columns.length, count, first, columns);
        }
        case INT16 -> {
          chunk.asShortBuffer().get(at / 2, s.shorts, 0, values);
          widen(s.shorts, s.ints, values);
          transposeInts(s.ints, s.masks, columns.length, count, first, columns);
        }
        case INT32 -> {
          chunk.asIntBuffer().get(at / 4, s.ints, 0, values);
          transposeUnsigned32(s.ints, layout.masks, count, first, columns);
        }
      }
    }
  }

  private static void widen(short[] from, int[] to, int values) {
    for (int i = 0; i < values; i++) {
      to[i] = from[i];
    }
  }

  /** Event-major 32-bit integers to columns, unsigned and masked. */
  private static void transposeUnsigned32(int[] v, long[] masks, int count, int first,
      Object[] columns) {
    int n = columns.length;
    for (int c = 0; c < n; c++) {
      long mask = masks[c] & 0xffffffffL;
      if (columns[c] instanceof float[] col) {
        for (int e = first, i = c; e < first + count; e++, i += n) {
          col[e] = v[i] & mask;
        }
      } else {
        double[] col = (double[]) columns[c];
        for (int e = first, i = c; e < first + count; e++, i += n) {
          col[e] = v[i] & mask;
        }
      }
    }
  }

  /** Per-decode work arrays for one block, sized for its values. */
  private static final class Scratch {
    final float[] floats;
    final short[] shorts;
    final int[] ints;
    /** Integer masks as int, for integers of at most 24 bits (the float-stored ones). */
    final int[] masks;

    Scratch(Uniform kind, int values, DataLayout layout) {
      floats = kind == Uniform.FLOAT32 ? new float[values] : null;
      shorts = kind == Uniform.INT16 ? new short[values] : null;
      ints = kind == Uniform.FLOAT32 ? null : new int[values];
      masks = new int[layout.parameterCount()];
      for (int c = 0; c < masks.length; c++) {
        masks[c] = (int) layout.masks[c];
      }
    }
  }

  /** Event-major integers of at most 24 bits to float columns, masked per column. */
  private static void transposeInts(int[] v, int[] masks, int n, int count, int first,
      Object[] columns) {
    int c = 0;
    for (; c + 3 < n; c += 4) {
      float[] c0 = (float[]) columns[c];
      float[] c1 = (float[]) columns[c + 1];
      float[] c2 = (float[]) columns[c + 2];
      float[] c3 = (float[]) columns[c + 3];
      int m0 = masks[c];
      int m1 = masks[c + 1];
      int m2 = masks[c + 2];
      int m3 = masks[c + 3];
      for (int e = first, i = c; e < first + count; e++, i += n) {
        c0[e] = v[i] & m0;
        c1[e] = v[i + 1] & m1;
        c2[e] = v[i + 2] & m2;
        c3[e] = v[i + 3] & m3;
      }
    }
    for (; c < n; c++) {
      float[] col = (float[]) columns[c];
      int m = masks[c];
      for (int e = first, i = c; e < first + count; e++, i += n) {
        col[e] = v[i] & m;
      }
    }
  }

  /**
   * Event-major floats to columns. Four columns per pass over the block: each loaded cache line of
   * {@code v} serves four stores, about a third faster than one column per pass.
   */
  private static void transposeFloats(float[] v, int n, int count, int first, Object[] columns) {
    int c = 0;
    for (; c + 3 < n; c += 4) {
      float[] c0 = (float[]) columns[c];
      float[] c1 = (float[]) columns[c + 1];
      float[] c2 = (float[]) columns[c + 2];
      float[] c3 = (float[]) columns[c + 3];
      for (int e = first, i = c; e < first + count; e++, i += n) {
        c0[e] = v[i];
        c1[e] = v[i + 1];
        c2[e] = v[i + 2];
        c3[e] = v[i + 3];
      }
    }
    for (; c < n; c++) {
      float[] col = (float[]) columns[c];
      for (int e = first, i = c; e < first + count; e++, i += n) {
        col[e] = v[i];
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
