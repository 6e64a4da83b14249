package org.mrdflow.fcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mrdflow.fcs.FcsReadOptions.EmptyValueMode;

/**
 * Files the real corpus lacks, built by {@link FcsFileBuilder} from the specification; the
 * expected values are the generator's own inputs.
 */
class GeneratedFixturesTest {
  private static final int[] LE = {1, 2, 3, 4};
  private static final int[] BE = {4, 3, 2, 1};

  @ParameterizedTest(name = "$BYTEORD {0}")
  @ValueSource(strings = {"1,2,3,4", "4,3,2,1"})
  void every_integer_width_from_1_to_64_bits_reads_back_masked_to_its_range(String byteord)
      throws Exception {
    int[] order = "1,2,3,4".equals(byteord) ? LE : BE;
    int events = 50;
    int par = 64;
    String[] names = new String[par];
    int[] bits = new int[par];
    String[] ranges = new String[par];
    for (int b = 1; b <= par; b++) {
      names[b - 1] = "W" + b;
      bits[b - 1] = b;
      ranges[b - 1] = BigInteger.ONE.shiftLeft(b).toString();
    }
    Random rnd = new Random(20261121L);
    BigInteger[][] expected = new BigInteger[par][events];
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (int e = 0; e < events; e++) {
      for (int b = 1; b <= par; b++) {
        int width = (b + 7) / 8;
        // Random bits over the whole stored word: the ones above $PnB are vendor junk.
        BigInteger stored = new BigInteger(8 * width, rnd);
        expected[b - 1][e] = stored.and(BigInteger.ONE.shiftLeft(b).subtract(BigInteger.ONE));
        data.writeBytes(FcsFileBuilder.unsigned(stored, width, order));
      }
    }
    byte[] file = new FcsFileBuilder().listMode("I", byteord, events, names, bits, ranges)
        .data(data.toByteArray()).build();

    FcsDataset d = FcsFile.read(file, "widths.fcs", FcsReadOptions.defaults()).first();
    assertThat(d.eventCount()).isEqualTo(events);
    for (int b = 1; b <= par; b++) {
      double[] column = d.doubleColumn(b - 1);
      assertThat(d.storesFloat(b - 1)).as("%d bits in float", b).isEqualTo(b <= 24);
      for (int e = 0; e < events; e++) {
        assertThat(column[e]).as("%d bits, event %d", b, e)
            .isEqualTo(new BigDecimal(expected[b - 1][e]).doubleValue());
      }
    }
  }

  @Test
  void values_above_a_non_power_of_two_range_are_masked_to_the_next_power_of_two() throws Exception {
    // $PnR 1000 -> mask 1023 (FCS 3.1 section 3.3.28); 0xFFFF stored in 16 bits -> 1023.
    byte[] data = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
        .putShort((short) 0xFFFF).putShort((short) 1000).array();
    byte[] file = new FcsFileBuilder().listMode("I", "1,2", 2, new String[] {"FL1"},
        new int[] {16}, new String[] {"1000"}).data(data).build();
    FcsDataset d = FcsFile.read(file, "mask.fcs", FcsReadOptions.defaults()).first();
    assertThat(d.floatColumn(0)).containsExactly(1023f, 1000f);
  }

