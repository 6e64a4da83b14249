package org.mrdflow.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.mrdflow.gating.mrd.MrdResult;
import org.mrdflow.pipeline.config.RunConfig;
import org.mrdflow.pipeline.testing.Runs;

/**
 * Fuzzes the whole per-sample analysis the Spark job runs on each file (FCS bytes, panel,
 * compensation, transforms, MRD gating): every input ends as a result or as a {@link
 * SampleFailure} with a typed code (CORRUPT, MISSING_MARKER, ANALYSIS_FAILED, ...), never as an
 * unexpected exception, which a batch would record as INTERNAL_ERROR. Seeds: small mrdsim files
 * and corpus files (PROVENANCE.md beside the inputs); {@code JAZZER_FUZZ=1} fuzzes (pipeline
 * README, "Fuzzing").
 */
class FcsMrdAnalyzerFuzzTest {
  private static final String SOURCE = "fuzz-input.fcs";
  /** The default run configuration without plots: drawing PNGs would dominate each input. */
  private static final FcsMrdAnalyzer ANALYZER = analyzerWithoutPlots();

  private static FcsMrdAnalyzer analyzerWithoutPlots() {
    RunConfig config = Runs.defaultConfig();
    return FcsMrdAnalyzer.fromConfig(new RunConfig(
        new RunConfig.Analysis(config.analysis().mrdConfig(), false), config.privacy(),
        config.job(), config.source()));
  }

  @FuzzTest(maxDuration = "30m")
  void analysis_ends_in_a_result_or_a_typed_failure(byte[] input) {
    try {
      AnalysedSample sample = ANALYZER.analyze(input, SOURCE, "fuzz input", false);
      MrdResult r = sample.result();
      assertThat(r.nucleatedEvents()).isBetween(0L, sample.totalEvents());
      assertThat(r.blastEvents()).isBetween(0L, r.nucleatedEvents());
      assertThat(r.cd19PosBlastEvents()).isBetween(0L, r.blastEvents());
      assertThat(r.mrdStatus()).isNotNull();
    } catch (SampleFailure failure) {
      assertThat(failure.code()).isNotEqualTo(ErrorCode.INTERNAL_ERROR);
      assertThat(failure.getMessage()).contains(SOURCE);
    }
  }

  /** Fuzz finding reader-crash-0565fdce (issue 18): once INTERNAL_ERROR, now CORRUPT. */
  @Test
  void the_reader_crash_finding_is_a_corrupt_file() throws IOException {
    byte[] bytes;
    try (InputStream in = getClass().getResourceAsStream("FcsMrdAnalyzerFuzzTestInputs/"
        + "analysis_ends_in_a_result_or_a_typed_failure/regression-reader-crash-0565fdce")) {
      bytes = in.readAllBytes();
    }
    assertThatThrownBy(() -> ANALYZER.analyze(bytes, "crash.fcs", "crash", false))
        .isInstanceOfSatisfying(SampleFailure.class,
            f -> assertThat(f.code()).isEqualTo(ErrorCode.CORRUPT))
        // Where, and what kind of fault, but never the TEXT value itself (issue 13: reader errors
        // must not carry a file's text into outputs); fcs stats shows the details to the lab.
        .hasMessage("crash.fcs: data set 0, byte 256: invalid or missing TEXT keyword (FcsTextException;"
            + " mrdflow fcs stats on the file shows the details)");
  }
}
