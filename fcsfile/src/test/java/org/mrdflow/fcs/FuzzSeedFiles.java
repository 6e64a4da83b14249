package org.mrdflow.fcs;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the generated part of the fuzz seed corpus (layouts the bundled real files lack) into
 * {@code FcsReaderFuzzTestInputs/}. Not a test; run from the repository root after {@code mvn -pl
 * fcsfile test-compile}:
 *
 * <pre>
 * java -cp fcsfile/target/classes:fcsfile/target/test-classes org.mrdflow.fcs.FuzzSeedFiles \
 *   fcsfile/src/test/resources/org/mrdflow/fcs/FcsReaderFuzzTestInputs/reader_accepts_or_refuses_with_a_typed_error
 * </pre>
 */
public final class FuzzSeedFiles {
  private FuzzSeedFiles() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    Files.write(dir.resolve("seed-ascii-fixed"), new FcsFileBuilder().version("3.0")
        .listMode("A", "1,2,3,4", 2, new String[] {"A", "B"}, new int[] {4, 6},
            new String[] {"1024", "1024"})
        .data("  12 3.5e2   7   -.5".getBytes(StandardCharsets.US_ASCII)).build());
    Files.write(dir.resolve("seed-ascii-delimited"), new FcsFileBuilder().version("2.0")
        .listMode("A", "1,2,3,4", 2, new String[] {"A", "B"}, new int[] {0, 0},
            new String[] {"8", "8"})
        .data("1,2\n3 4\n".getBytes(StandardCharsets.US_ASCII)).build());
    ByteBuffer doubles = ByteBuffer.allocate(24).order(ByteOrder.BIG_ENDIAN)
        .putDouble(1.5).putDouble(Double.NaN).putDouble(-0.0);
    Files.write(dir.resolve("seed-double-be"), new FcsFileBuilder()
        .listMode("D", "4,3,2,1", 3, new String[] {"X"}, new int[] {64}, new String[] {"1"})
        .keyword("$SPILLOVER", "1,X,1").data(doubles.array()).build());
    ByteBuffer mixed = ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN)
        .putShort((short) 7).putFloat(0.25f).putDouble(-1);
    Files.write(dir.resolve("seed-fcs32-pndatatype"), new FcsFileBuilder().version("3.2")
        .keyword("$BYTEORD", "1,2,3,4").keyword("$DATATYPE", "I").keyword("$PAR", 3)
        .keyword("$TOT", 1).keyword("$P1N", "C").keyword("$P1B", 16).keyword("$P1R", 1000)
        .keyword("$P1E", "4,1").keyword("$P2N", "F").keyword("$P2B", 32).keyword("$P2R", 1)
        .keyword("$P2DATATYPE", "F").keyword("$P3N", "Time").keyword("$P3B", 64)
        .keyword("$P3R", 1).keyword("$P3DATATYPE", "D").keyword("$TIMESTEP", "0.01")
        .data(mixed.array()).build());
    ByteBuffer tenIn16 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
        .putShort((short) 0xFC01).putShort((short) 3).putShort((short) 1023).putShort((short) 0);
    Files.write(dir.resolve("seed-10-in-16-fcs20-dfc"), new FcsFileBuilder().version("2.0")
        .offsetsInTextToo(false).listMode("I", "1,2", 2, new String[] {"FL1", "FL2"},
            new int[] {10, 10}, new String[] {"1024", "1024"})
        .keyword("$DFC1TO2", "12.5").keyword("$DFC2TO1", "0.5").keyword("$P2E", "3,1")
        .data(tenIn16.array()).build());
    byte[] second = new FcsFileBuilder().version("3.0")
        .listMode("I", "4,3,2,1", 1, new String[] {"X"}, new int[] {24},
            new String[] {"262144"})
        .data(FcsFileBuilder.unsigned(BigInteger.valueOf(70000), 3, new int[] {3, 2, 1}))
        .supplementalText(FcsFileBuilder.textSegment('/', "GATE", "all"))
        .analysis(new byte[] {1, 2, 3}).build();
    byte[] first = new FcsFileBuilder().rawText("/$BYTEORD/1,2,3,4/$DATATYPE/F/$MODE/L/$PAR/1/"
        + "$TOT/0/$P1B/32/$P1R/1/$P1N/X/$P1S//$NEXTDATA/256/").build();
    ByteBuffer chain = ByteBuffer.allocate(256 + second.length).put(first);
    chain.position(256);
    Files.write(dir.resolve("seed-nextdata-empty-value-stext"), chain.put(second).array());
  }
}
