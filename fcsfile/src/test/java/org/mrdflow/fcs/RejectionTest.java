package org.mrdflow.fcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each fault class gets its own exception type and a message naming file, dataset and byte. */
class RejectionTest {

  private static FcsFileBuilder oneFloatChannel(long tot) {
    return new FcsFileBuilder().listMode("F", "1,2,3,4", tot, new String[] {"X"},
        new int[] {32}, new String[] {"1"});
  }

  private static byte[] floats(float... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      b.putFloat(f);
    }
    return b.array();
  }

  @Test
  void ten_bytes_of_garbage_are_not_fcs() {
    byte[] garbage = "0123456789".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> FcsFile.read(garbage, "garbage.fcs", FcsReadOptions.defaults()))
        .isInstanceOf(NotFcsException.class)
        .hasMessage("garbage.fcs: dataset 0, byte 0: not an FCS file: no \"FCS\" signature at "
            + "the start of the HEADER");
  }

  @Test
  void a_header_cut_short_is_truncated() {
    byte[] file = Arrays.copyOf(oneFloatChannel(1).data(floats(1)).build(), 30);
    assertThatThrownBy(() -> FcsFile.read(file, "short.fcs", FcsReadOptions.defaults()))
        .isInstanceOf(TruncatedFcsException.class)
        .hasMessageContaining("short.fcs: dataset 0, byte 0: HEADER needs 58 bytes");
  }

  @Test
  void a_tot_of_two_to_the_forty_is_refused_without_allocating_it() {
    byte[] file = oneFloatChannel(1L << 40).data(floats(1, 2)).build();
    assertThatThrownBy(() -> FcsFile.read(file, "huge.fcs", FcsReadOptions.defaults()))
        .isInstanceOf(TruncatedFcsException.class)
        .hasMessageContaining("huge.fcs: dataset 0, byte ")
        .hasMessageContaining("$TOT 1099511627776");
  }

  @Test
  void data_cut_off_by_the_end_of_the_file_is_truncated() {
    byte[] full = oneFloatChannel(3).data(floats(1, 2, 3)).build();
    byte[] file = Arrays.copyOf(full, full.length - 6);
    assertThatThrownBy(() -> FcsFile.read(file, "cut.fcs", FcsReadOptions.defaults()))
        .isInstanceOf(TruncatedFcsException.class)
        .hasMessageContaining("cut.fcs: dataset 0, byte ");
  }

  @Test
  void histogram_mode_is_unsupported_not_a_crash() {
    byte[] file = oneFloatChannel(1).keyword("$MODE", "C").data(floats(1)).build();
    assertThatThrownBy(() -> FcsFile.read(file, "hist.fcs", FcsReadOptions.defaults()))
        .isInstanceOf(UnsupportedFcsException.class)
        .hasMessageContaining("hist.fcs: dataset 0, byte 58: $MODE C");
  }

  @Test
  void a_missing_required_keyword_is_bad_text() {
    byte[] file = new FcsFileBuilder().keyword("$DATATYPE", "F").keyword("$TOT", 1)
        .data(floats(1)).build();
    assertThatThrownBy(() -> FcsFile.read(file, "nopar.fcs", FcsReadOptions.defaults()))
        .isInstanceOf(FcsTextException.class)
        .hasMessageContaining("nopar.fcs: dataset 0, byte 58: required keyword $PAR is missing");
  }

  @Test
  void a_non_numeric_header_offset_is_a_segment_error() {
    byte[] file = oneFloatChannel(1).data(floats(1)).build();
    System.arraycopy("    12x4".getBytes(StandardCharsets.US_ASCII), 0, file, 18, 8);
    assertThatThrownBy(() -> FcsFile.read(file, "hdr.fcs", FcsReadOptions.defaults()))
        .isInstanceOf(FcsSegmentException.class)
        .hasMessageContaining("hdr.fcs: dataset 0, byte 18: HEADER offset field");
  }

  @Test
  void data_overlapping_text_is_refused() {
    byte[] file = oneFloatChannel(1).data(floats(1)).offsetsInTextToo(false).build();
    System.arraycopy("      60      63".getBytes(StandardCharsets.US_ASCII), 0, file, 26, 16);
    assertThatThrownBy(() -> FcsFile.read(file, "overlap.fcs", FcsReadOptions.defaults()))
        .isInstanceOf(FcsSegmentException.class)
        .hasMessageContaining("overlap.fcs: dataset 0, byte 60: DATA segment 60..63 overlaps TEXT");
  }

  @Test
  void a_data_segment_of_the_wrong_size_is_a_size_mismatch_unless_leniency_is_asked_for()
      throws Exception {
    byte[] file = oneFloatChannel(2).data(floats(1, 2, 3, 4)).build();
    assertThatThrownBy(() -> FcsFile.read(file, "size.fcs", FcsReadOptions.defaults()))
        .isInstanceOf(FcsDataSizeException.class)
        .hasMessageContaining("size.fcs: dataset 0, byte ")
        .hasMessageContaining("holds 16 bytes but $TOT x bytes per event = 2 x 4 = 8");
    FcsDataset lenient = FcsFile.read(file, "size.fcs",
        FcsReadOptions.defaults().withIgnoreOffsetDiscrepancy(true)).first();
    assertThat(lenient.floatColumn(0)).containsExactly(1f, 2f);
  }

  @Test
  void an_unknown_datatype_and_an_odd_byte_order_are_unsupported() {
    byte[] file = oneFloatChannel(1).keyword("$DATATYPE", "Q").data(floats(1)).build();
    assertThatThrownBy(() -> FcsFile.read(file, "q.fcs", FcsReadOptions.defaults()))
        .isInstanceOf(UnsupportedFcsException.class)
        .hasMessageContaining("$DATATYPE Q");
    byte[] odd = new FcsFileBuilder().listMode("I", "3,4,1,2", 1, new String[] {"X"},
        new int[] {16}, new String[] {"65536"}).data(new byte[2]).build();
    assertThatThrownBy(() -> FcsFile.read(odd, "odd.fcs", FcsReadOptions.defaults()))
        .isInstanceOf(UnsupportedFcsException.class)
        .hasMessageContaining("$BYTEORD 3,4,1,2");
  }

  @Test
  void a_nextdata_pointing_outside_the_file_is_a_segment_error() {
    byte[] file = oneFloatChannel(1).keyword("$NEXTDATA", 999_999).data(floats(1)).build();
    assertThatThrownBy(() -> FcsFile.read(file, "next.fcs", FcsReadOptions.defaults()))
        .isInstanceOf(FcsSegmentException.class)
        .hasMessageContaining("next.fcs: dataset 0, byte 0: $NEXTDATA = 999999");
  }

  /** The fuzz finding reader-crash-0565fdce: "$P5E = ," once split into no field at all. */
  @Test
  void a_pne_without_numbers_is_bad_text_not_an_index_error() {
    for (String pne : new String[] {",", ",,", "a,0", "0,b", "NaN,0", "1,Infinity"}) {
      byte[] file = oneFloatChannel(1).keyword("$P1E", pne).data(floats(1)).build();
      assertThatThrownBy(() -> FcsFile.read(file, "pne.fcs", FcsReadOptions.defaults()))
          .as("$P1E = \"%s\"", pne)
          .isInstanceOf(FcsTextException.class)
          .hasMessageContaining("pne.fcs: dataset 0, byte 58: $P1E = \"" + pne + "\" is not f1,f2");
    }
  }

  @Test
  void a_byte_order_with_empty_fields_is_bad_text() {
    for (String order : new String[] {",", "1,2,", ",1"}) {
      byte[] file = new FcsFileBuilder().listMode("I", order, 1, new String[] {"X"},
          new int[] {16}, new String[] {"1024"}).data(new byte[2]).build();
      assertThatThrownBy(() -> FcsFile.read(file, "order.fcs", FcsReadOptions.defaults()))
          .as("$BYTEORD %s", order)
          .isInstanceOf(FcsTextException.class)
          .hasMessageContaining("$BYTEORD " + order + " is not a permutation of 1..n");
    }
  }

  @Test
  void a_dfc_keyword_naming_parameter_1025_is_ignored_not_allocated_as_a_matrix()
      throws FcsException {
    int par = SpilloverParser.MAX_DFC_DETECTORS + 1;
    String[] names = new String[par];
    int[] bits = new int[par];
    String[] ranges = new String[par];
    for (int i = 0; i < par; i++) {
      names[i] = "P" + (i + 1);
      bits[i] = 8;
      ranges[i] = "256";
    }
    byte[] file = new FcsFileBuilder().listMode("I", "1", 0, names, bits, ranges)
        .keyword("$DFC" + par + "TO1", "5").data(new byte[0]).build();
    FcsDataset d = FcsFile.read(file, "dfc.fcs", FcsReadOptions.defaults()).first();
    assertThat(d.spillover()).isEmpty();
    assertThat(d.notices())
        .anyMatch(n -> n.contains("$DFC keywords name parameter 1025"));
  }

  /** Fuzz finding (FcsReaderFuzzTest, 29 minutes): ASCII DATA sliced at an offset past the end. */
  @Test
  void zero_ascii_events_with_data_offsets_past_the_end_are_an_empty_dataset()
      throws FcsException {
    String text = "/$BYTEORD/1,2,3,4/$DATATYPE/A/$MODE/L/$PAR/1/$TOT/0/$P1B/4/$P1E/0,0/$P1N/X"
        + "/$P1R/1024/$NEXTDATA/0/";
    String header = String.format("FCS3.0    %8d%8d%8d%8d%8d%8d", 58, 58 + text.length() - 1,
        900, 899, 0, 0);
    byte[] file = (header + text).getBytes(StandardCharsets.US_ASCII);
    FcsDataset d = FcsFile.read(file, "empty.fcs", FcsReadOptions.defaults()).first();
    assertThat(d.eventCount()).isZero();
    assertThat(d.doubleColumn(0)).isEmpty();
  }
}
