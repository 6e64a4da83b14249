package org.mrdflow.fcs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  @ParameterizedTest(name = "{0} {1} delimiter {2}")
  @CsvSource({
    "FCS_3_1, LITTLE_ENDIAN, /",
    "FCS_3_1, BIG_ENDIAN, |",
    "FCS_3_2, LITTLE_ENDIAN, /",
    "FCS_3_2, BIG_ENDIAN, \\"
  })
  void keywordsParametersSpilloverAndEventsComeBackUnchanged(
      FcsWriter.Version version, String order, char delimiter) throws IOException {
    float[][] data = columns(4, 5_000, 42);
    Map<String, String> keywords = new LinkedHashMap<>();
    keywords.put("$CYT", "FACSCanto II");
    keywords.put("$DATE", "21-NOV-2026");
    keywords.put("$TIMESTEP", "0.01");
    keywords.put("CREATOR", "path/with|delimiters\\and//doubles");
    keywords.put("Lab Comment", "Zürich µ-sample, ünïcode");
    keywords.put("@CYTOMETERID", "AX40001");
    FcsWriter writer =
        FcsWriter.builder()
            .version(version)
            .byteOrder("BIG_ENDIAN".equals(order) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
            .delimiter(delimiter)
            .parameter("FSC-A", null, 262144)
            .parameter("FITC-A", "CD10 FITC", 262144)
            .parameter("PE-Cy7-A", "CD19 PE-Cy7", 262144)
            .parameter("Time", null, 262144)
            .keywords(keywords)
            .spillover(List.of("FITC-A", "PE-Cy7-A"), new double[][] {{1, 0.004}, {0.0012345, 1}})
            .columns(data)
            .build();

    FcsDataset d = reread(writer);

    assertThat(d.version()).isEqualTo(version == FcsWriter.Version.FCS_3_1 ? "3.1" : "3.2");
    keywords.forEach((k, v) -> assertThat(d.keywords().asMap()).containsEntry(k, v));
    assertThat(d.keywords().valueOrNull("$TOT")).isEqualTo("5000");
    assertThat(d.keywords().valueOrNull("$PAR")).isEqualTo("4");
    assertThat(d.channels()).extracting(FcsChannel::name)
        .containsExactly("FSC-A", "FITC-A", "PE-Cy7-A", "Time");
    assertThat(d.channels()).extracting(FcsChannel::label)
        .containsExactly(null, "CD10 FITC", "CD19 PE-Cy7", null);
    assertThat(d.channels()).extracting(FcsChannel::range).containsOnly(262144.0);
    SpilloverMatrix spill = d.spillover().orElseThrow();
    assertThat(spill.detectors()).containsExactly("FITC-A", "PE-Cy7-A");
    assertThat(spill.values()).isDeepEqualTo(new double[][] {{1, 0.004}, {0.0012345, 1}});
    assertBitIdentical(data, d);
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
