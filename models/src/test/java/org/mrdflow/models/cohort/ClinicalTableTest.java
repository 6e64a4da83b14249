package org.mrdflow.models.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.models.simulate.CohortSimulator;
import org.mrdflow.models.simulate.SimulationSettings;

class ClinicalTableTest {

  @TempDir Path dir;

  private static List<Map<String, String>> readCsv(Path path) throws IOException {
    List<String> lines = Files.readAllLines(path);
    String[] header = lines.get(0).split(",", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], cells[i]);
      }
      rows.add(row);
    }
    return rows;
  }

  @Test
  void aWrittenCsvReadsBackAsTheSameRecords() throws IOException {
    List<ClinicalRecord> records = CohortSimulator.simulate(SimulationSettings.seed002(1)).clinical();
    Path csv = dir.resolve("clinical.csv");
    ClinicalTable.writeCsv(records, csv);
    assertThat(ClinicalTable.fromRows(ClinicalTable.COLUMNS, readCsv(csv))).isEqualTo(records);
  }

  private static Map<String, String> validRow() {
    Map<String, String> row = new HashMap<>();
    row.put("patient_key", "P1");
    row.put("car_t_infusion_date", "2020-01-01");
    row.put("last_follow_up_date", "2021-01-01");
    row.put("age_years", "34");
    row.put("sex", "F");
    row.put("prior_relapses", "2");
    row.put("prior_allo_hsct", "no");
    row.put("poor_risk_cytogenetics", "1");
    row.put("ldh_above_uln", "false");
    row.put("car_t_source", "donor-derived allogeneic");
    return row;
  }

  @Test
  void optionalCellsMayBeBlankAndWordsAreAccepted() {
    ClinicalRecord r = ClinicalTable.fromRows(ClinicalTable.COLUMNS, List.of(validRow())).get(0);
    assertThat(r.transplantDate()).isNull();
    assertThat(r.covariates().plateletsPerNanoliter()).isNaN();
    assertThat(r.covariates().carTSource()).isEqualTo(CarTSource.DONOR_DERIVED_ALLOGENEIC);
    assertThat(r.covariates().poorRiskCytogenetics()).isTrue();
  }

  @Test
  void unparseableCellsNameRowPatientAndColumn() {
    Map<String, String> bad = validRow();
    bad.put("relapse_date", "12/03/2020");
    assertThatThrownBy(() -> ClinicalTable.fromRows(ClinicalTable.COLUMNS, List.of(validRow(), bad)))
        .isInstanceOf(ClinicalDataException.class)
        .hasMessage("clinical row 2 (patient_key P1): relapse_date '12/03/2020' is not an ISO date (YYYY-MM-DD)");
    Map<String, String> halfRelapse = validRow();
    halfRelapse.put("prior_relapses", "1.5");
    assertThatThrownBy(() -> ClinicalTable.fromRows(ClinicalTable.COLUMNS, List.of(halfRelapse)))
        .hasMessage("clinical row 1 (patient_key P1): prior_relapses '1.5' is not a whole number");
  }

  @Test
  void aMissingRequiredColumnIsNamed() {
    List<String> columns = new ArrayList<>(ClinicalTable.COLUMNS);
    columns.remove("sex");
    assertThatThrownBy(() -> ClinicalTable.fromRows(columns, List.of()))
        .hasMessage("the clinical table has no column 'sex'");
  }
}
