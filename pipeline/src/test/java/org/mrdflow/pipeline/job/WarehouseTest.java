package org.mrdflow.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseTest {
  private static final LocalDate DAY1 = LocalDate.of(2026, 11, 20);
  private static final LocalDate DAY2 = LocalDate.of(2026, 11, 21);

  @TempDir Path out;

  private Warehouse warehouse() throws IOException {
    return new Warehouse(FileSystem.getLocal(new Configuration()).getRaw(), new org.apache.hadoop.fs.Path(out.toString()));
  }

  private static Path local(org.apache.hadoop.fs.Path p) {
    return Path.of(p.toUri().getPath());
  }

  private static void stage(Warehouse.Staging s, String table, String content) throws IOException {
    Path dir = local(s.table(table));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("part-0.parquet"), content);
    Files.createDirectories(local(s.runFolder()));
    Files.writeString(local(s.runFolder()).resolve("provenance.json"), content);
  }

  @Test
  void stagedTablesAreInvisibleUntilCommitThenAppearUnderTheirPartition() throws Exception {
    Warehouse w = warehouse();
    Warehouse.Staging s = w.begin("r1", DAY1);
    stage(s, "samples", "v1");
    assertThat(out.resolve("samples")).doesNotExist();

    w.commit(s, List.of("samples"));

    assertThat(out.resolve("samples/run_date=2026-11-20/run_id=r1/part-0.parquet")).hasContent("v1");
    assertThat(out.resolve("runs/r1/provenance.json")).hasContent("v1");
    assertThat(out.resolve("_staging")).isEmptyDirectory();
  }

  @Test
  void recommittingARunIdReplacesItEvenFromAnotherDayAndKeepsOtherRuns() throws Exception {
    Warehouse w = warehouse();
    Warehouse.Staging a = w.begin("r1", DAY1);
    stage(a, "samples", "old");
    w.commit(a, List.of("samples"));
    Warehouse.Staging other = w.begin("r2", DAY1);
    stage(other, "samples", "other");
    w.commit(other, List.of("samples"));

    Warehouse.Staging b = w.begin("r1", DAY2);
    stage(b, "samples", "new");
    w.commit(b, List.of("samples"));

    assertThat(out.resolve("samples/run_date=2026-11-20/run_id=r1")).doesNotExist();
    assertThat(out.resolve("samples/run_date=2026-11-21/run_id=r1/part-0.parquet")).hasContent("new");
    assertThat(out.resolve("samples/run_date=2026-11-20/run_id=r2/part-0.parquet")).hasContent("other");
  }

  @Test
  void aCommitKilledAfterItsJournalIsCompletedByTheNextRun() throws Exception {
    Warehouse w = warehouse();
    Warehouse.Staging s = w.begin("r1", DAY1);
    stage(s, "samples", "s");
    stage(s, "mrd_results", "m");
    // What a kill between the journal and the renames leaves: the journal and all staged data.
    Files.writeString(local(s.dir()).resolve("_COMMIT"),
        "{\"runId\":\"r1\",\"runDate\":\"2026-11-20\",\"tables\":[\"samples\",\"mrd_results\"]}");

    w.begin("r9", DAY2);

    assertThat(out.resolve("samples/run_date=2026-11-20/run_id=r1/part-0.parquet")).hasContent("s");
    assertThat(out.resolve("mrd_results/run_date=2026-11-20/run_id=r1/part-0.parquet")).hasContent("m");
    assertThat(out.resolve("runs/r1/provenance.json")).exists();
    assertThat(Files.exists(local(s.dir()))).isFalse();
  }

  @Test
  void anUncommittedAttemptIsDiscardedWhenItsRunIdStartsAgain() throws Exception {
    Warehouse w = warehouse();
    Warehouse.Staging killed = w.begin("r1", DAY1);
    stage(killed, "samples", "partial");
    Warehouse.Staging unrelated = w.begin("r2", DAY1);

    w.begin("r1", DAY1);

    assertThat(Files.exists(local(killed.dir()))).isFalse();
    assertThat(Files.exists(local(unrelated.dir()))).isTrue();
    assertThat(out.resolve("samples")).doesNotExist();
  }

  @Test
  void runIdsMustBeSafeFolderNames() {
    assertThat(Warehouse.isValidRunId("2026-11-21.night_2")).isTrue();
    assertThat(Warehouse.isValidRunId("../x")).isFalse();
    assertThat(Warehouse.isValidRunId("_hidden")).isFalse();
    assertThat(Warehouse.isValidRunId("a/b")).isFalse();
    assertThat(Warehouse.isValidRunId("a@b")).isFalse();
  }
}
