package org.mrdflow.gating.gatingml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mrdflow.gating.gate.RectangleGate;
import org.mrdflow.gating.strategy.GatingStrategy;

class GatingMlReaderTest {
  private static final String HEAD = "<gating:Gating-ML"
      + " xmlns:gating=\"http://www.isac-net.org/std/Gating-ML/v2.0/gating\""
      + " xmlns:transforms=\"http://www.isac-net.org/std/Gating-ML/v2.0/transformations\""
      + " xmlns:data-type=\"http://www.isac-net.org/std/Gating-ML/v2.0/datatypes\">";

  private static GatingStrategy read(String body) {
    return GatingMlReader.read("test.xml",
        new ByteArrayInputStream((HEAD + body + "</gating:Gating-ML>")
            .getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void malformedDocumentsAreTypedErrorsNamingTheSource() {
    assertThatThrownBy(() -> GatingMlReader.read("broken.xml",
        new ByteArrayInputStream("<gating:Gating-ML".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(GatingMlException.class).hasMessageStartingWith("broken.xml: not well-formed");
    assertThatThrownBy(() -> GatingMlReader.read("other.xml",
        new ByteArrayInputStream("<a/>".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(GatingMlException.class).hasMessageContaining("not gating:Gating-ML");
    assertThatThrownBy(() -> read("<transforms:transformation transforms:id=\"t\">"
        + "<transforms:logicle transforms:T=\"1000\" transforms:W=\"3\" transforms:M=\"4\""
        + " transforms:A=\"0\"/></transforms:transformation>"))
        .isInstanceOf(GatingMlException.class)
        .hasMessageContaining("transformation t").hasMessageContaining("0 <= W <= M/2");
    assertThatThrownBy(() -> read("<gating:RectangleGate gating:id=\"r\"><gating:dimension>"
        + "<data-type:fcs-dimension data-type:name=\"FSC-H\"/></gating:dimension>"
        + "</gating:RectangleGate>"))
        .isInstanceOf(GatingMlException.class)
        .hasMessageContaining("RectangleGate r").hasMessageContaining("neither min nor max");
  }

  @Test
  void documentTypeDeclarationsAreRefused() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        + HEAD + "</gating:Gating-ML>";
    assertThatThrownBy(() -> GatingMlReader.read("xxe.xml",
        new ByteArrayInputStream(xxe.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(GatingMlException.class);
  }

  @Test
  void infiniteBoundsAreReadInXmlSchemaSpelling() {
    GatingStrategy strategy = read("<gating:RectangleGate gating:id=\"r\">"
        + "<gating:dimension gating:compensation-ref=\"uncompensated\" gating:min=\"INF\">"
        + "<data-type:fcs-dimension data-type:name=\"FSC-H\"/></gating:dimension>"
        + "</gating:RectangleGate>");
    RectangleGate gate = (RectangleGate) strategy.population("r").orElseThrow().gate();
    assertThat(gate.min()[0]).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(gate.max()[0]).isEqualTo(Double.POSITIVE_INFINITY);
  }
}
