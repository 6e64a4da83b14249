package org.mrdflow.gating.compensation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mrdflow.fcs.FcsFile;
import org.mrdflow.fcs.FcsReadOptions;
import org.mrdflow.gating.events.EventTable;
import org.mrdflow.gating.events.FcsEvents;
import org.mrdflow.gating.events.Sample;

/**
 * Compensation against flowCore 2.10's {@code compensate()} on the real-file corpus in
 * {@code ../shared/fcs-corpus}: per-channel sums of the raw values compensated with each file's
 * own spillover keyword ({@code X[, cols] %*% solve(S)}, columns matched by name).
 */
class FlowCoreCompensationTest {

  @TestFactory
  Stream<DynamicTest> compensatedChannelSumsEqualFlowCoresOnEveryCorpusFileWithAMatrix()
      throws IOException {
    Path corpus = Path.of(System.getProperty("mrdflow.shared", "../../shared"), "fcs-corpus");
    assumeTrue(Files.isDirectory(corpus.resolve("golden-flowcore")),
        "no ../shared/fcs-corpus: skipped");
    ObjectMapper mapper = new ObjectMapper();
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> goldens = Files.walk(corpus.resolve("golden-flowcore"))) {
      for (Path golden : goldens.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonNode root = mapper.readTree(golden.toFile());
        for (JsonNode dataset : root.path("datasets")) {
          JsonNode compensated = dataset.path("compensate").path("b_raw");
          if (!compensated.path("ok").asBoolean(false)) {
            continue;
          }
          String relative = corpus.resolve("golden-flowcore").relativize(golden).toString();
          Path file = corpus.resolve("files").resolve(relative.substring(0,
              relative.length() - ".json".length()));
          int index = dataset.path("index").asInt();
          tests.add(DynamicTest.dynamicTest(relative + " #" + index,
              () -> check(file, index, compensated.path("data"))));
        }
      }
    }
    assertThat(tests).hasSizeGreaterThan(10);
    return tests.stream();
  }

  private static void check(Path file, int index, JsonNode golden) throws IOException {
    Sample sample;
    try (FcsFile fcs = FcsFile.open(file, FcsReadOptions.defaults())) {
      sample = FcsEvents.sample(fcs.datasets().get(index), file.getFileName().toString());
    }
    assertThat(sample.spillover()).isPresent();
    EventTable compensated = Compensation.of(sample.spillover().orElseThrow())
        .apply(sample.events());
    int events = golden.path("events").asInt();
    assertThat(compensated.eventCount()).isEqualTo(events);
    for (int c = 0; c < compensated.channelCount(); c++) {
      double expected = golden.path("sum").get(c).asDouble();
      double largest = Math.max(Math.abs(golden.path("min").get(c).asDouble()),
          Math.abs(golden.path("max").get(c).asDouble()));
      double sum = 0;
      for (float v : compensated.column(c)) {
        sum += v;
      }
      // Our compensated values are floats: each carries up to 6e-8 relative rounding.
      assertThat(sum).as("%s channel %s", file.getFileName(), compensated.channel(c).name())
          .isCloseTo(expected, org.assertj.core.api.Assertions.within(
              1e-7 * events * largest + 1e-9));
    }
  }
}
