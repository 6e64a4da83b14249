package org.mrdflow.simulation.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    Path svg = MrdPlots.writeSvg(sample, "classic", dir);

    // A strict XML parser (throws on anything that is not well-formed), offline: the SVG 1.1
    // DOCTYPE's external DTD is not fetched.
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document doc = factory.newDocumentBuilder().parse(svg.toFile());
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
    assertThat(strings).anyMatch(s -> s.startsWith("classic: POSITIVE"));
    assertThat(MrdPlots.write(sample, "classic", dir)).isNotEmptyFile()
        .hasFileName("classic.mrd.png");
  }
}
