package org.mrdflow.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.gating.mrd.MrdRules;
import org.mrdflow.gating.mrd.MrdStatus;
import org.mrdflow.gating.mrd.ReportText;
import org.mrdflow.pipeline.run.RunResult;
import org.mrdflow.pipeline.schema.OutcomeRows;
import org.mrdflow.pipeline.testing.FakeAnalyzer;
import org.mrdflow.pipeline.testing.FakeFcs;

class HtmlReportTest {
  private static final String HOSTILE = "<img src=x onerror=alert(1)>\"'&.fcs";

  @TempDir Path tmp;

  @Test
  void eachSampleHasItsSectionWithMrdInPercentTheCallAndFlagsInWordsAndItsPlotEmbedded()
      throws Exception {
    Path run = tmp.resolve("run");
    byte[] png = Reports.png();
    Files.createDirectories(run.resolve("plots/" + "ab".repeat(32)));
    Files.write(run.resolve("plots/" + "ab".repeat(32) + "/gating.png"), png);
    // The double's counts: 1,656 blasts of 180,000 nucleated (200,000 events): 0.92 %.
    Map<String, String> positive = FakeFcs.sample(200_000, 1_656);
    List<Row> rows = new ArrayList<>();
    rows.add(analysed("ab".repeat(32), "file-0123456789abcdef", FakeAnalyzer.result(positive),
        List.of("plots/" + "ab".repeat(32) + "/gating.png")));
    rows.add(failed(HOSTILE, "CORRUPT", HOSTILE + ": byte 58: invalid segment offsets"));

    String html = write(run, rows);

    assertThat(html).contains("<section id=\"sample-" + "ab".repeat(32) + "\">",
        "href=\"#sample-" + "ab".repeat(32) + "\"", "MRD positive", "0.92 %",
        "1,656 / 180,000", ReportText.flag("FAKE_FLAG"),
        "data:image/png;base64," + Base64.getEncoder().encodeToString(png),
        // Thresholds from the rules the calls were made with.
        "&gt;= 0.01 % of nucleated cells", "&gt;= 95 % CD19+ blasts", "below 3 % B cells");
    // Failures in words, not as a Java map.
    assertThat(html).contains("<b>CORRUPT</b> (1 file): " + HtmlReport.esc(ReportText.failure("CORRUPT")))
        .doesNotContain("{CORRUPT=1}");
  }

  @Test
  void aHostileFileNameIsEscapedEverywhereItIsShown() throws Exception {
    Path run = tmp.resolve("run");
    Files.createDirectories(run);
    String html = write(run, List.of(failed(HOSTILE, "CORRUPT", HOSTILE + ": malformed")));

    assertThat(html).doesNotContain("<img src=x", "onerror=alert(1)>\"")
        .contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;.fcs");
  }

  private String write(Path run, List<Row> rows) throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(run.resolve("report.html").toUri());
    long failed = rows.stream().filter(r -> r.getAs("mrd") == null).count();
    RunResult result = new RunResult("night-1", LocalDate.of(2026, 12, 5), tmp.toString(),
        target.toString(), null, rows.size(), rows.size() - failed, failed, 0,
        failed == 0 ? Map.of() : Map.of("CORRUPT", failed),
        Map.of(MrdStatus.POSITIVE.name(), (long) rows.size() - failed), List.of(), List.of(),
        List.of(), 0, Instant.EPOCH, null, 0, 0, 0, rows.size(), 0);
    HtmlReport.write(fs, target, result, MrdRules.DEFAULTS, rows.iterator());
    return Files.readString(run.resolve("report.html"));
  }

  private static Row analysed(String sampleId, String name,
      org.mrdflow.gating.mrd.MrdResult result, List<String> plots) {
    Row sample = OutcomeRows.sample(new OutcomeRows.FileFacts(sampleId, name, name, 1, sampleId),
        new OutcomeRows.FcsFacts("3.1", null, 200_000L, Map.of()), null, null, "OK", null, null,
        plots, "test");
    return OutcomeRows.outcome(sample, OutcomeRows.mrd(sampleId, null, result, List.of(), "test"),
        List.of());
  }

  private static Row failed(String name, String code, String message) {
    Row sample = OutcomeRows.sample(new OutcomeRows.FileFacts(null, name, name, 1, null),
        new OutcomeRows.FcsFacts(null, null, null, null), null, null, "FAILED", code, message,
        List.of(), "test");
    return OutcomeRows.outcome(sample, null, List.of());
  }
}
