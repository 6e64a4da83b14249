package org.mrdflow.pipeline.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
  @TempDir Path tmp;

  @Test
  void aCsvManifestIsReadWithIsoDatesAndExtraColumns() throws Exception {
    Path csv = Files.writeString(tmp.resolve("m.csv"),
        "File,patient_id,specimen_id,collection_date,timepoint,site\n"
            + "a.fcs,P1,S1,2026-02-03,\"CAR-T +28d\",Leeds\n"
            + "sub/b.fcs,,,2026-02-04T09:30:00,pre-HSCT,\n");

    Manifest m = Manifest.read(new org.apache.hadoop.conf.Configuration(), csv.toString());

    assertThat(m.rows()).hasSize(2);
    ManifestRow a = m.rows().get(0);
    assertThat(a.file()).isEqualTo("a.fcs");
    assertThat(a.collectionDate()).isEqualTo(LocalDate.of(2026, 2, 3));
    assertThat(a.timepoint()).isEqualTo("CAR-T +28d");
    assertThat(a.extra()).containsExactly(java.util.Map.entry("site", "Leeds"));
    assertThat(m.rows().get(1).patientId()).isNull();
    assertThat(m.rows().get(1).collectionDate()).isEqualTo(LocalDate.of(2026, 2, 4));
    assertThat(m.carriesIdentifiers()).isTrue();
  }

  @Test
  void missingColumnsBadDatesAndDuplicateFilesAreRefusedNamingTheManifest() throws Exception {
    Path noColumn = Files.writeString(tmp.resolve("nocol.csv"), "file,patient_id,collection_date\na.fcs,P1,2026-01-01\n");
    assertThatThrownBy(() -> Manifest.read(new org.apache.hadoop.conf.Configuration(), noColumn.toString()))
        .isInstanceOf(InputException.class).hasMessageContaining("nocol.csv").hasMessageContaining("specimen_id");
    Path badDate = Files.writeString(tmp.resolve("date.csv"),
        "file,patient_id,specimen_id,collection_date,timepoint\na.fcs,P1,S1,03/02/2026,x\n");
    assertThatThrownBy(() -> Manifest.read(new org.apache.hadoop.conf.Configuration(), badDate.toString()))
        .isInstanceOf(InputException.class).hasMessageContaining("row 1").hasMessageContaining("03/02/2026");
    Path dup = Files.writeString(tmp.resolve("dup.csv"),
        "file,patient_id,specimen_id,collection_date,timepoint\na.fcs,P1,S1,2026-01-01,x\na.fcs,P2,S2,2026-01-01,x\n");
    assertThatThrownBy(() -> Manifest.read(new org.apache.hadoop.conf.Configuration(), dup.toString()))
        .isInstanceOf(InputException.class).hasMessageContaining("listed twice");
  }

  @Test
  void quotedCsvFieldsMayHoldCommasQuotesAndLineBreaks() throws Exception {
    Path csv = Files.writeString(tmp.resolve("q.csv"), "\uFEFFfile,patient_id,specimen_id,collection_date,timepoint,note\r\n"
        + "\"a,1.fcs\",P1,S1,2026-02-03,\"day \"\"28\"\"\",\"two\nlines\"\r\n"
        + "\r\n"
        + "b.fcs,P2,S2,,pre-HSCT\r\n");
    Manifest m = Manifest.read(new org.apache.hadoop.conf.Configuration(), csv.toString());
    assertThat(m.rows()).hasSize(2);
    assertThat(m.rows().get(0).file()).isEqualTo("a,1.fcs");
    assertThat(m.rows().get(0).timepoint()).isEqualTo("day \"28\"");
    assertThat(m.rows().get(0).extra()).containsExactly(java.util.Map.entry("note", "two\nlines"));
    assertThat(m.rows().get(1).collectionDate()).isNull();
    assertThat(m.rows().get(1).extra()).isEmpty();
  }

  @Test
  void aParquetManifestWrittenByDuckDbIsReadWithItsDateColumn() throws Exception {
    Path parquet = tmp.resolve("m.parquet");
    org.mrdflow.pipeline.testing.DuckDb.execute("COPY (SELECT 'a.fcs' AS file, 'P1' AS patient_id, 'S1' AS specimen_id,"
        + " DATE '2026-02-03' AS collection_date, 'pre-HSCT' AS timepoint, 42 AS blasts_pct) TO '" + parquet
        + "' (FORMAT PARQUET)");
    Manifest m = Manifest.read(new org.apache.hadoop.conf.Configuration(), parquet.toString());
    assertThat(m.rows()).hasSize(1);
    ManifestRow a = m.rows().get(0);
    assertThat(a.patientId()).isEqualTo("P1");
    assertThat(a.collectionDate()).isEqualTo(LocalDate.of(2026, 2, 3));
    assertThat(a.extra()).containsExactly(java.util.Map.entry("blasts_pct", "42"));
  }
}