  @ParameterizedTest(name = "$BYTEORD {0}")
  @ValueSource(strings = {"1,2", "2,1", "3,4,1,2", "2,1,4,3"})
  void two_byte_and_mixed_byte_orders_of_fcs_2_0_are_honoured(String byteord) throws Exception {
    String[] parts = byteord.split(",");
    int[] order = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      order[i] = Integer.parseInt(parts[i]);
    }
    int width = order.length;
    long[] values = {0, 1, 258, 40_000, width == 4 ? 3_000_000_000L : 65_535};
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (long v : values) {
      data.writeBytes(FcsFileBuilder.unsigned(BigInteger.valueOf(v), width, order));
    }
    byte[] file = new FcsFileBuilder().version("2.0").offsetsInTextToo(false)
        .listMode("I", byteord, values.length, new String[] {"FL1"}, new int[] {8 * width},
            new String[] {String.valueOf(1L << (8 * width))})
        .data(data.toByteArray()).build();
    double[] read = FcsFile.read(file, "order.fcs", FcsReadOptions.defaults()).first()
        .doubleColumn(0);
    for (int i = 0; i < values.length; i++) {
      assertThat(read[i]).isEqualTo((double) values[i]);
    }
  }

  @Test
  void big_endian_doubles_keep_every_bit_including_nan_infinities_and_subnormals()
      throws Exception {
    double[] values = {0.0, -0.0, 1.5, -1e300, Double.MIN_VALUE, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Math.PI};
    ByteBuffer data = ByteBuffer.allocate(8 * values.length).order(ByteOrder.BIG_ENDIAN);
    for (double v : values) {
      data.putDouble(v);
    }
    byte[] file = new FcsFileBuilder().listMode("D", "4,3,2,1", values.length,
        new String[] {"X"}, new int[] {64}, new String[] {"1"}).data(data.array()).build();
    double[] read = FcsFile.read(file, "d.fcs", FcsReadOptions.defaults()).first()
        .doubleColumn(0);
    for (int i = 0; i < values.length; i++) {
      assertThat(Double.doubleToRawLongBits(read[i]))
          .isEqualTo(Double.doubleToRawLongBits(values[i]));
    }
  }

  @Test
  void fcs_3_2_per_parameter_datatypes_mix_integers_floats_and_doubles() throws Exception {
    int events = 3;
    ByteBuffer data = ByteBuffer.allocate(events * (2 + 4 + 8)).order(ByteOrder.LITTLE_ENDIAN);
    for (int e = 0; e < events; e++) {
      data.putShort((short) (100 * e + 7)).putFloat(e + 0.25f).putDouble(-e - 1e-3);
    }
    byte[] file = new FcsFileBuilder().version("3.2")
        .keyword("$BYTEORD", "1,2,3,4").keyword("$DATATYPE", "I").keyword("$PAR", 3)
        .keyword("$TOT", events).keyword("$CYT", "generated")
        .keyword("$P1N", "Count").keyword("$P1B", 16).keyword("$P1R", 65536)
        .keyword("$P2N", "FSC-A").keyword("$P2B", 32).keyword("$P2R", 262144)
        .keyword("$P2DATATYPE", "F")
        .keyword("$P3N", "Time").keyword("$P3B", 64).keyword("$P3R", 1)
        .keyword("$P3DATATYPE", "D")
        .data(data.array()).build();
    FcsDataset d = FcsFile.read(file, "fcs32.fcs", FcsReadOptions.defaults()).first();
    assertThat(d.version()).isEqualTo("3.2");
    assertThat(d.channels()).extracting(FcsChannel::dataType)
        .containsExactly(FcsDataType.INTEGER, FcsDataType.FLOAT, FcsDataType.DOUBLE);
    assertThat(d.floatColumn(0)).containsExactly(7f, 107f, 207f);
    assertThat(d.floatColumn(1)).containsExactly(0.25f, 1.25f, 2.25f);
    assertThat(d.doubleColumn(2)).containsExactly(-1e-3, -1 - 1e-3, -2 - 1e-3);
  }

  @Test
  void fixed_width_ascii_data_reads_as_decimal_numbers() throws Exception {
    String data = "    12  3.5e2" + "000007    -.5";
    byte[] file = new FcsFileBuilder().version("3.0").listMode("A", "1,2,3,4", 2,
        new String[] {"A", "B"}, new int[] {6, 7}, new String[] {"1024", "1024"})
        .data(data.getBytes(StandardCharsets.US_ASCII)).build();
    FcsDataset d = FcsFile.read(file, "ascii.fcs", FcsReadOptions.defaults()).first();
    assertThat(d.doubleColumn(0)).containsExactly(12, 7);
    assertThat(d.doubleColumn(1)).containsExactly(350, -0.5);
  }

  @Test
  void delimited_ascii_data_splits_on_blanks_commas_and_line_breaks() throws Exception {
    String data = "1,2 3\r\n4\t5,6\n";
    byte[] file = new FcsFileBuilder().version("2.0").listMode("A", "1,2,3,4", 2,
        new String[] {"A", "B", "C"}, new int[] {0, 0, 0}, new String[] {"8", "8", "8"})
        .data(data.getBytes(StandardCharsets.US_ASCII)).build();
    FcsDataset d = FcsFile.read(file, "ascii-delim.fcs", FcsReadOptions.defaults()).first();
    assertThat(d.doubleColumn(0)).containsExactly(1, 4);
    assertThat(d.doubleColumn(1)).containsExactly(2, 5);
    assertThat(d.doubleColumn(2)).containsExactly(3, 6);
  }

  @Test
  void a_file_over_100_mb_takes_its_data_offsets_from_text(@TempDir Path dir) throws Exception {
    int events = 2_300_000;
    int par = 12;
    ByteBuffer data = ByteBuffer.allocate(events * par * 4).order(ByteOrder.BIG_ENDIAN);
    for (int e = 0; e < events; e++) {
      for (int c = 0; c < par; c++) {
        data.putFloat(e * 0.5f + c);
      }
    }
    String[] names = new String[par];
    int[] bits = new int[par];
    String[] ranges = new String[par];
    for (int c = 0; c < par; c++) {
      names[c] = "P" + (c + 1);
      bits[c] = 32;
      ranges[c] = "262144";
    }
    Path file = dir.resolve("big.fcs");
    try (OutputStream out = Files.newOutputStream(file)) {
      new FcsFileBuilder().listMode("F", "4,3,2,1", events, names, bits, ranges)
          .data(data.array()).write(out);
    }
    assertThat(Files.size(file)).isGreaterThan(100_000_000L);
    try (FcsFile f = FcsFile.open(file)) {
      FcsDataset d = f.first();
      assertThat(d.eventCount()).isEqualTo(events);
      float[] last = d.floatColumn(par - 1);
      assertThat(last[0]).isEqualTo(11f);
      assertThat(last[events - 1]).isEqualTo((events - 1) * 0.5f + 11);
      assertThat(d.floatColumn(0)[1_234_567]).isEqualTo(1_234_567 * 0.5f);
    }
    Files.delete(file);
  }

  @Test
  void datasets_chained_by_nextdata_are_all_read() throws Exception {
    byte[] first = dataset("first", 0, 1f);
    byte[] second = dataset("second", 0, 2f);
    // $NEXTDATA is relative to the dataset's own HEADER; its digits change TEXT length: iterate.
    byte[] head = first;
    for (int i = 0; i < 3; i++) {
      head = dataset("first", head.length, 1f);
    }
    byte[] file = ByteBuffer.allocate(head.length + second.length).put(head).put(second).array();
    FcsFile f = FcsFile.read(file, "chain.fcs", FcsReadOptions.defaults());
    assertThat(f.datasets()).hasSize(2);
    assertThat(f.datasets().get(1).offset()).isEqualTo(head.length);
    assertThat(f.datasets().get(1).keywords().valueOrNull("$FIL")).isEqualTo("second");
    assertThat(f.datasets().get(1).floatColumn(0)).containsExactly(2f);
    assertThat(first.length).isLessThanOrEqualTo(head.length);
  }

  private static byte[] dataset(String name, long nextData, float value) {
    byte[] data = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array();
    FcsFileBuilder b = new FcsFileBuilder().listMode("F", "1,2,3,4", 1, new String[] {"X"},
        new int[] {32}, new String[] {"1"}).keyword("$FIL", name).data(data);
    return b.keyword("$NEXTDATA", nextData).build();
  }

  @Test
  void supplemental_text_and_analysis_segments_are_exposed() throws Exception {
    byte[] analysis = {0, 1, 2, (byte) 0xff};
    byte[] file = new FcsFileBuilder().listMode("F", "1,2,3,4", 1, new String[] {"X"},
        new int[] {32}, new String[] {"1"}).data(new byte[4])
        .supplementalText(FcsFileBuilder.textSegment('/', "GATE1", "lymphocytes", "OPERATOR",
            "A. Nonymous"))
        .analysis(analysis).build();
    FcsDataset d = FcsFile.read(file, "segments.fcs", FcsReadOptions.defaults()).first();
    assertThat(d.supplementalText().asMap()).containsEntry("GATE1", "lymphocytes")
        .containsEntry("OPERATOR", "A. Nonymous");
    assertThat(d.analysis()).containsExactly(analysis);
  }

  @Test
  void text_keeps_keys_verbatim_unescapes_doubled_delimiters_and_preserves_latin1_bytes()
      throws Exception {
    byte[] file = new FcsFileBuilder().delimiter('|').listMode("F", "1,2,3,4", 0,
        new String[] {"X"}, new int[] {32}, new String[] {"1"})
        .keyword("$p1s", "CD19|PE").keyword("Operator", "Ren\u00e9").build();
    FcsDataset d = FcsFile.read(file, "text.fcs", FcsReadOptions.defaults()).first();
    assertThat(d.keywords().asMap()).containsKey("$p1s");
    assertThat(d.keywords().valueOrNull("$P1S")).isEqualTo("CD19|PE");
    assertThat(d.channels().get(0).label()).isEqualTo("CD19|PE");
    assertThat(d.keywords().valueOrNull("OPERATOR")).isEqualTo("Ren\u00e9");
    assertThat(d.textReading()).isEqualTo(EmptyValueMode.SPEC);
    assertThat(d.eventCount()).isZero();

    byte[] latin1 = ("/$BYTEORD/1,2,3,4/$DATATYPE/F/$MODE/L/$PAR/1/$TOT/0/$P1B/32/$P1R/1/"
        + "$P1N/X/CREATOR/CELLQuest\u00aa 3.3/").getBytes(StandardCharsets.ISO_8859_1);
    byte[] raw = new FcsFileBuilder().rawText(new String(latin1, StandardCharsets.ISO_8859_1))
        .build();
    // rawText is written as UTF-8 by the builder; rewrite it as the raw Latin-1 bytes.
    byte[] file2 = withText(raw, latin1);
    FcsDataset d2 = FcsFile.read(file2, "latin1.fcs", FcsReadOptions.defaults()).first();
    assertThat(d2.keywords().charset()).isEqualTo(StandardCharsets.ISO_8859_1);
    assertThat(d2.keywords().valueOrNull("CREATOR").getBytes(StandardCharsets.ISO_8859_1))
        .containsExactly("CELLQuest\u00aa 3.3".getBytes(StandardCharsets.ISO_8859_1));
  }

  private static byte[] withText(byte[] built, byte[] text) {
    byte[] header = new byte[58];
    System.arraycopy(built, 0, header, 0, 58);
    String h = new String(header, StandardCharsets.US_ASCII);
    String end = String.valueOf(58 + text.length - 1);
    h = h.substring(0, 18) + " ".repeat(8 - end.length()) + end + h.substring(26);
    return ByteBuffer.allocate(58 + text.length).put(h.getBytes(StandardCharsets.US_ASCII))
        .put(text).array();
  }

  @Test
  void a_doubled_delimiter_meaning_an_empty_value_is_detected_and_reported() throws Exception {
    String text = "/$BYTEORD/1,2,3,4/$DATATYPE/F/$MODE/L/$PAR/1/$TOT/0/$P1B/32/$P1R/1/"
        + "$P1N/X/$P1S//COMMENT/none/";
    byte[] file = new FcsFileBuilder().rawText(text).build();
    FcsDataset auto = FcsFile.read(file, "empty.fcs", FcsReadOptions.defaults()).first();
    assertThat(auto.textReading()).isEqualTo(EmptyValueMode.EMPTY);
    assertThat(auto.keywords().valueOrNull("$P1S")).isEmpty();
    assertThat(auto.keywords().valueOrNull("COMMENT")).isEqualTo("none");
    assertThat(auto.notices()).anyMatch(n -> n.contains("EMPTY value"));

    FcsDataset spec = FcsFile.read(file, "empty.fcs",
        FcsReadOptions.defaults().withEmptyValueMode(EmptyValueMode.SPEC)).first();
    // The spec reading merges the two keywords into one junk key.
    assertThat(spec.keywords().asMap()).containsEntry("$P1S/COMMENT", "none")
        .doesNotContainKey("COMMENT");
  }

  @Test
  void disagreeing_offsets_resolve_to_the_segment_that_holds_tot_events() throws Exception {
    byte[] data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(3f).putFloat(4f)
        .array();
    byte[] good = new FcsFileBuilder().listMode("F", "1,2,3,4", 2, new String[] {"X"},
        new int[] {32}, new String[] {"1"}).data(data).build();
    int dataBegin = good.length - 8;
    // Break the HEADER data start: TEXT's $BEGINDATA is then the only consistent one.
    byte[] badHeader = good.clone();
    String wrong = String.valueOf(dataBegin - 4);
    byte[] field = (" ".repeat(8 - wrong.length()) + wrong).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(field, 0, badHeader, 26, 8);
    FcsDataset d = FcsFile.read(badHeader, "disagree.fcs", FcsReadOptions.defaults()).first();
    assertThat(d.floatColumn(0)).containsExactly(3f, 4f);
    assertThat(d.notices()).anyMatch(n -> n.contains("used TEXT"));
  }

  @Test
  void an_enddata_one_byte_too_far_is_tolerated_with_a_notice() throws Exception {
    byte[] data = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(5f).array();
    byte[] file = new FcsFileBuilder().listMode("F", "1,2,3,4", 1, new String[] {"X"},
        new int[] {32}, new String[] {"1"}).data(data).offsetsInTextToo(false).build();
    byte[] longer = ByteBuffer.allocate(file.length + 1).put(file).put((byte) 0).array();
    String end = String.valueOf(file.length);
    byte[] field = (" ".repeat(8 - end.length()) + end).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(field, 0, longer, 34, 8);
    FcsDataset d = FcsFile.read(longer, "offbyone.fcs", FcsReadOptions.defaults()).first();
    assertThat(d.floatColumn(0)).containsExactly(5f);
    assertThat(d.notices()).anyMatch(n -> n.contains("off-by-one"));
  }

  @Test
  void flowcore_option_set_linearizes_log_integers_and_truncates_at_range() throws Exception {
    byte[] data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
        .putShort((short) 512).putShort((short) 1000).putShort((short) 0).putShort((short) 1023)
        .array();
    byte[] file = new FcsFileBuilder().listMode("I", "1,2", 2, new String[] {"FL1-H", "FSC"},
        new int[] {16, 16}, new String[] {"1024", "1000"}).keyword("$P1E", "4,0")
        .keyword("$P2G", "2").data(data).build();
    FcsDataset d = FcsFile.read(file, "flowcore.fcs", FcsReadOptions.flowCoreDefaults()).first();
    // flowCore: 10^(f1 * x / $PnR) * f2 with f2 = 0 read as 1; values above $PnR clamped.
    assertThat(d.doubleColumn(0)).containsExactly(Math.pow(10, 4 * 512 / 1024.0),
        Math.pow(10, 0));
    assertThat(d.doubleColumn(1)).containsExactly(1000, 1000);
    FcsDataset gained = FcsFile.read(file, "flowcore.fcs",
        FcsReadOptions.defaults().withApplyGain(true)).first();
    assertThat(gained.doubleColumn(1)).containsExactly(500, 511.5);
  }

  @Test
  void timestep_scales_the_time_channel_when_asked() throws Exception {
    byte[] data = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(250f).array();
    byte[] file = new FcsFileBuilder().listMode("F", "1,2,3,4", 1, new String[] {"Time"},
        new int[] {32}, new String[] {"1024"}).keyword("$TIMESTEP", "0.01").data(data).build();
    FcsDataset d = FcsFile.read(file, "time.fcs",
        FcsReadOptions.defaults().withApplyTimestep(true)).first();
    assertThat(d.doubleColumn(0)[0]).isEqualTo(250 * 0.01);
  }

  @Test
  void events_decoded_before_close_stay_usable_and_undecoded_ones_fail_clearly(@TempDir Path dir)
      throws Exception {
    byte[] data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1f).putFloat(2f)
        .array();
    Path file = dir.resolve("two.fcs");
    Files.write(file, new FcsFileBuilder().listMode("F", "1,2,3,4", 2, new String[] {"X"},
        new int[] {32}, new String[] {"1"}).data(data).build());
    FcsDataset decoded;
    FcsDataset undecoded;
    try (FcsFile f = FcsFile.open(file)) {
      decoded = f.first().decodeAll();
    }
    try (FcsFile f = FcsFile.open(file)) {
      undecoded = f.first();
    }
    assertThat(decoded.floatColumn(0)).containsExactly(1f, 2f);
    assertThatThrownBy(() -> undecoded.floatColumn(0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("two.fcs: dataset 0: the FcsFile was closed");
  }
}
