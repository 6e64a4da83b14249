package org.mrdflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.pipeline.testing.FakeFcs;
import org.mrdflow.pipeline.testing.Runs;
import org.mrdflow.pipeline.testing.TestSpark;

class RunCommandTest {
  @BeforeAll
  static void startTheSharedSession() {
    TestSpark.session(); // the test JVM's one session; the commands reuse it
  }

  @Test
  void everyPipelineCommandHasHelp() {
    CliRun run = CliRun.run("run", "--help");
    CliRun demo = CliRun.run("demo", "--help");
    CliRun bench = CliRun.run("bench", "pipeline", "--help");
    assertThat(run.exit()).isZero();
    assertThat(demo.exit()).isZero();
    assertThat(bench.exit()).isZero();
    assertThat(run.out() + demo.out() + bench.out())
        .contains("--input", "--manifest", "--run-id", "--events", "--json", "--files", "--incremental",
            "--keep-file-names", "--keep-identifiers-in-clear", "--collection-date");
  }

  @Test
  void anUnknownCollectionDateModeIsAUsageErrorListingTheModes(@TempDir Path tmp) {
    CliRun r = CliRun.run("run", "--input", tmp.toString(), "--output", tmp.resolve("out").toString(),
        "--collection-date", "week");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("'week' is not one of exact, month, year, shift");
  }

  @Test
  void anInputThatDoesNotExistIsBadInputNamingIt(@TempDir Path tmp) {
    String conf = Runs.repositoryRoot().resolve("conf/mrdflow.yaml").toString();
    CliRun r = CliRun.run("run", "--input", tmp.resolve("missing-night").toString(), "--output",
        tmp.resolve("out").toString(), "--conf", conf);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("missing-night").hasLineCount(1);
  }

  @Test
  void aManifestWithIdentifiersAndNoKeyIsRefusedBeforeAnyOutput(@TempDir Path tmp) throws Exception {
    // Holds only when the test environment has no key; a developer's shell might export one.
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("MRDFLOW_PSEUDONYM_KEY") == null);
    FakeFcs.write(tmp.resolve("in/a.fcs"), FakeFcs.sample(1000, 0));
    Path manifest = Files.writeString(tmp.resolve("m.csv"),
        "file,patient_id,specimen_id,collection_date,timepoint\na.fcs,P-77,S-1,2026-01-01,pre-HSCT\n");
    CliRun r = CliRun.run("run", "--input", tmp.resolve("in").toString(), "--output", tmp.resolve("out").toString(),
        "--manifest", manifest.toString(), "--conf", Runs.repositoryRoot().resolve("conf/mrdflow.yaml").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("m.csv", "MRDFLOW_PSEUDONYM_KEY", "--keep-identifiers-in-clear");
    assertThat(tmp.resolve("out/samples")).doesNotExist();
  }
}
