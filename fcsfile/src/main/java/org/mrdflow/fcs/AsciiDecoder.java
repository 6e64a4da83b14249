package org.mrdflow.fcs;

import java.nio.ByteBuffer;

/**
 * {@code $DATATYPE A} (FCS 3.1 section 3.3.14, deprecated but valid): decimal numbers as ASCII,
 * either fixed width ({@code $PnB} characters each) or, when every {@code $PnB} is {@code *},
 * separated by blanks, tabs, commas or line breaks. Values go to {@code double[]} columns.
 */
final class AsciiDecoder {
  private AsciiDecoder() {}

  static Object[] decodeFixed(ByteBuffer data, int[] widths, int events, String source,
      int dataset, long dataOffset) throws FcsDataSizeException {
    int n = widths.length;
    Object[] columns = new Object[n];
    double[][] cols = new double[n][];
    for (int c = 0; c < n; c++) {
      cols[c] = new double[events];
      columns[c] = cols[c];
    }
    int at = 0;
    for (int e = 0; e < events; e++) {
      for (int c = 0; c < n; c++) {
        cols[c][e] = parse(data, at, at + widths[c], source, dataset, dataOffset);
        at += widths[c];
      }
    }
    return columns;
  }

  /**
   * @param events {@code $TOT}, or -1 to take as many whole events as the segment holds
   */
  static Object[] decodeDelimited(ByteBuffer data, int parameters, long events, String source,
      int dataset, long dataOffset) throws FcsDataSizeException {
    int length = data.remaining();
    long values = 0;
    int i = 0;
    while (i < length) {
      while (i < length && isSeparator(data.get(i))) {
        i++;
      }
      if (i < length) {
        values++;
        while (i < length && !isSeparator(data.get(i))) {
          i++;
        }
      }
    }
    long tot = events < 0 ? values / parameters : events;
    if (events >= 0 && (tot > values || tot * parameters != values)) {
      throw new FcsDataSizeException(source, dataset, dataOffset,
          "delimited ASCII DATA holds " + values + " values but $TOT x $PAR = " + tot + " x "
              + parameters);
    }
    double[][] cols = new double[parameters][(int) tot];
    i = 0;
    for (long v = 0; v < tot * parameters; v++) {
      while (isSeparator(data.get(i))) {
        i++;
      }
      int start = i;
      while (i < length && !isSeparator(data.get(i))) {
        i++;
      }
      cols[(int) (v % parameters)][(int) (v / parameters)] =
          parse(data, start, i, source, dataset, dataOffset);
    }
    Object[] columns = new Object[parameters];
    System.arraycopy(cols, 0, columns, 0, parameters);
    return columns;
  }

  private static boolean isSeparator(byte b) {
    return b == ' ' || b == '\t' || b == ',' || b == '\r' || b == '\n';
  }

  private static double parse(ByteBuffer data, int from, int to, String source, int dataset,
      long dataOffset) throws FcsDataSizeException {
    StringBuilder sb = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      sb.append((char) (data.get(i) & 0xff));
    }
    String s = sb.toString().strip();
    try {
      if (s.isEmpty() || !s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
        throw new NumberFormatException(s);
      }
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new FcsDataSizeException(source, dataset, dataOffset + from,
          "ASCII DATA value \"" + FcsHeader.printable(s) + "\" is not a decimal number");
    }
  }
}
