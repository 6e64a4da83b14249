package org.mrdflow.fcs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One file per {@link FcsWriter} configuration (every version, both byte orders, spillover,
 * keywords, no events, and DATA beyond byte 99,999,999), the same bytes on every run: what the reference
 * readers were run on ({@code WriterInteropTest}, fcsfile README "Readers checked"). Writes them
 * into a folder when run, from the repository root after {@code mvn -pl fcsfile test-compile}:
 *
 * <pre>
 * java -cp fcsfile/target/classes:fcsfile/target/test-classes org.mrdflow.fcs.InteropFiles DIR
 * </pre>
 */
public final class InteropFiles {
  /** Events of the big configuration: 4 x 4 bytes x 6.3M puts DATA's end past 99,999,999. */
  static final int BIG_EVENTS = 6_300_000;
  private static final int EVENTS = 1_000;

  /** A writer configuration and the file name it is checked under. */
  record Config(String fileName, FcsWriter.Version version, ByteOrder order, int events) {}

  static final List<Config> CONFIGS = List.of(
      new Config("fcs30-le.fcs", FcsWriter.Version.FCS_3_0, ByteOrder.LITTLE_ENDIAN, EVENTS),
      new Config("fcs30-be.fcs", FcsWriter.Version.FCS_3_0, ByteOrder.BIG_ENDIAN, EVENTS),
      new Config("fcs31-le.fcs", FcsWriter.Version.FCS_3_1, ByteOrder.LITTLE_ENDIAN, EVENTS),
      new Config("fcs31-be.fcs", FcsWriter.Version.FCS_3_1, ByteOrder.BIG_ENDIAN, EVENTS),
      new Config("fcs32-le.fcs", FcsWriter.Version.FCS_3_2, ByteOrder.LITTLE_ENDIAN, EVENTS),
      new Config("fcs32-be.fcs", FcsWriter.Version.FCS_3_2, ByteOrder.BIG_ENDIAN, EVENTS),
      new Config("fcs31-le-no-events.fcs", FcsWriter.Version.FCS_3_1,
          ByteOrder.LITTLE_ENDIAN, 0),
      new Config("fcs31-le-beyond-99999999.fcs", FcsWriter.Version.FCS_3_1,
          ByteOrder.LITTLE_ENDIAN, BIG_EVENTS),
      new Config("fcs32-be-beyond-99999999.fcs", FcsWriter.Version.FCS_3_2,
          ByteOrder.BIG_ENDIAN, BIG_EVENTS));

  /** Keywords beyond the layout: a '/' and a non-ASCII letter in values, a non-$ keyword. */
  static final Map<String, String> KEYWORDS = keywords();

  private InteropFiles() {}

  private static Map<String, String> keywords() {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("$CYT", "MRDFlow interop check");
    k.put("$SRC", "tube 1/2");
    k.put("$DATE", "04-DEC-2026");
    k.put("Operator", "Ren\u00e9");
    return k;
  }

  static void write(Config c, OutputStream out) throws IOException {
    SplittableRandom rnd = new SplittableRandom(16);
    float[][] columns = new float[4][c.events()];
    for (float[] column : columns) {
      for (int e = 0; e < c.events(); e++) {
        column[e] = (float) (rnd.nextGaussian() * 3e4 + 5e4);
      }
    }
    // Finite edge values every reader must carry through float32 -> float64 unchanged.
    float[] edges = {-0.0f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, 1e-38f};
    System.arraycopy(edges, 0, columns[3], 0, Math.min(edges.length, c.events()));
    FcsWriter.builder().version(c.version()).byteOrder(c.order())
        .parameter("FSC-A", null, 262144).parameter("SSC-A", null, 262144)
        .parameter("PE-A", "CD10 PE", 262144).parameter("APC-A", "CD19 APC", 262144)
        .keywords(KEYWORDS)
        .spillover(List.of("PE-A", "APC-A"), new double[][] {{1, 0.125}, {0.0375, 1}})
        .columns(columns).build().write(out);
  }

  public static void main(String[] args) throws IOException {
    Path dir = Files.createDirectories(Path.of(args[0]));
    for (Config c : CONFIGS) {
      try (OutputStream out = new BufferedOutputStream(
          Files.newOutputStream(dir.resolve(c.fileName())), 1 << 16)) {
        write(c, out);
      }
    }
  }
}
