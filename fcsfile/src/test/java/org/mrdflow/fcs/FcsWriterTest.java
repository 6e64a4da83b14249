package org.mrdflow.fcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The expected bytes here were laid out by hand from the FCS 3.1 text (HEADER fields, keyword
 * order, doubled delimiters, IEEE-754 bytes), not produced by the writer.
 */
class FcsWriterTest {

  private static byte[] bytes(FcsWriter writer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(out);
    return out.toByteArray();
  }

  private static String ascii(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.UTF_8);
  }

  @Test
  void aTinyFileHasExactlyTheHeaderTextAndDataTheStandardPrescribes() throws IOException {
    byte[] file =
        bytes(
            FcsWriter.builder()
                .delimiter('/')
                .parameter("FSC-A", null, 1024)
                .keyword("$CYT", "Test/Cyt")
                .columns(new float[] {1.0f, -2.5f})
                .build());

    String header = "FCS3.1    " + "      58" + "     260" + "     261" + "     268" + "       0" + "       0";
    String text =
        "/$BEGINANALYSIS/0/$ENDANALYSIS/0/$BEGINSTEXT/0/$ENDSTEXT/0/$MODE/L/$BEGINDATA/261"
            + "/$ENDDATA/268/$BYTEORD/1,2,3,4/$DATATYPE/F/$NEXTDATA/0/$PAR/1/$TOT/2/$P1N/FSC-A"
            + "/$P1B/32/$P1E/0,0/$P1R/1024/$CYT/Test//Cyt/";
    assertThat(ascii(file, 0, 58)).isEqualTo(header);
    assertThat(ascii(file, 58, 261)).isEqualTo(text);
    // 1.0f = 0x3F800000, -2.5f = 0xC0200000, little-endian.
    assertThat(Arrays.copyOfRange(file, 261, file.length))
        .containsExactly(0, 0, (byte) 0x80, 0x3F, 0, 0, 0x20, (byte) 0xC0);
  }

  @Test
  void bigEndianDataAreWrittenMostSignificantByteFirstAndDeclaredSo() throws IOException {
    byte[] file =
        bytes(
            FcsWriter.builder()
                .byteOrder(ByteOrder.BIG_ENDIAN)
                .parameter("X", null, 8)
                .columns(new float[] {1.0f})
                .build());
    String text = new String(file, StandardCharsets.UTF_8);
    assertThat(text).contains("/$BYTEORD/4,3,2,1/");
    assertThat(Arrays.copyOfRange(file, file.length - 4, file.length))
        .containsExactly(0x3F, (byte) 0x80, 0, 0);
  }

  @Test
  void labelsRangesAndSpilloverAppearAsFcs31KeywordValues() throws IOException {
    String text =
        new String(
            bytes(
                FcsWriter.builder()
                    .parameter("FSC-A", null, 262144)
                    .parameter("FITC-A", "CD20 FITC", 262144)
                    .parameter("PE-A", "CD10 PE", 262144)
                    .spillover(List.of("FITC-A", "PE-A"), new double[][] {{1, 0.17}, {0.00001, 1}})
                    .columns(new float[1], new float[1], new float[1])
                    .build()),
            StandardCharsets.UTF_8);
    assertThat(text)
        .contains("/$P2N/FITC-A/$P2S/CD20 FITC/$P2B/32/$P2E/0,0/$P2R/262144/")
        .contains("/$SPILLOVER/2,FITC-A,PE-A,1,0.17,0.00001,1/")
        .doesNotContain("$P1S");
  }

  @Test
  void delimitersInsideKeywordsAndValuesAreDoubled() throws IOException {
    String text =
        new String(
            bytes(
                FcsWriter.builder()
                    .delimiter('|')
                    .parameter("A|B", null, 8)
                    .keyword("MY|KEY", "x|y||z")
                    .columns(new float[1])
                    .build()),
            StandardCharsets.UTF_8);
    assertThat(text).contains("|$P1N|A||B|").contains("|MY||KEY|x||y||||z|");
  }

  @Test
  void theDefaultDelimiterAvoidsOneThatAValueBeginsWith() throws IOException {
    String text =
        new String(
            bytes(
                FcsWriter.builder()
                    .parameter("X", null, 8)
                    .keyword("$FIL", "/data/run1.fcs")
                    .columns(new float[1])
                    .build()),
            StandardCharsets.UTF_8);
    assertThat(text.charAt(58)).isEqualTo('|');
    assertThat(text).contains("|$FIL|/data/run1.fcs|");
  }

  @Test
  void fcs32IsDeclaredInTheHeaderDropsTheOptionalSegmentKeywordsAndKeepsModeForCommonReaders()
      throws IOException {
    byte[] file =
        bytes(
            FcsWriter.builder()
                .version(FcsWriter.Version.FCS_3_2)
                .delimiter('/')
                .parameter("X", null, 8)
                .keyword("$CYT", "CytoFLEX")
                .columns(new float[] {3f})
                .build());
    String text = new String(file, StandardCharsets.UTF_8);
    assertThat(text).startsWith("FCS3.2    ");
    // FCS 3.2 deprecates $MODE but permits $MODE/L/; FlowIO, fcsparser and flowCore need it.
    assertThat(text)
        .contains("/$MODE/L/")
        .doesNotContain("$BEGINSTEXT")
        .doesNotContain("$BEGINANALYSIS")
        .contains("/$CYT/CytoFLEX/");
  }

  @Test
  void fcs30HasTheSegmentKeywordsAndCarriesTheSpilloverAsSpill() throws IOException {
    String text = new String(bytes(FcsWriter.builder().version(FcsWriter.Version.FCS_3_0)
        .delimiter('/').parameter("X", null, 8).spillover(List.of("X"), new double[][] {{1}})
        .columns(new float[] {3f}).build()), StandardCharsets.UTF_8);
    assertThat(text).startsWith("FCS3.0    ")
        .contains("/$BEGINANALYSIS/0/$ENDANALYSIS/0/$BEGINSTEXT/0/$ENDSTEXT/0/$MODE/L/")
        .contains("/SPILL/1,X,1/").doesNotContain("$SPILLOVER");
  }

  @Test
  void theDefaultDelimiterIsOneNoKeywordOrValueContainsSoNothingIsEscaped() throws IOException {
    String text = new String(bytes(FcsWriter.builder().parameter("X", null, 8)
        .keyword("$SRC", "tube 1/2").keyword("NOTE", "a|b").columns(new float[1]).build()),
        StandardCharsets.UTF_8);
    assertThat(text.charAt(58)).isEqualTo('\\');
    assertThat(text).contains("\\$SRC\\tube 1/2\\NOTE\\a|b\\");
  }

  @Test
  void fcs32WithoutACytometerKeywordIsRefused() {
    assertThatThrownBy(
            () ->
                FcsWriter.builder()
                    .version(FcsWriter.Version.FCS_3_2)
                    .parameter("X", null, 8)
                    .columns(new float[1])
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("$CYT");
  }

  /** Counts the bytes written and keeps only the first few kilobytes. */
  private static final class HeadKeepingStream extends OutputStream {
    final byte[] head = new byte[4096];
    long count;

    @Override
    public void write(int b) {
      if (count < head.length) {
        head[(int) count] = (byte) b;
      }
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      for (int i = 0; i < len && count + i < head.length; i++) {
        head[(int) count + i] = b[off + i];
      }
      count += len;
    }
  }

  @Test
  void dataEndingBeyond99999999BytesHaveZeroHeaderOffsetsAndTheirPositionInText()
      throws IOException {
    int events = 25_000_000; // 100,000,000 data bytes: DATA must end past byte 99,999,999
    HeadKeepingStream out = new HeadKeepingStream();
    FcsWriter.builder()
        .delimiter('/')
        .parameter("X", null, 8)
        .columns(new float[events])
        .build()
        .write(out);

    String head = new String(out.head, StandardCharsets.US_ASCII);
    assertThat(head.substring(26, 42)).isEqualTo("       0       0");
    long textEnd = Long.parseLong(head.substring(18, 26).trim());
    long begin = textEnd + 1;
    long end = begin + 100_000_000L - 1;
    assertThat(head).contains("/$BEGINDATA/" + begin + "/$ENDDATA/" + end + "/");
    assertThat(out.count).isEqualTo(end + 1);
  }

  @Test
  void dataJustBelowTheLimitKeepTheirHeaderOffsets() throws IOException {
    HeadKeepingStream out = new HeadKeepingStream();
    FcsWriter.builder().delimiter('/').parameter("X", null, 8).columns(new float[1000]).build().write(out);
    String head = new String(out.head, StandardCharsets.US_ASCII);
    long begin = Long.parseLong(head.substring(26, 34).trim());
    long end = Long.parseLong(head.substring(34, 42).trim());
    assertThat(end - begin + 1).isEqualTo(4000);
    assertThat(head).contains("/$BEGINDATA/" + begin + "/$ENDDATA/" + end + "/");
  }

  @Test
  void inconsistentInputIsRefusedWithTheProblemNamed() {
    assertThatThrownBy(
            () -> FcsWriter.builder().parameter("A", null, 8).parameter("B", null, 8)
                .columns(new float[2], new float[3]).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column 2 (B) has 3 events");
    assertThatThrownBy(
            () -> FcsWriter.builder().parameter("A", null, 8).keyword("$TOT", "5")
                .columns(new float[2]).build())
        .hasMessageContaining("$TOT");
    assertThatThrownBy(
            () -> FcsWriter.builder().parameter("A", null, 8).keyword("$p1s", "CD3")
                .columns(new float[2]).build())
        .hasMessageContaining("$p1s");
    assertThatThrownBy(
            () -> FcsWriter.builder().parameter("A", null, 8).keyword("COMMENT", "")
                .columns(new float[2]).build())
        .hasMessageContaining("empty value");
    assertThatThrownBy(
            () -> FcsWriter.builder().parameter("A", null, 8).keyword("$CYT", "x")
                .keyword("$cyt", "y").columns(new float[2]).build())
        .hasMessageContaining("case-insensitive");
    assertThatThrownBy(
            () -> FcsWriter.builder().parameter("A", null, 8)
                .spillover(List.of("B"), new double[][] {{1}}).columns(new float[2]).build())
        .hasMessageContaining("spillover detector B");
    assertThatThrownBy(
            () -> FcsWriter.builder().parameter("A,1", null, 8).columns(new float[2]).build())
        .hasMessageContaining("comma");
    assertThatThrownBy(
            () -> FcsWriter.builder().delimiter('/').parameter("A", null, 8)
                .keyword("$FIL", "/x").columns(new float[2]).build())
        .hasMessageContaining("begins with the delimiter");
  }
}
