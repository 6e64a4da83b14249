package org.mrdflow.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.review.store.Role;

/**
 * The Patients pages and {@code /api/patients} on {@link PatientWarehouse}, whose samples, dates,
 * clinical events and flags are known by design; a reviewer's correction of a call moves the
 * flags.
 */
class PatientTimelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "correct horse battery";
  @TempDir static Path tmp;
  static ReviewServer server;
  static Http http;

  @BeforeAll
  static void serveACopyOfThePatientWarehouse() throws Exception {
    ReviewApplication app = ReviewApplication.open(PatientWarehouse.copy(tmp.resolve("warehouse")), null);
    app.store().addUser("rita", Role.REVIEWER, PASSWORD.toCharArray());
    server = app.serve(0);
    http = new Http(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode api(String path) throws Exception {
    HttpResponse<String> r = http.get(path, "rita", PASSWORD);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asText(null)));
    return out;
  }

  @Test
  void thePatientListHasBothPatientsWithTheirSamplesAndFlagsAndNeedsCredentials() throws Exception {
    assertThat(http.get("/api/patients", null, null).statusCode()).isEqualTo(401);
    JsonNode patients = api("/api/patients");
    assertThat(texts(patients, "patient_key")).containsExactlyInAnyOrder(PatientWarehouse.ROE, PatientWarehouse.DOE);
    for (JsonNode p : patients) {
      boolean roe = p.path("patient_key").asText().equals(PatientWarehouse.ROE);
      // ROE's day-28 marrow was analysed in both runs: one sample on the timeline
      assertThat(p.path("samples").asInt()).isEqualTo(roe ? 2 : 1);
      assertThat(p.path("car_t_infusion_date").asText()).isEqualTo(roe ? "2026-02-01" : "2026-02-27");
      assertThat(p.path("flags").toString()).isEqualTo(roe ? "[\"MRD_CONVERSION\",\"MRD_BEFORE_HSCT\"]" : "[]");
    }
  }

  @Test
  void aPatientsTimelineHasTheSamplesEventsAndFlagsOfItsDesign() throws Exception {
    JsonNode roe = api("/api/patients/" + PatientWarehouse.ROE);
    assertThat(texts(roe.path("events"), "type")).containsExactly("CAR_T_INFUSION", "HSCT");
    assertThat(texts(roe.path("events"), "date")).containsExactly("2026-02-01", "2026-05-15");
    JsonNode samples = roe.path("timeline");
    assertThat(texts(samples, "collection_date")).containsExactly("2026-03-01", "2026-05-02");
    assertThat(texts(samples, "days_from_car_t")).containsExactly("28", "90");
    assertThat(texts(samples, "mrd_status")).containsExactly("NEGATIVE", "POSITIVE");
    assertThat(texts(samples, "run_id")).containsExactly("p2", "p2"); // the day-28 content's latest analysis
    assertThat(samples.get(1).path("mrd_fraction").asDouble()).isEqualTo(600.0 / 198_000);
    assertThat(texts(roe.path("flags"), "type")).containsExactly("MRD_CONVERSION", "MRD_BEFORE_HSCT");
    assertThat(roe.path("flags").get(0).path("sample_id").asText()).isEqualTo(samples.get(1).path("sample_id").asText());
    assertThat(roe.path("flags").get(0).path("description").asText())
        .isEqualTo("MRD conversion: NEGATIVE on 2026-03-01, POSITIVE (0.3 %) on 2026-05-02.");

    assertThat(api("/api/patients/" + PatientWarehouse.DOE).path("flags").size()).isZero();
    assertThat(http.get("/api/patients/" + "0".repeat(64), "rita", PASSWORD).statusCode()).isEqualTo(404);
    assertThat(http.get("/api/patients/MRN0048213", "rita", PASSWORD).statusCode()).isEqualTo(400);
  }

  @Test
  void thePatientPagesShowTheFigureTheFlagsInWordsAndLinkEachSample() throws Exception {
    http.signIn("rita", PASSWORD);
    String list = http.get("/patients", null, null).body();
    assertThat(list).contains("href=\"/patients/" + PatientWarehouse.ROE + "\"", "MRD conversion", "2026-02-01")
        .doesNotContain("MRN0048213");
    String page = http.get("/patients/" + PatientWarehouse.ROE, null, null).body();
    JsonNode samples = api("/api/patients/" + PatientWarehouse.ROE).path("timeline");
    assertThat(page).contains("MRD conversion: NEGATIVE on 2026-03-01, POSITIVE (0.3 %) on 2026-05-02.",
        "MRD before HSCT: POSITIVE (0.3 %) on 2026-05-02, 13 days before the transplant.",
        "/samples/" + samples.get(0).path("sample_id").asText() + "?run_id=p2",
        "/samples/" + samples.get(1).path("sample_id").asText() + "?run_id=p2",
        "src=\"/patients/" + PatientWarehouse.ROE + "/timeline.png\"");

    HttpResponse<byte[]> png = http.getBytes("/patients/" + PatientWarehouse.ROE + "/timeline.png", null, null);
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
    BufferedImage figure = ImageIO.read(new ByteArrayInputStream(png.body()));
    assertThat(figure.getWidth()).isEqualTo(1000);
    assertThat(figure.getHeight()).isGreaterThan(750); // three panels of 250 px and the flags under them
  }

  @Test
  void aCorrectedCallMovesTheFlags() throws Exception {
    String day90 = api("/api/patients/" + PatientWarehouse.ROE).path("timeline").get(1).path("sample_id").asText();
    String reviews = "/api/samples/" + day90 + "/reviews?run_id=p2";
    HttpResponse<String> r = http.postJson(reviews, "rita", PASSWORD,
        "{\"action\":\"override\",\"field\":\"mrd_status\",\"value\":\"NEGATIVE\",\"reason\":\"cluster is hematogones\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    try {
      JsonNode roe = api("/api/patients/" + PatientWarehouse.ROE);
      JsonNode sample = roe.path("timeline").get(1);
      assertThat(sample.path("mrd_status").asText()).isEqualTo("NEGATIVE");
      assertThat(sample.path("reviewed_fields").toString()).isEqualTo("[\"mrd_status\"]");
      assertThat(sample.path("review_state").asText()).isEqualTo("overridden");
      // NEGATIVE then NEGATIVE: no conversion; the marrow before HSCT is now a negative one
      assertThat(texts(roe.path("flags"), "type")).containsExactly("MRD_BEFORE_HSCT");
      assertThat(roe.path("flags").get(0).path("description").asText()).startsWith("MRD before HSCT: NEGATIVE on 2026-05-02");
      http.signIn("rita", PASSWORD);
      assertThat(http.get("/patients/" + PatientWarehouse.ROE, null, null).body())
          .contains("class=\"overridden-value\" title=\"corrected in review\"><span class=\"NEGATIVE\">NEGATIVE</span> *")
          .doesNotContain("MRD conversion:");
    } finally {
      assertThat(http.postJson(reviews, "rita", PASSWORD, "{\"action\":\"override\",\"field\":\"mrd_status\","
          + "\"value\":\"POSITIVE\",\"reason\":\"second look: blasts after all\"}").statusCode()).isEqualTo(201);
    }
    assertThat(texts(api("/api/patients/" + PatientWarehouse.ROE).path("flags"), "type"))
        .containsExactly("MRD_CONVERSION", "MRD_BEFORE_HSCT");
  }
}
