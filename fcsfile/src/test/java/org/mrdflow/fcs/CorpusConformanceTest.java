package org.mrdflow.fcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mrdflow.fcs.FcsReadOptions.EmptyValueMode;

/**
 * Every file of the shared real-world corpus against its golden record (values agreed by FlowIO,
 * fcsparser and an independent decoder; see the corpus README).
 */
class CorpusConformanceTest {

  @TestFactory
  Stream<DynamicTest> every_shared_corpus_file_reads_as_its_golden_record_says() {
    ReferenceCorpus corpus = ReferenceCorpus.shared();
    return corpus.files().stream()
        .map(rel -> DynamicTest.dynamicTest(rel, () -> check(corpus, rel)));
  }

  @TestFactory
  Stream<DynamicTest> every_bundled_fixture_reads_as_its_golden_record_says() {
    ReferenceCorpus corpus = ReferenceCorpus.bundled();
    return corpus.files().stream()
        .map(rel -> DynamicTest.dynamicTest(rel, () -> check(corpus, rel)));
  }

  private static void check(ReferenceCorpus corpus, String rel) throws Exception {
    JsonNode golden = corpus.golden(rel);
    JsonNode datasets = golden.get("datasets");
    String basis = datasets.get(0).path("golden").path("basis").asText();
    if (basis.contains("expected rejection")) {
      assertThatThrownBy(() -> FcsFile.open(corpus.file(rel)))
          .isInstanceOf(FcsException.class)
          .hasMessageContaining(corpus.file(rel).toString());
      return;
    }
    try (FcsFile f = FcsFile.open(corpus.file(rel))) {
      assertThat(f.datasets()).hasSize(datasets.size());
      for (int i = 0; i < datasets.size(); i++) {
        checkDataset(f.datasets().get(i), datasets.get(i));
      }
    }
  }

  private static void checkDataset(FcsDataset d, JsonNode expected) {
    String where = "dataset " + d.index();
    assertThat(d.offset()).as(where + " offset").isEqualTo(expected.get("offset").asLong());
    assertThat("FCS" + d.version()).as(where).isEqualTo(expected.get("version").asText());
    boolean ambiguous = expected.path("ambiguous_double_delimiter").asBoolean(false);
    JsonNode keywords = ambiguous ? expected.get("keywords_raw_empty_value_mode")
        : expected.get("keywords_raw");
    assertThat(d.keywords().asMap()).as(where + " keywords").isEqualTo(toMap(keywords));
    assertThat(d.textReading()).isEqualTo(ambiguous ? EmptyValueMode.EMPTY : EmptyValueMode.SPEC);
    JsonNode stext = expected.path("supplemental_text").path("keywords_raw");
    if (stext.isObject()) {
      assertThat(d.supplementalText().asMap()).as(where + " supplemental TEXT")
          .isEqualTo(toMap(stext));
    }

    JsonNode g = expected.get("golden");
    assertThat(d.eventCount()).as(where + " events").isEqualTo(g.get("events").asInt());
    assertThat(d.parameterCount()).as(where + " channels").isEqualTo(g.get("channels").asInt());
    EventStatistics s = new EventStatistics(d);
    for (int c = 0; c < d.parameterCount(); c++) {
      String ch = where + " channel " + (c + 1);
      double gs = ReferenceCorpus.number(g.get("sum").get(c));
      assertThat(s.sum[c]).as(ch + " sum").isCloseTo(gs, within(1e-9 * Math.max(1, Math.abs(gs))));
      assertThat(s.min[c]).as(ch + " min").isEqualTo(ReferenceCorpus.number(g.get("min").get(c)));
      assertThat(s.max[c]).as(ch + " max").isEqualTo(ReferenceCorpus.number(g.get("max").get(c)));
      assertThat(s.nanCount[c]).as(ch + " NaNs").isEqualTo(g.get("nan_count").get(c).asLong());
    }
    checkRows(s, g.get("first3"), 0, where + " first3");
    checkRows(s, g.get("last3"), d.eventCount() - g.get("last3").size(), where + " last3");
    assertThat(s.sha256Float64Le()).as(where + " sha256")
        .isEqualTo(g.get("sha256_float64_le").asText());
  }

  private static void checkRows(EventStatistics s, JsonNode rows, int firstEvent, String what) {
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < s.channels; c++) {
        assertThat(s.value(firstEvent + r, c)).as(what + " row " + r + " channel " + (c + 1))
            .isEqualTo(ReferenceCorpus.number(rows.get(r).get(c)));
      }
    }
  }

  static Map<String, String> toMap(JsonNode object) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      m.put(e.getKey(), e.getValue().asText());
    }
    return m;
  }

}
