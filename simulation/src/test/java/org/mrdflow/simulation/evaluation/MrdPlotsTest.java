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
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class MrdPlotsTest {

  @Test
  void theSvgIsWellFormedXmlWithTheSevenPanelsTitledAsInTheIssue(@TempDir Path dir)
      throws Exception {
    MrdAnalysis.SampleAnalysis sample = ClassicSample.analyzed(dir);

    byte[] svg = MrdPlots.svg(sample, "sample 7");

    // A strict XML parser (throws on anything that is not well-formed), offline: the SVG 1.1
    // DOCTYPE's external DTD is not fetched.
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
    assertThat(strings).contains("CD45 / SSC (nucleated)", "FSC-A / FSC-H (time-OK events)",
        "CD19 / SSC (nucleated)", "CD10 / CD19 (SSC-low)",
        "CD34 / CD38 (B lineage + CD19- arm)", "CD20 / CD10 (B lineage)",
        "CD10 / CD45 (SSC-low CD19-)");
    assertThat(strings).anyMatch(s -> s.startsWith("sample 7: POSITIVE"));
  }

  @Test
  void thePngIsDrawnInMemoryAndTheFileWritersStoreTheSameBytes(@TempDir Path dir)
      throws Exception {
    MrdAnalysis.SampleAnalysis sample = ClassicSample.analyzed(dir);

    byte[] png = MrdPlots.png(sample, "classic");

    // PNG signature (RFC 2083 section 3.1), then a decodable image of the figure's size.
    assertThat(Arrays.copyOf(png, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a,
        '\n');
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(4 * 520);
    assertThat(MrdPlots.write(sample, "classic", dir)).hasFileName("classic.mrd.png")
        .hasBinaryContent(png);
    assertThat(MrdPlots.writeSvg(sample, "classic", dir)).hasFileName("classic.mrd.svg")
        .hasBinaryContent(MrdPlots.svg(sample, "classic"));
  }
}
