package org.mrdflow.fcs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes the benchmark files of issue 2 (not a test): {@code EVENTS x CHANNELS} list-mode data as
 * float32 little-endian ({@code F}), 16-bit ({@code I16}) or 24-bit big-endian ({@code I24})
 * integers, seeded. Run from the repository root after {@code mvn -pl fcsfile test-compile}:
 *
 * <pre>
 * java -cp fcsfile/target/classes:fcsfile/target/test-classes org.mrdflow.fcs.BenchmarkFiles \
 *     /tmp/bench-f32.fcs 5000000 12 F
 * </pre>
 */
public final class BenchmarkFiles {
  private BenchmarkFiles() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      System.err.println("usage: BenchmarkFiles OUT EVENTS CHANNELS F|I16|I24");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    int events = Integer.parseInt(args[1]);
    int channels = Integer.parseInt(args[2]);
    String type = args[3];
    int width = switch (type) {
      case "F" -> 4;
      case "I16" -> 2;
      case "I24" -> 3;
      default -> throw new IllegalArgumentException("type must be F, I16 or I24: " + type);
    };
    SplittableRandom rnd = new SplittableRandom(42);
    ByteBuffer data = ByteBuffer.allocate(Math.multiplyExact(events, channels * width))
        .order(type.equals("I24") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    int[] be = {3, 2, 1};
    for (int e = 0; e < events; e++) {
      for (int c = 0; c < channels; c++) {
        switch (type) {
          case "F" -> data.putFloat((float) (rnd.nextDouble() * 262144 - 1000));
          case "I16" -> data.putShort((short) rnd.nextInt(1024));
          default -> data.put(FcsFileBuilder.unsigned(
              BigInteger.valueOf(rnd.nextInt(1 << 18)), 3, be));
        }
      }
    }
    String[] names = new String[channels];
    int[] bits = new int[channels];
    String[] ranges = new String[channels];
    for (int c = 0; c < channels; c++) {
      names[c] = "P" + (c + 1);
      bits[c] = 8 * width;
      ranges[c] = type.equals("I16") ? "1024" : "262144";
    }
    String datatype = type.equals("F") ? "F" : "I";
    String byteord = type.equals("I24") ? "4,3,2,1" : "1,2,3,4";
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
      new FcsFileBuilder().listMode(datatype, byteord, events, names, bits, ranges)
          .data(data.array()).write(os);
    }
    System.out.println(out + ": " + Files.size(out) + " bytes");
  }
}
