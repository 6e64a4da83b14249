package org.mrdflow.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.pipeline.input.InputFile;
import org.mrdflow.pipeline.privacy.KeywordAllowList;
import org.mrdflow.pipeline.testing.FakeAnalyzer;
import org.mrdflow.pipeline.testing.FakeFcs;

/** One file's work without Spark: the memory checks that turn a too-large file into a typed row. */
class SampleTaskTest {
  private static final long MB = 1024 * 1024;

  @TempDir Path tmp;

  private static SampleTask task(int tasksPerJvm) {
    return new SampleTask(new FakeAnalyzer(), new KeywordAllowList(List.of()), Long.MAX_VALUE, "test", null,
        tasksPerJvm);
  }

  /** A file as the driver plans it, named in clear (as with --keep-file-names). */
  private static PlannedSample planned(InputFile input) {
    return new PlannedSample(input, input.relativePath(), input.fileName(), null, null);
  }

  private static Row sample(SampleTask.Result r) {
    return r.outcome().getAs("sample");
  }

  @Test
  void aFileBiggerThanAQuarterOfItsTasksHeapShareIsTooLargeBeforeItIsRead() throws Exception {
    Map<String, String> fields = FakeFcs.sample(1000, 0);
    fields.put("padding", "x".repeat((int) (2 * MB)));
    Path file = FakeFcs.write(tmp.resolve("big.fcs"), fields);
    InputFile input = new InputFile(file.toUri().toString(), "big.fcs", java.nio.file.Files.size(file));
    // So many tasks share the heap that each may count on about 4 MB: a 2 MB file needs ~8 MB.
    int crowded = (int) (Runtime.getRuntime().maxMemory() / (4 * MB));

    Row tooLarge = sample(task(crowded).run(planned(input), new Configuration()));
    Row alone = sample(task(1).run(planned(input), new Configuration()));

    assertThat(tooLarge.<String>getAs("status")).isEqualTo("FAILED");
    assertThat(tooLarge.<String>getAs("error_code")).isEqualTo("TOO_LARGE");
    assertThat(tooLarge.<String>getAs("error_message")).contains("big.fcs", "heap per task");
    // Not analysed, yet identified: the content hash is streamed, so sample_id is set.
    assertThat(tooLarge.<String>getAs("file_sha256")).isEqualTo(
        SampleIdentity.sha256Hex(java.nio.file.Files.readAllBytes(file)));
    assertThat(tooLarge.<String>getAs("sample_id")).isEqualTo(alone.<String>getAs("sample_id")).isNotNull();
    assertThat(alone.<String>getAs("status")).isEqualTo("OK");
  }

  @Test
  void anOutOfMemoryErrorInTheAnalysisIsCaughtAtTheFileAndBecomesTooLarge() throws Exception {
    Map<String, String> fields = FakeFcs.sample(1000, 0);
    fields.put("oom", "yes");
    Path file = FakeFcs.write(tmp.resolve("oom.fcs"), fields);
    InputFile input = new InputFile(file.toUri().toString(), "oom.fcs", java.nio.file.Files.size(file));

    SampleTask.Result r = task(1).run(planned(input), new Configuration());

    assertThat(sample(r).<String>getAs("error_code")).isEqualTo("TOO_LARGE");
    assertThat(r.outcome().<Row>getAs("mrd")).isNull();
    assertThat(r.events()).isZero();
  }
}
