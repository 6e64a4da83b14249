package org.mrdflow.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.pipeline.testing.FakeFcs;
import org.mrdflow.pipeline.testing.Runs;
import org.mrdflow.pipeline.testing.TestSpark;
import picocli.CommandLine;

class RunCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int execute(String... args) {
    TestSpark.session(); // the test JVM's one session; the command reuses it
    CommandLine cli = MrdflowCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void everyPipelineCommandHasHelp() {
    assertThat(execute("run", "--help")).isZero();
    assertThat(execute("demo", "--help")).isZero();
    assertThat(execute("bench", "pipeline", "--help")).isZero();
    assertThat(out.toString()).contains("--input", "--manifest", "--run-id", "--events", "--json", "--files");
  }

  @Test
  void anInputThatDoesNotExistIsBadInputNamingIt(@TempDir Path tmp) {
    String conf = Runs.repositoryRoot().resolve("conf/mrdflow.yaml").toString();
    int status = execute("run", "--input", tmp.resolve("missing-night").toString(), "--output",
        tmp.resolve("out").toString(), "--conf", conf);
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("missing-night").hasLineCount(1);
  }

  @Test
  void aManifestWithIdentifiersAndNoKeyIsRefusedBeforeAnyOutput(@TempDir Path tmp) throws Exception {
    // Holds only when the test environment has no key; a developer's shell might export one.
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("MRDFLOW_PSEUDONYM_KEY") == null);
    FakeFcs.write(tmp.resolve("in/a.fcs"), FakeFcs.sample(1000, 0));
    Path manifest = Files.writeString(tmp.resolve("m.csv"),
        "file,patient_id,specimen_id,collection_date,timepoint\na.fcs,P-77,S-1,2026-01-01,pre-HSCT\n");
    int status = execute("run", "--input", tmp.resolve("in").toString(), "--output", tmp.resolve("out").toString(),
        "--manifest", manifest.toString(), "--conf", Runs.repositoryRoot().resolve("conf/mrdflow.yaml").toString());
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("m.csv", "MRDFLOW_PSEUDONYM_KEY", "--keep-identifiers-in-clear");
    assertThat(tmp.resolve("out/samples")).doesNotExist();
  }
}
