package org.mrdflow.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.gating.mrd.MrdAnalysisConfig;
import org.mrdflow.gating.mrd.MrdStatusReason;
import org.mrdflow.gating.mrd.ReportText;
import org.mrdflow.review.store.Role;
import org.mrdflow.review.warehouse.Analysis;

/**
 * The pages say why in words, from ReportText as the run's reports do: each analysed sample's
 * status reason with the run's thresholds, and the failure of the test warehouse's file that is
 * not FCS.
 */
class ReasonsInWordsTest {
  private static final String PASSWORD = "correct horse battery";
  @TempDir static Path tmp;
  static ReviewApplication app;
  static ReviewServer server;
  static Http http;

  @BeforeAll
  static void signIn() throws Exception {
    app = ReviewApplication.open(TestWarehouse.copy(tmp.resolve("warehouse")), null);
    app.store().addUser("rita", Role.REVIEWER, PASSWORD.toCharArray());
    server = app.serve(0);
    http = new Http(server.port());
    http.signIn("rita", PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void eachSamplePageGivesTheStatusReasonInWordsAndTheFailedFileItsFailure() {
    List<Analysis> all = app.service().warehouse().analyses(TestWarehouse.RUN_ID);
    assertThat(all.stream().filter(Analysis::analysed)).hasSize(4);
    for (Analysis a : all) {
      String page = http.get(Pages.sampleUrl(a), null, null).body();
      if (a.analysed()) {
        String words = ReportText.reason(MrdStatusReason.valueOf(a.statusReason()), MrdAnalysisConfig.defaults().rules());
        assertThat(page).as(a.name()).contains(Text.esc(words) + " <code>" + a.statusReason() + "</code>");
      } else {
        assertThat(a.errorCode()).isEqualTo("NOT_FCS");
        assertThat(page).contains("<b>" + Text.esc(ReportText.failure("NOT_FCS")) + "</b> " + Text.esc(a.errorMessage()));
      }
    }
    String list = http.get("/samples?run_id=" + TestWarehouse.RUN_ID, null, null).body();
    assertThat(list).contains("title=\"" + Text.esc(ReportText.failure("NOT_FCS")) + "\">NOT_FCS</span>",
        "<b>" + Text.esc(ReportText.failure("NOT_FCS")) + "</b>");
  }

  @Test
  void reviewingAFileThatWasNotAnalysedSaysWhyInWords() {
    Analysis failed = app.service().warehouse().analyses(TestWarehouse.RUN_ID).stream().filter(a -> !a.analysed())
        .findFirst().orElseThrow();
    HttpResponse<String> r = http.postJson("/api/samples/" + failed.sampleId() + "/reviews?run_id=" + TestWarehouse.RUN_ID,
        "rita", PASSWORD, "{\"action\":\"accept\"}");
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.body()).contains("NOT_FCS: " + ReportText.failure("NOT_FCS"));
  }
}
