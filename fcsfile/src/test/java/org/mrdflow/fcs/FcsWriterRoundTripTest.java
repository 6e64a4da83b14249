package org.mrdflow.fcs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the writer writes, the strict reader reads back: same keywords, bit-identical events. */
class FcsWriterRoundTripTest {

  /** Seeded values with the awkward cases: signed zeros, subnormals, extremes, infinities, NaN. */
  private static float[][] columns(int parameters, int events, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] special = {
      0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE,
      Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 262143f, -1e-7f
    };
    float[][] c = new float[parameters][events];
    for (int p = 0; p < parameters; p++) {
      for (int e = 0; e < events; e++) {
        c[p][e] = e < special.length ? special[(e + p) % special.length]
            : (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(7)));
      }
    }
    return c;
  }

  private static FcsDataset reread(FcsWriter writer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(out);
    FcsFile file = FcsFile.read(out.toByteArray(), "written", FcsReadOptions.defaults());
    assertThat(file.datasets()).hasSize(1);
    return file.datasets().get(0).decodeAll();
  }

  private static void assertBitIdentical(float[][] written, FcsDataset read) {
    assertThat(read.eventCount()).isEqualTo(written[0].length);
    for (int p = 0; p < written.length; p++) {
      float[] back = read.floatColumn(p);
      for (int e = 0; e < back.length; e++) {
        if (Float.floatToRawIntBits(back[e]) != Float.floatToRawIntBits(written[p][e])) {
          throw new AssertionError("parameter " + (p + 1) + " event " + e + ": wrote "
              + written[p][e] + ", read " + back[e]);
        }
      }
    }
  }

  /** Every delimiter the writer may choose; versions and byte orders: {@code WriterRoundTripTest}. */
  @ParameterizedTest(name = "delimiter {0}")
  @ValueSource(chars = {'/', '|', '\\', '!', '^', '~'})
  void keywordsContainingTheDelimiterComeBackVerbatimWhicheverDelimiterIsUsed(char delimiter)
      throws IOException {
    float[][] data = columns(2, 2_000, 42);
    Map<String, String> keywords = new LinkedHashMap<>();
    keywords.put("$CYT", "FACSCanto II");
    keywords.put("CREATOR", "path/with|delimiters\\and//doubles!^~ at the end " + delimiter);
    keywords.put("Key" + delimiter + "With" + delimiter + delimiter + "Delimiters", "x" + delimiter);
    keywords.put("Lab Comment", "Zürich µ-sample, ünïcode");
    FcsWriter writer =
        FcsWriter.builder()
            .delimiter(delimiter)
            .parameter("FSC-A", null, 262144)
            .parameter("PE" + delimiter + "A", "CD10" + delimiter + "PE", 262144)
            .keywords(keywords)
            .spillover(List.of("PE" + delimiter + "A"), new double[][] {{1}})
            .columns(data)
            .build();

    FcsDataset d = reread(writer);

    assertThat(d.keywords().asMap()).containsAllEntriesOf(keywords);
    assertThat(d.channels()).extracting(FcsChannel::name).containsExactly("FSC-A", "PE" + delimiter + "A");
    assertThat(d.channels()).extracting(FcsChannel::label).containsExactly(null, "CD10" + delimiter + "PE");
    assertBitIdentical(data, d);
  }

  @Test
  void anAcquisitionWithoutEventsReadsBackEmpty() throws IOException {
    FcsDataset d =
        reread(FcsWriter.builder().parameter("FSC-A", null, 1024).columns(new float[0]).build());

    assertThat(d.eventCount()).isZero();
    assertThat(d.channels()).extracting(FcsChannel::name).containsExactly("FSC-A");
  }

  @Test
  void aFileWhoseDataEndBeyond99999999BytesReadsBackThroughItsTextOffsets(@TempDir Path dir)
      throws IOException {
    float[][] data = columns(2, 12_600_000, 7); // 100.8 MB of DATA
    Path path = dir.resolve("big.fcs");
    FcsWriter.builder()
        .version(FcsWriter.Version.FCS_3_2)
        .keyword("$CYT", "CytoFLEX")
        .parameter("FSC-A", null, 4194304)
        .parameter("PE-A", "CD10-PE", 4194304)
        .columns(data)
        .build()
        .write(path);

    try (FcsFile file = FcsFile.open(path)) {
      FcsDataset d = file.datasets().get(0).decodeAll();
      assertThat(Long.parseLong(d.keywords().valueOrNull("$ENDDATA"))).isGreaterThan(99_999_999L);
      assertBitIdentical(data, d);
    }
  }
}
