package org.mrdflow.fcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link FcsReadOptions#flowCoreDefaults()} against what Bioconductor flowCore 2.10.0's {@code
 * read.FCS} returns with its defaults (linearize, truncate_max_range) on every dataset it reads
 * (with {@code emptyValue} / {@code ignore.text.offset} switched where flowCore needed that), and
 * the spillover matrices against flowCore's {@code spillover()}.
 */
class FlowCoreCompatibilityTest {

  @TestFactory
  Stream<DynamicTest> linearized_values_equal_flowcore_on_every_shared_dataset_it_reads() {
    return tests(ReferenceCorpus.shared());
  }

  @TestFactory
  Stream<DynamicTest> linearized_values_equal_flowcore_on_every_bundled_dataset_it_reads() {
    return tests(ReferenceCorpus.bundled());
  }

  private static Stream<DynamicTest> tests(ReferenceCorpus corpus) {
    List<DynamicTest> tests = new ArrayList<>();
    for (String rel : corpus.files()) {
      JsonNode datasets = corpus.flowCoreGolden(rel).get("datasets");
      for (JsonNode ds : datasets) {
        JsonNode read = flowCoreRead(ds);
        if (read != null) {
          tests.add(DynamicTest.dynamicTest(rel + " #" + ds.get("index").asInt(),
              () -> checkValues(corpus, rel, ds.get("index").asInt(), read)));
        }
        if (ds.path("spillover").path("ok").asBoolean(false)) {
          tests.add(DynamicTest.dynamicTest(rel + " #" + ds.get("index").asInt() + " spillover",
              () -> checkSpillover(corpus, rel, ds)));
        }
      }
    }
    return tests.stream();
  }

  /**
   * flowCore's defaults, or where they failed, the first retry with {@code emptyValue = FALSE}
   * and/or {@code ignore.text.offset = TRUE} that read the file (our reader needs no such option:
   * it detects both situations); null when flowCore could not read the dataset at all.
   */
  private static JsonNode flowCoreRead(JsonNode ds) {
    if (ds.path("a").path("ok").asBoolean(false)) {
      return ds.get("a");
    }
    for (JsonNode retry : ds.path("a_lenient_retries")) {
      if (retry.path("ok").asBoolean(false)) {
        return retry;
      }
    }
    return null;
  }

  private static void checkValues(ReferenceCorpus corpus, String rel, int index, JsonNode read)
      throws Exception {
    JsonNode raw = corpus.golden(rel).get("datasets").get(index);
    try (FcsFile f = FcsFile.open(corpus.file(rel), FcsReadOptions.flowCoreDefaults())) {
      FcsDataset d = f.datasets().get(index);
      EventStatistics s = new EventStatistics(d);
      if (flowCoreMisreadsBigEndian24Bit(raw)) {
        checkAgainstRawGolden(d, s, raw.get("golden"));
        return;
      }
      JsonNode g = read.get("data");
      assertThat(d.eventCount()).isEqualTo(g.get("events").asInt());
      assertThat(d.parameterCount()).isEqualTo(g.get("channels").asInt());
      for (int c = 0; c < d.parameterCount(); c++) {
        String ch = "channel " + (c + 1) + " " + d.channels().get(c).name();
        assertThat(s.sum[c]).as(ch + " sum").isCloseTo(num(g, "sum", c), tolerance(num(g, "sum", c)));
        assertThat(s.min[c]).as(ch + " min").isCloseTo(num(g, "min", c), tolerance(num(g, "min", c)));
        assertThat(s.max[c]).as(ch + " max").isCloseTo(num(g, "max", c), tolerance(num(g, "max", c)));
      }
    }
  }

  /**
   * flowCore reads big-endian 24-bit integers as little-endian (corpus README), so there we check
   * against the raw golden values three other decoders agree on: linear channels equal them, and
   * log channels' minimum and maximum equal flowCore's formula 10^(f1 * x / $PnR) * f2 applied to
   * the raw extremes (the formula is increasing, so extremes map to extremes).
   */
  private static void checkAgainstRawGolden(FcsDataset d, EventStatistics s, JsonNode g) {
    for (int c = 0; c < d.parameterCount(); c++) {
      FcsChannel ch = d.channels().get(c);
      double lo = num(g, "min", c);
      double hi = num(g, "max", c);
      if (ch.isLogAmplified()) {
        double f2 = ch.logOffset() == 0 ? 1 : ch.logOffset();
        lo = Math.pow(10, ch.logDecades() * lo / ch.range()) * f2;
        hi = Math.pow(10, ch.logDecades() * hi / ch.range()) * f2;
      } else {
        assertThat(s.sum[c]).as(ch.name() + " sum").isEqualTo(num(g, "sum", c));
      }
      assertThat(s.min[c]).as(ch.name() + " min").isCloseTo(lo, tolerance(lo));
      assertThat(s.max[c]).as(ch.name() + " max").isCloseTo(hi, tolerance(hi));
    }
  }

  private static void checkSpillover(ReferenceCorpus corpus, String rel, JsonNode expected)
      throws Exception {
    JsonNode sp = expected.get("spillover");
    JsonNode m = sp.get("matrices").get(sp.get("first").asText());
    try (FcsFile f = FcsFile.open(corpus.file(rel))) {
      FcsDataset d = f.datasets().get(expected.get("index").asInt());
      SpilloverMatrix ours = d.spillover().orElseThrow();
      List<String> names = new ArrayList<>();
      for (JsonNode n : m.get("colnames")) {
        // flowCore keeps Accuri's parameter numbers as names; we resolve them to $PnN.
        String name = n.asText();
        names.add(name.matches("\\d+") ? d.channels().get(Integer.parseInt(name) - 1).name()
            : name);
      }
      assertThat(ours.detectors()).isEqualTo(names);
      for (int i = 0; i < names.size(); i++) {
        for (int j = 0; j < names.size(); j++) {
          double v = m.get("rows").get(i).get(j).asDouble();
          assertThat(ours.value(i, j)).as("S[%d][%d]", i, j).isCloseTo(v, within(1e-12));
        }
      }
    }
  }

  private static boolean flowCoreMisreadsBigEndian24Bit(JsonNode raw) {
    boolean all24 = true;
    for (JsonNode ch : raw.get("channels")) {
      all24 &= "24".equals(ch.get("PnB").asText());
    }
    return all24 && "4,3,2,1".equals(raw.get("$BYTEORD").asText());
  }

  private static double num(JsonNode g, String field, int c) {
    return ReferenceCorpus.number(g.get(field).get(c));
  }

  /** flowCore's JSON export keeps 15 significant digits. */
  private static org.assertj.core.data.Offset<Double> tolerance(double v) {
    return within(1e-12 * Math.max(1, Math.abs(v)));
  }
}
