package org.mrdflow.simulation.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.gating.mrd.MrdAnalysis;
import org.mrdflow.gating.mrd.MrdPlots;
import org.mrdflow.gating.mrd.MrdStatus;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class MrdPlotsTest {
  /** The figure's layout: 3 columns of 520 x 560 panels under a 134-pixel title. */
  private static final int PANEL_WIDTH = 520;
  private static final int PANEL_HEIGHT = 560;
  private static final int TITLE = 134;
  /** The blasts' fill colour. */
  private static final int BLAST_RGB = 0xEB0000;

  @Test
  void theSvgNamesTheSampleTheCallInWordsAndMrdInPercentAndTitlesEachAxisWithMarkerStainAndChannel(
      @TempDir Path dir) throws Exception {
    MrdAnalysis.SampleAnalysis sample = ClassicSample.analyzed(dir);
    assertThat(sample.result().mrdStatus()).isEqualTo(MrdStatus.POSITIVE);

    List<String> strings = texts(MrdPlots.svg(sample, "sample 7"));

    assertThat(strings).contains("CD45 / SSC: nucleated cells", "CD19 / CD10: SSC-low cells",
        "CD38 / CD45: blast candidates", "Blast score vs CD34+ progenitors (candidates)");
    // The simulator's Canto file: CD19 on PE-Cy7-A with $PnS "CD19 PE-Cy7" (domain brief).
    String cd19Channel = sample.channels().get("CD19");
    String cd19Stain = sample.stains().get("CD19");
    assertThat(cd19Stain).contains("CD19");
    assertThat(strings).contains(cd19Stain + " (" + cd19Channel + ")");
    // MRD as a percentage of nucleated cells, two significant digits (0.5 % = 5e-3).
    double percent = 100.0 * sample.result().blastEvents() / sample.result().nucleatedEvents();
    String title = strings.stream().filter(s -> s.startsWith("sample 7: ")).findFirst()
        .orElseThrow();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "^sample 7: MRD positive, MRD ([0-9.]+) % \\(([0-9,]+) blasts / ([0-9,]+) nucleated\\)$")
        .matcher(title);
    assertThat(m.matches()).as(title).isTrue();
    assertThat(Double.parseDouble(m.group(1))).isEqualTo(new java.math.BigDecimal(percent)
        .round(new java.math.MathContext(2)).doubleValue());
    assertThat(Long.parseLong(m.group(2).replace(",", ""))).isEqualTo(
        sample.result().blastEvents());
    assertThat(strings).noneMatch(s -> s.contains("gating:") || s.contains("POSITIVE_"));
    // Decade labels: "10" with its exponent drawn apart, for each decade up to the top of scale.
    assertThat(strings).contains("10", "3", "4", "5", "0");
  }

  @Test
  void blastsAreBackGatedAndVisibleOnEveryDotPlot(@TempDir Path dir) throws Exception {
    MrdAnalysis.SampleAnalysis sample = ClassicSample.analyzed(dir);

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(MrdPlots.png(sample, "c")));

    assertThat(image.getWidth()).isEqualTo(3 * PANEL_WIDTH);
    // Eight dot plots, then the score histogram: each dot plot shows blast-red pixels (drawn
    // last, so not hidden under the B cells), also FSC/FSC-H and CD10/CD20 where the old
    // figure showed none.
    for (int panel = 0; panel < 8; panel++) {
      int x0 = (panel % 3) * PANEL_WIDTH;
      int y0 = TITLE + (panel / 3) * PANEL_HEIGHT;
      int red = 0;
      for (int y = y0 + 30; y < y0 + PANEL_HEIGHT - 120; y++) {
        for (int x = x0 + 74; x < x0 + PANEL_WIDTH - 16; x++) {
          red += (image.getRGB(x, y) & 0xFFFFFF) == BLAST_RGB ? 1 : 0;
        }
      }
      // Each blast is a 5-pixel disc (about 13 pure pixels when alone); overlap lowers it.
      assertThat(red).as("blast pixels in panel %d", panel)
          .isGreaterThan((int) Math.min(sample.result().blastEvents(), 200));
    }
  }

  @Test
  void thePngIsDrawnInMemoryAndTheFileWritersStoreTheSameBytesNamedForWhatTheyAre(
      @TempDir Path dir) throws Exception {
    MrdAnalysis.SampleAnalysis sample = ClassicSample.analyzed(dir);

    byte[] png = MrdPlots.png(sample, "classic");

    // PNG signature (RFC 2083 section 3.1), then a decodable image.
    assertThat(Arrays.copyOf(png, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a,
        '\n');
    assertThat(ImageIO.read(new ByteArrayInputStream(png))).isNotNull();
    assertThat(MrdPlots.write(sample, "classic", dir)).hasFileName("classic.gating.png")
        .hasBinaryContent(png);
    assertThat(MrdPlots.writeSvg(sample, "classic", dir)).hasFileName("classic.gating.svg")
        .hasBinaryContent(MrdPlots.svg(sample, "classic"));
  }

  /** The text elements of an SVG parsed strictly (well-formed XML or an exception), offline. */
  private static List<String> texts(byte[] svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
    NodeList texts = doc.getElementsByTagName("text");
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < texts.getLength(); i++) {
      strings.add(texts.item(i).getTextContent());
    }
    return strings;
  }
}
