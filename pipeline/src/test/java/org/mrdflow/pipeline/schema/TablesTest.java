package org.mrdflow.pipeline.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.mrdflow.gating.mrd.MrdResult;
import org.mrdflow.pipeline.testing.FakeAnalyzer;

class TablesTest {

  private static List<String> names(StructType schema) {
    return Arrays.stream(schema.fields()).map(StructField::name).toList();
  }

  @Test
  void everyTableHasAtLeastTheColumnsOfTheArchitectureContract() {
    // architecture.md "Parquet contract" (run_id is the partition column, outside the files).
    assertThat(names(Tables.SAMPLES_SCHEMA)).contains("sample_id", "source_path", "file_sha256", "fcs_version",
        "instrument", "total_events", "patient_key", "status", "error_code", "error_message");
    assertThat(names(Tables.MRD_RESULTS_SCHEMA)).contains("sample_id", "patient_key", "nucleated_events",
        "blast_events", "mrd_fraction", "mrd_status", "status_reason", "sensitivity", "lod_events", "lloq_events",
        "cd19_pos_blast_events", "cd19_pos_blast_fraction", "hcd19_car_eligible", "lymphocyte_events",
        "b_cell_events", "b_cell_fraction_of_lymphocytes", "b_cell_aplasia", "hematogone_events", "panel_limited",
        "qc_flags", "gating_strategy_id", "gating_strategy_sha256", "pipeline_version");
    assertThat(names(Tables.POPULATIONS_SCHEMA)).contains("sample_id", "population", "parent", "events",
        "fraction_of_parent", "fraction_of_nucleated", "marker_medians");
  }

  @Test
  void everyColumnIsDocumented() {
    for (StructType schema : List.of(Tables.SAMPLES_SCHEMA, Tables.MRD_RESULTS_SCHEMA, Tables.POPULATIONS_SCHEMA,
        Tables.eventsSchema(List.of("cd19")), Tables.PATIENT_TIMELINE_SCHEMA)) {
      for (StructField f : schema.fields()) {
        assertThat(f.getComment().isDefined()).as(f.name()).isTrue();
        assertThat(f.getComment().get()).as(f.name()).isNotBlank();
      }
    }
  }

  @Test
  void theAcquisitionColumnsAreAddedAtTheEndOfMrdResultsAndCarryTheResultsValues() {
    List<String> names = names(Tables.MRD_RESULTS_SCHEMA);
    assertThat(names.subList(names.size() - 3, names.size()))
        .containsExactly("saturated_fraction", "dna_negative_events", "compensation_source");
    MrdResult fake = FakeAnalyzer.result(java.util.Map.of());
    MrdResult lab = new MrdResult(fake.nucleatedEvents(), fake.blastEvents(), fake.mrdFraction(),
        fake.mrdStatus(), fake.statusReason(), fake.sensitivity(), fake.lodEvents(),
        fake.lloqEvents(), fake.cd19PosBlastEvents(), fake.cd19PosBlastFraction(),
        fake.hcd19CarEligible(), fake.lymphocyteEvents(), fake.bCellEvents(),
        fake.bCellFractionOfLymphocytes(), fake.bCellAplasia(), fake.hematogoneEvents(),
        fake.panelLimited(), fake.qcFlags(), fake.gatingStrategyId(),
        fake.gatingStrategySha256(), fake.populations(), fake.referencesUsed(),
        fake.timeQcRemovedFraction(), fake.negativeControlPositiveFraction(),
        fake.progenitorFraction(), fake.granulocyteFraction(), 0.22, 4_321L, "lab:canto-2026");
    Row withDye = OutcomeRows.mrd("s1", null, lab, List.of(), "v");
    assertThat((Double) withDye.getAs("saturated_fraction")).isEqualTo(0.22);
    assertThat((Long) withDye.getAs("dna_negative_events")).isEqualTo(4_321L);
    assertThat((String) withDye.getAs("compensation_source")).isEqualTo("lab:canto-2026");
    Row noDye = OutcomeRows.mrd("s1", null, fake, List.of(), "v");
    assertThat((Object) noDye.getAs("dna_negative_events")).isNull();
  }
}
