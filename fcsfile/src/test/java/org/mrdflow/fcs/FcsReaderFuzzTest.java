package org.mrdflow.fcs;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.mrdflow.fcs.FcsReadOptions.EmptyValueMode;

/**
 * Fuzzes the reader with arbitrary bytes: it must either read them or refuse them with a typed
 * {@link FcsException}; no other exception, no OutOfMemoryError, no hang. Plain {@code mvn
 * verify} replays the seeds and every regression input in {@code FcsReaderFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes (see the module README).
 */
class FcsReaderFuzzTest {

  @FuzzTest(maxDuration = "30m")
  void reader_accepts_or_refuses_with_a_typed_error(byte[] input) {
    readAll(input, FcsReadOptions.defaults());
    readAll(input, FcsReadOptions.flowCoreDefaults().withApplyGain(true).withApplyTimestep(true)
        .withIgnoreOffsetDiscrepancy(true).withEmptyValueMode(EmptyValueMode.EMPTY));
  }

  private static void readAll(byte[] input, FcsReadOptions options) {
    try {
      FcsFile f = FcsFile.read(input, "fuzz-input", options);
      for (FcsDataset d : f.datasets()) {
        for (int c = 0; c < d.parameterCount(); c++) {
          assertThat(d.doubleColumn(c)).hasSize(d.eventCount());
        }
        d.spillover();
        d.analysis();
      }
    } catch (FcsException expected) {
      assertThat(expected.getMessage()).startsWith("fuzz-input");
    }
  }
}
