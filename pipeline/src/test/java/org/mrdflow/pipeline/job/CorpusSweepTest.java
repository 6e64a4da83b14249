package org.mrdflow.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mrdflow.gating.mrd.MrdResult;

/**
 * The whole per-sample analysis over every file of ../shared/fcs-corpus (real instruments and
 * writers, most not this panel; skipped without it): each file ends in a result or in a typed
 * failure whose message names the file and, for a missing marker, what is missing and what was
 * found; never an exception, INTERNAL_ERROR or a hang.
 */
class CorpusSweepTest {
  private static final FcsMrdAnalyzer ANALYZER = new FcsMrdAnalyzer(null, false, null);
  private static final String SOURCE = "corpus.fcs";

  @TestFactory
  Stream<DynamicTest> everyCorpusFileEndsInAResultOrATypedFailure() throws IOException {
    Path corpus = Path.of(System.getProperty("mrdflow.shared", "../../shared"), "fcs-corpus",
        "files");
    assumeTrue(Files.isDirectory(corpus), "no ../shared/fcs-corpus: skipped");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(corpus)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(10);
    return files.stream().map(file -> DynamicTest.dynamicTest(
        corpus.relativize(file).toString(), () -> sweep(Files.readAllBytes(file))));
  }

  private static void sweep(byte[] bytes) {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      try {
        MrdResult r = ANALYZER.analyze(bytes, SOURCE, "corpus file", false).result();
        assertThat(r.blastEvents()).isBetween(0L, r.nucleatedEvents());
        assertThat(r.saturatedFraction()).isBetween(0.0, 1.0);
        assertThat(r.compensationSource()).isIn("file", "none");
      } catch (SampleFailure failure) {
        assertThat(failure.code()).isNotEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(failure.getMessage()).contains(SOURCE);
        if (failure.code() == ErrorCode.MISSING_MARKER) {
          assertThat(failure.getMessage()).containsAnyOf("is missing", "is ambiguous")
              .contains("Channels found");
        }
      }
    });
  }
}
