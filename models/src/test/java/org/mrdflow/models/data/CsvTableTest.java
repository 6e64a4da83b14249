package org.mrdflow.models.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.mrdflow.models.StatsInputException;

class CsvTableTest {

  @Test
  void naAndEmptyFieldsAreMissing() throws Exception {
    CsvTable t = CsvTable.read(new StringReader("time,age,arm\n5,NA,a\n7,,b\n"), "mem.csv");
    assertThat(t.rowCount()).isEqualTo(2);
    assertThat(t.numeric("time")).containsExactly(5, 7);
    assertThat(t.numeric("age")).containsOnly(Double.NaN);
    assertThat(t.text("arm")).containsExactly("a", "b");
  }

  @Test
  void aNonNumericValueNamesFileColumnAndRow() throws Exception {
    CsvTable t = CsvTable.read(new StringReader("time\n5\nfive\n"), "mem.csv");
    assertThatThrownBy(() -> t.numeric("time")).isInstanceOf(StatsInputException.class)
        .hasMessageContaining("mem.csv").hasMessageContaining("row 2")
        .hasMessageContaining("five");
  }

  @Test
  void aShortLineAndAQuotedFieldAreRejected() {
    assertThatThrownBy(() -> CsvTable.read(new StringReader("a,b\n1\n"), "x.csv"))
        .isInstanceOf(StatsInputException.class).hasMessageContaining("line 2");
    assertThatThrownBy(() -> CsvTable.read(new StringReader("a\n\"1\"\n"), "x.csv"))
        .isInstanceOf(StatsInputException.class).hasMessageContaining("quote");
  }
}
