package org.mrdflow.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.mrdflow.pipeline.testing.DuckDb;
import org.mrdflow.pipeline.testing.TestSpark;
import org.mrdflow.review.store.Role;
import org.mrdflow.review.warehouse.Analysis;

/** The JSON API and the pages over HTTP, on a real warehouse made by the Spark job. */
class ReviewApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "correct horse battery";
  @TempDir static Path tmp;
  static Path warehouse;
  static ReviewApplication app;
  static ReviewServer server;
  static Http http;
  static List<Analysis> analysed;
  static Analysis hostile;

  @BeforeAll
  static void serveACopyOfTheTestWarehouseWithFourUsers() throws Exception {
    warehouse = TestWarehouse.copy(tmp.resolve("warehouse"));
    app = ReviewApplication.open(warehouse, null);
    app.store().addUser("rita", Role.REVIEWER, PASSWORD.toCharArray());
    app.store().addUser("rob", Role.REVIEWER, PASSWORD.toCharArray());
    app.store().addUser("dora", Role.DIRECTOR, PASSWORD.toCharArray());
    app.store().addUser("dan", Role.DIRECTOR, PASSWORD.toCharArray());
    server = app.serve(0);
    http = new Http(server.port());
    analysed = app.service().warehouse().analyses(TestWarehouse.RUN_ID).stream().filter(Analysis::analysed).toList();
    hostile = analysed.stream().filter(a -> a.name().equals(TestWarehouse.HOSTILE_NAME)).findFirst().orElseThrow();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  private static HttpResponse<String> review(String user, Analysis a, String body) {
    return http.postJson("/api/samples/" + a.sampleId() + "/reviews?run_id=" + a.runId(), user, PASSWORD, body);
  }

  @Test
  void healthAnswersWithoutCredentialsAndSaysNothingElse() throws Exception {
    HttpResponse<String> r = http.get("/api/health", null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r)).isEqualTo(JSON.readTree("{\"status\":\"ok\"}"));
  }

  @Test
  void readsWithoutOrWithWrongCredentialsAre401WithABasicChallenge() throws Exception {
    for (String path : List.of("/api/runs", "/api/samples?run_id=" + TestWarehouse.RUN_ID,
        "/api/samples/" + hostile.sampleId(), "/api/samples/" + hostile.sampleId() + "/audit")) {
      HttpResponse<String> none = http.get(path, null, null);
      assertThat(none.statusCode()).as(path).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic ");
      assertThat(json(none).get("error").asText()).contains("credentials required");
      assertThat(http.get(path, "rita", "wrong password").statusCode()).as(path).isEqualTo(401);
      assertThat(http.get(path, "nobody", PASSWORD).statusCode()).as(path).isEqualTo(401);
    }
    assertThat(review(null, hostile, "{\"action\":\"accept\"}").statusCode()).isEqualTo(401);
  }

  @Test
  void theRunListCountsWhatTheSparkJobReportedAndDuckDbCountsIndependently() throws Exception {
    JsonNode runs = json(http.get("/api/runs", "rita", PASSWORD));
    assertThat(runs).hasSize(1);
    JsonNode run = runs.get(0);
    assertThat(run.get("run_id").asText()).isEqualTo(TestWarehouse.RUN_ID);
    assertThat(run.get("files").asLong()).isEqualTo(TestWarehouse.result().files()).isEqualTo(5);
    assertThat(run.get("ok").asLong()).isEqualTo(TestWarehouse.result().ok()).isEqualTo(4);
    assertThat(run.get("failed").asLong()).isEqualTo(TestWarehouse.result().failed()).isEqualTo(1);
    Map<String, Long> byStatus = TestWarehouse.result().mrdByStatus();
    assertThat(run.get("positive").asLong()).isEqualTo(byStatus.getOrDefault("POSITIVE", 0L));
    assertThat(run.get("negative").asLong()).isEqualTo(byStatus.getOrDefault("NEGATIVE", 0L));
    assertThat(run.get("indeterminate").asLong()).isEqualTo(byStatus.getOrDefault("INDETERMINATE", 0L));
  }

  @Test
  void theSampleListHasEveryRowOfTheSamplesTableWithTheMrdResultsValues() throws Exception {
    JsonNode rows = json(http.get("/api/samples?run_id=" + TestWarehouse.RUN_ID, "rita", PASSWORD));
    List<Map<String, Object>> mrd = DuckDb.table(warehouse, "mrd_results", "sample_id");
    assertThat(rows).hasSize(5);
    for (Map<String, Object> m : mrd) {
      JsonNode row = null;
      for (JsonNode r : rows) {
        if (m.get("sample_id").equals(r.get("sample_id").asText())) {
          row = r;
        }
      }
      assertThat(row).as("sample %s", m.get("sample_id")).isNotNull();
      assertThat(row.get("mrd_status").asText()).isEqualTo(m.get("mrd_status"));
      assertThat(row.get("mrd_fraction").asDouble()).isEqualTo((Double) m.get("mrd_fraction"));
      assertThat(row.get("blast_events").asLong()).isEqualTo((Long) m.get("blast_events"));
      assertThat(row.get("nucleated_events").asLong()).isEqualTo((Long) m.get("nucleated_events"));
      assertThat(row.get("sensitivity").asDouble()).isEqualTo((Double) m.get("sensitivity"));
    }
  }

  @Test
  void aSampleCarriesItsPopulationsAndPlotsAndUnknownOrMalformedIdsAre404Or400() throws Exception {
    JsonNode s = json(http.get("/api/samples/" + hostile.sampleId(), "rita", PASSWORD));
    assertThat(s.get("name").asText()).isEqualTo(TestWarehouse.HOSTILE_NAME);
    long populations = (Long) DuckDb.query("SELECT count(*) AS n FROM read_parquet('" + warehouse.resolve("populations")
        + "/**/*.parquet', hive_partitioning = true) WHERE sample_id = '" + hostile.sampleId() + "'").get(0).get("n");
    assertThat(s.get("populations")).hasSize((int) populations).isNotEmpty();
    assertThat(s.get("plots")).isNotEmpty();
    assertThat(http.get("/api/samples/" + "0".repeat(32), "rita", PASSWORD).statusCode()).isEqualTo(404);
    assertThat(http.get("/api/samples/..%2F..%2Fetc", "rita", PASSWORD).statusCode()).isEqualTo(400);
    assertThat(http.get("/api/samples?run_id=no-such-run", "rita", PASSWORD).statusCode()).isEqualTo(404);
    HttpResponse<String> noRun = http.get("/api/samples", "rita", PASSWORD);
    assertThat(noRun.statusCode()).isEqualTo(400);
    assertThat(json(noRun).get("error").asText()).contains("run_id is required");
  }

  @Test
  void wrongReviewInputIs400WithAMessageAndAppendsNothing() throws Exception {
    Analysis a = analysed.get(0);
    Map<String, String> cases = Map.of(
        "not json", "body is not valid JSON",
        "[1, 2]", "body must be a JSON object",
        "{}", "action is required",
        "{\"action\": \"approve\"}", "action must be accept, override or sign",
        "{\"action\": \"override\", \"field\": \"mrd_status\", \"value\": \"NEGATIVE\"}", "reason is required",
        "{\"action\": \"override\", \"field\": \"blast_events\", \"value\": \"3\", \"reason\": \"r\"}", "field must be one of",
        "{\"action\": \"override\", \"field\": \"mrd_fraction\", \"value\": \"2\", \"reason\": \"r\"}", "between 0 and 1",
        "{\"action\": \"override\", \"field\": \"hcd19_car_eligible\", \"value\": \"maybe\", \"reason\": \"r\"}", "true or false",
        "{\"action\": \"accept\", \"value\": \"x\"}", "takes no field or value",
        "{\"action\": \"accept\", \"run\": \"x\"}", "unknown key 'run'");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      HttpResponse<String> r = review("rob", a, c.getKey());
      assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
      assertThat(json(r).get("error").asText()).as(c.getKey()).contains(c.getValue());
    }
    assertThat(app.store().trail(a.runId(), a.sampleId())).isEmpty();
  }

  @Test
  void overrideSignAndCountersignFollowTheRolesAndEverySignOffWritesTheReviewsTable() throws Exception {
    Analysis a = analysed.get(1);
    String other = a.mrdStatus().equals("NEGATIVE") ? "POSITIVE" : "NEGATIVE";
    HttpResponse<String> override = review("rita", a,
        "{\"action\": \"override\", \"field\": \"mrd_status\", \"value\": \"" + other.toLowerCase() + "\","
            + " \"reason\": \"blast cluster is <b>hematogones</b> on CD10/CD20\"}");
    assertThat(override.statusCode()).isEqualTo(201);
    assertThat(json(override).get("old_value").asText()).isEqualTo(a.mrdStatus());
    assertThat(json(override).get("new_value").asText()).isEqualTo(other);
    assertThat(json(override).get("review_state").asText()).isEqualTo("overridden");
    HttpResponse<String> same = review("rita", a,
        "{\"action\": \"override\", \"field\": \"mrd_status\", \"value\": \"" + other + "\", \"reason\": \"again\"}");
    assertThat(same.statusCode()).isEqualTo(400);

    HttpResponse<String> sign = review("rita", a, "{\"action\": \"sign\"}");
    assertThat(sign.statusCode()).isEqualTo(201);
    assertThat(json(sign).get("review_state").asText()).isEqualTo("signed");

    HttpResponse<String> reviewerChange = review("rob", a,
        "{\"action\": \"override\", \"field\": \"mrd_fraction\", \"value\": 0.5, \"reason\": \"x\"}");
    assertThat(reviewerChange.statusCode()).isEqualTo(403);
    assertThat(json(reviewerChange).get("error").asText()).contains("only a director");
    HttpResponse<String> reviewerSecond = review("rob", a, "{\"action\": \"sign\"}");
    assertThat(reviewerSecond.statusCode()).isEqualTo(403);
    assertThat(json(reviewerSecond).get("error").asText()).contains("director role");

    HttpResponse<String> second = review("dora", a, "{\"action\": \"sign\", \"reason\": \"agree\"}");
    assertThat(second.statusCode()).isEqualTo(201);
    assertThat(json(second).get("review_state").asText()).isEqualTo("countersigned");
    assertThat(review("dan", a, "{\"action\": \"sign\"}").statusCode()).isEqualTo(409);

    JsonNode audit = json(http.get("/api/samples/" + a.sampleId() + "/audit", "rob", PASSWORD));
    assertThat(audit).hasSize(3);
    assertThat(audit.get(0).get("action").asText()).isEqualTo("override");
    assertThat(audit.get(0).get("reason").asText()).isEqualTo("blast cluster is <b>hematogones</b> on CD10/CD20");
    assertThat(audit.get(1).get("reviewer").asText()).isEqualTo("rita");
    assertThat(audit.get(2).get("role").asText()).isEqualTo("director");
    assertThat(audit.get(2).get("new_value").asText()).isEqualTo("2");

    // the reviews table, read back with DuckDB, is the audit trail, joinable with mrd_results
    List<Map<String, Object>> reviews = DuckDb.query("SELECT r.*, m.mrd_status AS pipeline_call FROM read_parquet('"
        + warehouse.resolve("reviews") + "/*.parquet') r JOIN read_parquet('" + warehouse.resolve("mrd_results")
        + "/**/*.parquet', hive_partitioning = true) m USING (run_id, sample_id) WHERE sample_id = '" + a.sampleId()
        + "' ORDER BY sequence");
    assertThat(reviews).hasSize(3);
    for (int i = 0; i < 3; i++) {
      Map<String, Object> row = reviews.get(i);
      assertThat(row.get("sequence")).isEqualTo(audit.get(i).get("sequence").asLong());
      assertThat(row.get("reviewer")).isEqualTo(audit.get(i).get("reviewer").asText());
      assertThat(row.get("action")).isEqualTo(audit.get(i).get("action").asText());
      assertThat(row.get("pipeline_call")).isEqualTo(a.mrdStatus());
    }
    assertThat(reviews.get(0).get("old_value")).isEqualTo(a.mrdStatus());
    assertThat(reviews.get(0).get("new_value")).isEqualTo(other);
    assertThat(reviews.get(0).get("field")).isEqualTo("mrd_status");
    // and with Spark, as outcomes --use-reviewed reads it: time is a timestamp, sequence a long
    Dataset<Row> spark = TestSpark.session().read().parquet(warehouse.resolve("reviews").toString());
    assertThat(spark.schema().apply("time").dataType()).isEqualTo(DataTypes.TimestampType);
    assertThat(spark.schema().apply("sequence").dataType()).isEqualTo(DataTypes.LongType);
    assertThat(spark.where("sample_id = '" + a.sampleId() + "'").orderBy("sequence").collectAsList())
        .extracting(r -> r.<String>getAs("action")).containsExactly("override", "sign", "sign");

    // a director may still correct it, which voids both sign-offs
    HttpResponse<String> correction = review("dan", a,
        "{\"action\": \"override\", \"field\": \"hcd19_car_eligible\", \"value\": false, \"reason\": \"CD19 dim subclone\"}");
    assertThat(correction.statusCode()).isEqualTo(201);
    assertThat(json(correction).get("review_state").asText()).isEqualTo("overridden");
  }

  @Test
  void aDirectorCannotGiveBothSignOffs() throws Exception {
    Analysis a = analysed.get(2);
    assertThat(review("dora", a, "{\"action\": \"accept\"}").statusCode()).isEqualTo(201);
    assertThat(review("dora", a, "{\"action\": \"sign\"}").statusCode()).isEqualTo(201);
    HttpResponse<String> again = review("dora", a, "{\"action\": \"sign\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).get("error").asText()).contains("another person");
  }

  @Test
  void theAuditTrailRefusesUpdateAndDeleteThroughJdbc() throws Exception {
    Analysis a = analysed.get(3);
    assertThat(review("rob", a, "{\"action\": \"accept\", \"reason\": \"clean\"}").statusCode()).isEqualTo(201);
    try (Connection c = app.store().connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE review_audit SET reviewer = 'mallory'"))
          .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM review_audit"))
          .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM review_audit WHERE reviewer = 'mallory'")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
    }
    assertThat(app.store().trail(a.runId(), a.sampleId())).singleElement()
        .satisfies(e -> assertThat(e.reviewer()).isEqualTo("rob"));
  }

  @Test
  void pagesEscapeTheHostileFileNameAndPnSAndFormsNeedTheSessionsCsrfToken() throws Exception {
    Http browser = new Http(server.port());
    assertThat(browser.get("/runs", null, null).statusCode()).isEqualTo(303);
    String csrf = browser.signIn("rita", PASSWORD);
    String list = browser.get("/samples?run_id=" + TestWarehouse.RUN_ID, null, null).body();
    String page = browser.get("/samples/" + hostile.sampleId() + "?run_id=" + hostile.runId(), null, null).body();
    for (String html : List.of(list, page)) {
      assertThat(html).contains(Text.esc(TestWarehouse.HOSTILE_NAME)).doesNotContain("<img src=x");
    }
    assertThat(page).contains("&lt;script&gt;alert(&#39;PnS&#39;)&lt;/script&gt;").doesNotContain("<script");
    assertThat(page).doesNotContain(TestWarehouse.HOSTILE_NAME);

    String target = "/samples/" + hostile.sampleId() + "/review?run_id=" + hostile.runId();
    HttpResponse<String> forged = browser.postForm(target, Map.of("action", "accept", "csrf", "forged"));
    assertThat(forged.statusCode()).isEqualTo(403);
    HttpResponse<String> anonymous = new Http(server.port()).postForm(target, Map.of("action", "accept", "csrf", csrf));
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(app.store().trail(hostile.runId(), hostile.sampleId())).isEmpty();

    HttpResponse<String> override = browser.postForm(target, Map.of("csrf", csrf, "action", "override",
        "field", "cd19_pos_blast_fraction", "value", "0.5", "reason", "<script>x</script> re-gated"));
    assertThat(override.statusCode()).isEqualTo(303);
    String after = browser.get("/samples/" + hostile.sampleId() + "?run_id=" + hostile.runId(), null, null).body();
    assertThat(after).contains("&lt;script&gt;x&lt;/script&gt; re-gated").doesNotContain("<script");
    assertThat(after).contains("50.0 %");
    // every plot the page shows is served, as an image
    assertThat(browser.get("/plots/" + hostile.runId() + "/" + hostile.sampleId() + "/0", null, null).headers()
        .firstValue("Content-Type")).get().asString().startsWith("image/");
    assertThat(browser.get("/plots/" + hostile.runId() + "/" + hostile.sampleId() + "/99", null, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aForeignHostHeaderIsRefused() throws Exception {
    // DNS rebinding: a page elsewhere whose name resolves to 127.0.0.1 sends its own Host
    assertThat(rawStatusLine("evil.example")).contains(" 400 ");
    assertThat(rawStatusLine("localhost:" + server.port())).contains(" 200 ");
  }

  private static String rawStatusLine(String host) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write(("GET /api/health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }
  }
}
