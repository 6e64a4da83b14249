package org.mrdflow.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.gating.mrd.ReportText;
import org.mrdflow.review.store.Role;

/**
 * {@code GET /samples/{sample_id}/report.pdf}: the run's one-page renderer, given the reviewed
 * values and the sign-offs, on {@link PatientWarehouse} (DOE's marrow: 600 blasts of 198,000
 * nucleated, POSITIVE at 0.3 %).
 */
class ReportPdfTest {
  private static final String PASSWORD = "correct horse battery";
  @TempDir static Path tmp;
  static ReviewServer server;
  static Http http;
  static String sampleId;

  @BeforeAll
  static void serveACopyOfThePatientWarehouse() throws Exception {
    ReviewApplication app = ReviewApplication.open(PatientWarehouse.copy(tmp.resolve("warehouse")), null);
    app.store().addUser("rita", Role.REVIEWER, PASSWORD.toCharArray());
    app.store().addUser("dora", Role.DIRECTOR, PASSWORD.toCharArray());
    server = app.serve(0);
    http = new Http(server.port());
    JsonNode doe = new ObjectMapper().readTree(http.get("/api/patients/" + PatientWarehouse.DOE, "rita", PASSWORD).body());
    sampleId = doe.path("timeline").get(0).path("sample_id").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String pdfText(String user) throws Exception {
    HttpResponse<byte[]> r = http.getBytes("/samples/" + sampleId + "/report.pdf?run_id=p1", user, PASSWORD);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/pdf");
    try (PDDocument doc = Loader.loadPDF(r.body())) {
      assertThat(doc.getNumberOfPages()).isEqualTo(1);
      return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
    }
  }

  @Test
  void theReportShowsThePipelinesCallUntilReviewedThenTheReviewedValuesAndTheSignOffs() throws Exception {
    assertThat(pdfText("rita")).contains("DOE_pre.fcs", "MRD positive: 0.3 %", "600 blasts / 198,000 nucleated cells",
        ReportText.reason(org.mrdflow.gating.mrd.MrdStatusReason.POSITIVE_ABOVE_THRESHOLD,
            org.mrdflow.gating.mrd.MrdAnalysisConfig.defaults().rules()), "Not yet reviewed");

    String reviews = "/api/samples/" + sampleId + "/reviews?run_id=p1";
    assertThat(http.postJson(reviews, "rita", PASSWORD, "{\"action\":\"override\",\"field\":\"mrd_fraction\","
        + "\"value\":\"0.0025\",\"reason\":\"doublets removed by hand\"}").statusCode()).isEqualTo(201);
    String overridden = pdfText("rita");
    assertThat(overridden).contains("MRD (reviewed) 0.25 %", "Not signed off",
        "rita (reviewer): override mrd_fraction 0.0030303030303030303 -> 0.0025 (doublets removed by hand)")
        .doesNotContain("Not yet reviewed");

    assertThat(http.postJson(reviews, "rita", PASSWORD, "{\"action\":\"sign\"}").statusCode()).isEqualTo(201);
    assertThat(http.postJson(reviews, "dora", PASSWORD, "{\"action\":\"sign\"}").statusCode()).isEqualTo(201);
    String signed = pdfText("dora");
    assertThat(signed).contains("MRD positive: 0.25 %", "rita (reviewer): sign", "dora (director): sign (second level)")
        .doesNotContain("Not signed off");
    assertThat(signed.indexOf("override mrd_fraction")).isLessThan(signed.indexOf("rita (reviewer): sign"));
  }

  @Test
  void theReportNeedsASessionOrCredentials() {
    String path = "/samples/" + sampleId + "/report.pdf?run_id=p1";
    HttpResponse<String> anonymous = new Http(server.port()).get(path, null, null);
    assertThat(anonymous.statusCode()).isEqualTo(303);
    assertThat(anonymous.headers().firstValue("Location")).hasValue("/login");
    assertThat(http.get(path, "rita", "wrong").statusCode()).isEqualTo(401);
    assertThat(http.get("/samples/" + "0".repeat(32) + "/report.pdf", "rita", PASSWORD).statusCode()).isEqualTo(404);
  }
}
