package org.mrdflow.gating.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mrdflow.gating.ComplianceData;

class FcsEventsTest {
  @Test
  void scaleValuesOfData1EqualThoseOfTheIndependentPythonDecoder() {
    EventTable fromReader = ComplianceData.data1().events();
    EventTable fromPython = ComplianceData.data1FromPythonDecoder().events();
    assertThat(fromReader.channelNames()).isEqualTo(fromPython.channelNames());
    assertThat(fromReader.channel(2).label()).isEqualTo("CD4 FITC");
    for (int c = 0; c < fromReader.channelCount(); c++) {
      assertThat(fromReader.column(c)).as(fromReader.channel(c).name())
          .isEqualTo(fromPython.column(c));
    }
  }
}
