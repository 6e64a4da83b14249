package org.mrdflow.fcs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@link FcsWriter} writes, the reader reads back: same keywords, bit-identical events. */
class WriterRoundTripTest {

  @ParameterizedTest(name = "{0}, {1}")
  @CsvSource({"FCS_3_0, LITTLE_ENDIAN", "FCS_3_0, BIG_ENDIAN", "FCS_3_1, LITTLE_ENDIAN",
      "FCS_3_1, BIG_ENDIAN", "FCS_3_2, LITTLE_ENDIAN", "FCS_3_2, BIG_ENDIAN"})
  void writing_then_reading_gives_the_same_keywords_and_bit_identical_events(
      FcsWriter.Version version, String order) throws Exception {
    SplittableRandom rnd = new SplittableRandom(7);
    int events = 1000;
    float[][] columns = new float[3][events];
    for (float[] c : columns) {
      for (int e = 0; e < events; e++) {
        c[e] = (float) (rnd.nextGaussian() * 1e4);
      }
    }
    float[] special = {Float.NaN, -0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE, Float.intBitsToFloat(0x7fc00001)};
    System.arraycopy(special, 0, columns[2], 0, special.length);
    Map<String, String> keywords = new LinkedHashMap<>();
    keywords.put("$CYT", "FACSCanto II");
    keywords.put("$FIL", "a/b|c\\d.fcs");
    keywords.put("Operator", "Ren\u00e9");
    keywords.put("#PATIENT", "P-001");
    double[][] spill = {{1, 0.12}, {0.03, 1}};

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FcsWriter.builder().version(version)
        .byteOrder("BIG_ENDIAN".equals(order) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
        .parameter("FSC-A", null, 262144).parameter("PE-A", "CD10 PE", 262144)
        .parameter("APC-A", "CD19 APC", 262144).keywords(keywords)
        .spillover(List.of("PE-A", "APC-A"), spill).columns(columns).build().write(out);

    FcsDataset d = FcsFile.read(out.toByteArray(), "round-trip.fcs", FcsReadOptions.defaults())
        .first();
    assertThat("FCS" + d.version()).isEqualTo(version.headerId());
    assertThat(d.keywords().asMap()).containsAllEntriesOf(keywords);
    assertThat(d.notices()).isEmpty();
    assertThat(d.channels()).extracting(FcsChannel::name).containsExactly("FSC-A", "PE-A", "APC-A");
    assertThat(d.channels()).extracting(FcsChannel::label).containsExactly(null, "CD10 PE",
        "CD19 APC");
    assertThat(d.channels()).extracting(FcsChannel::range).containsOnly(262144.0);
    SpilloverMatrix s = d.spillover().orElseThrow();
    assertThat(s.detectors()).containsExactly("PE-A", "APC-A");
    assertThat(s.values()).isEqualTo(spill);
    assertThat(s.source())
        .isEqualTo(version == FcsWriter.Version.FCS_3_0 ? "SPILL" : "$SPILLOVER");
    assertThat(d.eventCount()).isEqualTo(events);
    for (int c = 0; c < columns.length; c++) {
      float[] read = d.floatColumn(c);
      for (int e = 0; e < events; e++) {
        assertThat(Float.floatToRawIntBits(read[e])).as("channel %d event %d", c, e)
            .isEqualTo(Float.floatToRawIntBits(columns[c][e]));
      }
    }
  }
}
