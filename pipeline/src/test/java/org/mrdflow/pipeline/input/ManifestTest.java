package org.mrdflow.pipeline.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.pipeline.testing.TestSpark;

class ManifestTest {
  @TempDir Path tmp;

  @Test
  void aCsvManifestIsReadWithIsoDatesAndExtraColumns() throws Exception {
    Path csv = Files.writeString(tmp.resolve("m.csv"),
        "File,patient_id,specimen_id,collection_date,timepoint,site\n"
            + "a.fcs,P1,S1,2026-02-03,\"CAR-T +28d\",Leeds\n"
            + "sub/b.fcs,,,2026-02-04T09:30:00,pre-HSCT,\n");

    Manifest m = Manifest.read(TestSpark.session(), csv.toString());

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
    assertThatThrownBy(() -> Manifest.read(TestSpark.session(), noColumn.toString()))
        .isInstanceOf(InputException.class).hasMessageContaining("nocol.csv").hasMessageContaining("specimen_id");
    Path badDate = Files.writeString(tmp.resolve("date.csv"),
        "file,patient_id,specimen_id,collection_date,timepoint\na.fcs,P1,S1,03/02/2026,x\n");
    assertThatThrownBy(() -> Manifest.read(TestSpark.session(), badDate.toString()))
        .isInstanceOf(InputException.class).hasMessageContaining("row 1").hasMessageContaining("03/02/2026");
    Path dup = Files.writeString(tmp.resolve("dup.csv"),
        "file,patient_id,specimen_id,collection_date,timepoint\na.fcs,P1,S1,2026-01-01,x\na.fcs,P2,S2,2026-01-01,x\n");
    assertThatThrownBy(() -> Manifest.read(TestSpark.session(), dup.toString()))
        .isInstanceOf(InputException.class).hasMessageContaining("listed twice");
  }
}
