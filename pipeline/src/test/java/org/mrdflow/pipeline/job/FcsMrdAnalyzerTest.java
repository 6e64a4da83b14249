package org.mrdflow.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.gating.mrd.MrdPlots;
import org.mrdflow.simulation.MarrowSimulator;
import org.mrdflow.simulation.SampleSpec;
import org.mrdflow.simulation.Scenario;
import org.mrdflow.simulation.SimulationFiles;
import org.mrdflow.pipeline.input.InputFile;
import org.mrdflow.pipeline.privacy.KeywordAllowList;

/** The real analysis of one simulated marrow: plots drawn in memory, and best-effort. */
class FcsMrdAnalyzerTest {
  @TempDir static Path tmp;
  static Path fcs;
  static byte[] bytes;

  @BeforeAll
  static void simulate() throws Exception {
    SampleSpec spec = Scenario.CLASSIC.expand(new Scenario.Options(5, 30_000, 1, null, null)).get(0);
    fcs = SimulationFiles.write(MarrowSimulator.simulate(spec), tmp).fcs();
    bytes = Files.readAllBytes(fcs);
  }

  @Test
  void theGatingPlotIsAPngDrawnInMemory() throws Exception {
    AnalysedSample a = new FcsMrdAnalyzer(null, true, MrdPlots::png).analyze(bytes, "s.fcs", "sample x", false);

    byte[] png = a.plots().get(MrdPlots.PNG_NAME);
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    assertThat(a.qcFlags()).isEmpty();
    assertThat(a.events()).isNull();
  }

  @Test
  void aPlotThatCannotBeDrawnBecomesAQcFlagAndTheCountsStand() throws Exception {
    FcsMrdAnalyzer.PlotRenderer broken = (sample, label) -> {
      throw new java.awt.AWTError("no font configuration (injected)");
    };
    AnalysedSample failed = new FcsMrdAnalyzer(null, true, broken).analyze(bytes, "s.fcs", "sample x", false);
    AnalysedSample plain = new FcsMrdAnalyzer(null, false, broken).analyze(bytes, "s.fcs", "sample x", false);

    assertThat(failed.qcFlags()).containsExactly(AnalysedSample.PLOT_FAILED);
    assertThat(failed.plots()).isEmpty();
    assertThat(failed.result()).isEqualTo(plain.result());

    SampleTask task = new SampleTask(new FcsMrdAnalyzer(null, true, broken), new KeywordAllowList(List.of()),
        Long.MAX_VALUE, "test", tmp.resolve("run").toUri().toString(), 1);
    Row outcome = task.run(new PlannedSample(new InputFile(fcs.toUri().toString(), "s.fcs", bytes.length), "s.fcs",
        "s.fcs", null, null), new Configuration()).outcome();
    Row sample = outcome.getAs("sample");
    Row mrd = outcome.getAs("mrd");
    assertThat(sample.<String>getAs("status")).isEqualTo("OK");
    assertThat(sample.getList(sample.fieldIndex("plot_paths"))).isEmpty();
    assertThat(mrd.getList(mrd.fieldIndex("qc_flags"))).endsWith(AnalysedSample.PLOT_FAILED);
    assertThat(mrd.<Long>getAs("blast_events")).isEqualTo(plain.result().blastEvents());
    // The printable report is still written, without the figure.
    assertThat(tmp.resolve("run/plots/" + sample.getAs("sample_id") + "/report.pdf")).isNotEmptyFile();
  }

  @Test
  void perEventValuesComeFromTheSameAnalysisAsTheCounts() throws Exception {
    AnalysedSample a = new FcsMrdAnalyzer(null, false, MrdPlots::png).analyze(bytes, "s.fcs", "sample x", true);

    long blasts = java.util.Arrays.stream(a.events().populations())
        .filter(p -> p.startsWith("BLAST_")).count();
    assertThat(a.events().eventCount()).isEqualTo((int) a.totalEvents());
    assertThat(blasts).isEqualTo(a.result().blastEvents());
  }
}
