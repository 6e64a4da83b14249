package org.mrdflow.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.fcs.FcsFile;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.events.FcsEvents;
import org.mrdflow.gating.gate.EllipsoidGate;
import org.mrdflow.gating.gate.GeometricGate;
import org.mrdflow.gating.mrd.MrdAnalysis;
import org.mrdflow.gating.mrd.MrdAnalysisConfig;
import org.mrdflow.gating.mrd.MrdPlots;
import org.mrdflow.gating.mrd.MrdStatus;
import org.mrdflow.gating.strategy.GatingResult;
import org.mrdflow.gating.strategy.Population;
import org.mrdflow.pipeline.testing.DuckDb;
import org.mrdflow.review.store.Role;
import org.mrdflow.review.warehouse.Analysis;

/**
 * The {@code adjust} action over HTTP on a real warehouse made by the Spark job, with the run's
 * FCS folder as {@code --input}. The expected counts are computed here, event by event: the
 * batch analysis of the same file gives the moved gate's parent population and the populations
 * the blasts are a union of, and this test decides which of those events lie in the new
 * rectangle by comparing their values itself.
 */
class GateAdjustTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "correct horse battery";
  @TempDir static Path tmp;
  static Path warehouse;
  static ReviewApplication app;
  static ReviewServer server;
  static Http http;
  /** The analysed sample with the most blasts, and its batch analysis redone here. */
  static Analysis sample;
  static MrdAnalysis.SampleAnalysis batch;

  @BeforeAll
  static void serveTheWarehouseWithItsFcsFolder() throws Exception {
    warehouse = TestWarehouse.copy(tmp.resolve("warehouse"));
    // the FCS folder under other names and depth: files are found by content only
    Path input = Files.createDirectories(tmp.resolve("fcs/renamed"));
    int i = 0;
    try (var files = Files.list(TestWarehouse.fcsFolder())) {
      for (Path f : files.sorted().toList()) {
        Files.copy(f, input.resolve("file-" + i++ + ".bin"));
      }
    }
    app = ReviewApplication.open(warehouse, null, tmp.resolve("fcs"));
    app.store().addUser("rita", Role.REVIEWER, PASSWORD.toCharArray());
    app.store().addUser("dora", Role.DIRECTOR, PASSWORD.toCharArray());
    server = app.serve(0);
    http = new Http(server.port());
    sample = app.service().warehouse().analyses(TestWarehouse.RUN_ID).stream().filter(Analysis::analysed)
        .max((x, y) -> Long.compare(x.blastEvents(), y.blastEvents())).orElseThrow();
    byte[] bytes = Files.readAllBytes(TestWarehouse.fcsFolder().resolve(sample.name()));
    batch = new MrdAnalysis(MrdAnalysisConfig.defaults())
        .analyzeWithEvents(FcsFile.read(bytes, sample.name(), FcsEvents.SCALE).first().decodeAll(), sample.name());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> adjust(String user, String body) {
    return http.postJson("/api/samples/" + sample.sampleId() + "/reviews?run_id=" + sample.runId(), user, PASSWORD, body);
  }

  /** The grown blast cluster's ellipsoid: the gate drawn on the CD38/CD34, CD38/CD45 and CD10/CD20 plots. */
  private static String blastEllipsoid() {
    return MrdPlots.drawnGates(batch.gating()).entrySet().stream()
        .filter(e -> e.getKey().startsWith("blast-cluster.") && e.getValue() instanceof EllipsoidGate)
        .map(Map.Entry::getKey).findFirst().orElseThrow();
  }

  @Test
  void theBatchAnalysisRedoneHereIsTheWarehouses() {
    assertThat(batch.result().blastEvents()).isEqualTo(sample.blastEvents()).isPositive();
    assertThat(batch.result().nucleatedEvents()).isEqualTo(sample.nucleatedEvents());
  }

  /**
   * The blasts the sample has when the cluster part {@code gateId} (parent: {@code parent})
   * holds the events of its parent with CD10 >= {@code cd10Min}: those, the seeds and the pro-B
   * arm, as the batch found them (neither depends on the cluster).
   */
  private static long blastsWithClusterCd10From(String gateId, double cd10Min) {
    GatingResult g = batch.gating();
    Population part = g.appliedStrategy().populations().stream().filter(p -> p.id().equals(gateId)).findFirst().orElseThrow();
    float[] cd10 = g.values(MrdPlots.drawnGates(g).get(gateId).dimensions().get(0));
    EventMask cluster = EventMask.none(g.eventCount());
    for (int e : g.population(part.parent()).events().indices()) {
      if (cd10[e] >= cd10Min) {
        cluster.set(e);
      }
    }
    return cluster.or(g.population("blast-seeds").events()).or(g.population("pro-b-blasts").events()).cardinality();
  }

  /** {"action": "adjust"} moving the gate to CD10 >= cd10Min, every other dimension open. */
  private static String cd10From(String gateId, int dimensions, double cd10Min, String reason) {
    ObjectNode body = JSON.createObjectNode().put("action", "adjust").put("gate", gateId).put("reason", reason);
    ObjectNode rectangle = body.putObject("geometry").putObject("rectangle");
    ArrayNode min = rectangle.putArray("min").add(cd10Min);
    ArrayNode max = rectangle.putArray("max").addNull();
    for (int d = 1; d < dimensions; d++) {
      min.addNull();
      max.addNull();
    }
    return body.toString();
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  private static JsonNode override(JsonNode adjustAnswer, String field) {
    for (JsonNode o : adjustAnswer.get("overrides")) {
      if (o.get("field").asText().equals(field)) {
        return o;
      }
    }
    throw new AssertionError("no override of " + field + " in " + adjustAnswer);
  }

  @Test
  void movingTheBlastClusterReCountsTheBlastsAsCountedEventByEventHere() throws Exception {
    GatingResult g = batch.gating();
    String gateId = blastEllipsoid();
    GeometricGate old = MrdPlots.drawnGates(g).get(gateId);
    int dims = old.dimensions().size();
    assertThat(old.dimensions().get(0).parameter()).isEqualTo("CD10");
    long nucleated = sample.nucleatedEvents();
    // 1. CD10 >= the median CD10 of the cluster's events: its CD10-dim half goes
    float[] cd10 = g.values(old.dimensions().get(0));
    double[] clusterCd10 = Arrays.stream(g.population(gateId).events().indices()).mapToDouble(e -> cd10[e]).sorted().toArray();
    double median = clusterCd10[clusterCd10.length / 2];
    long expected = blastsWithClusterCd10From(gateId, median);
    assertThat(expected).isLessThan(sample.blastEvents());

    HttpResponse<String> r = adjust("rita", cd10From(gateId, dims, median, "CD10-dim tail is normal"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode row = JSON.readTree(r.body());
    assertThat(row.get("action").asText()).isEqualTo("adjust");
    assertThat(row.get("field").asText()).isEqualTo(gateId);
    JsonNode before = JSON.readTree(row.get("old_value").asText());
    JsonNode after = JSON.readTree(row.get("new_value").asText());
    assertThat(before.get("blast_events").asLong()).isEqualTo(sample.blastEvents());
    assertThat(before.get("geometry").get("ellipsoid").get("mean").get(0).asDouble()).isEqualTo(((EllipsoidGate) old).mean()[0]);
    assertThat(after.get("geometry").get("rectangle").get("min").get(0).asDouble()).isEqualTo(median);
    assertThat(after.get("blast_events").asLong()).isEqualTo(expected);
    assertThat(after.get("nucleated_events").asLong()).isEqualTo(nucleated);
    assertThat(after.get("mrd_fraction").asDouble()).isEqualTo((double) expected / nucleated);
    assertThat(row.get("review_state").asText()).isEqualTo("overridden");
    JsonNode fraction = override(row, "mrd_fraction");
    assertThat(Double.parseDouble(fraction.get("new_value").asText())).isEqualTo((double) expected / nucleated);
    assertThat(fraction.get("reason").asText()).contains(gateId).contains("CD10-dim tail is normal");

    // 2. the same gate again, now beyond the top of the CD10 scale: the cluster keeps nothing,
    // the blasts are the seeds and the pro-B arm; the old geometry and counts are the first
    // adjustment's, and the call follows the rules on the new count
    long withoutCluster = blastsWithClusterCd10From(gateId, 2.0);
    assertThat(withoutCluster).isLessThanOrEqualTo(expected);
    MrdStatus call = MrdAnalysisConfig.defaults().rules().call(nucleated, withoutCluster).status();
    r = adjust("rita", cd10From(gateId, dims, 2.0, "none of these is a blast"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode second = JSON.readTree(r.body());
    before = JSON.readTree(second.get("old_value").asText());
    after = JSON.readTree(second.get("new_value").asText());
    assertThat(before.get("blast_events").asLong()).isEqualTo(expected);
    assertThat(before.get("geometry").get("rectangle").get("min").get(0).asDouble()).isEqualTo(median);
    assertThat(after.get("blast_events").asLong()).isEqualTo(withoutCluster);
    assertThat(after.get("mrd_status").asText()).isEqualTo(call.name());
    if (!call.name().equals(sample.mrdStatus())) {
      assertThat(override(second, "mrd_status").get("new_value").asText()).isEqualTo(call.name());
    }
    JsonNode state = JSON.readTree(http.get("/api/samples/" + sample.sampleId() + "?run_id=" + sample.runId(), "rita", PASSWORD).body());
    assertThat(Double.parseDouble(state.get("overrides").get("mrd_fraction").asText())).isEqualTo((double) withoutCluster / nucleated);
    assertThat(state.get("overrides").path("mrd_status").asText(sample.mrdStatus())).isEqualTo(call.name());

    // the reviews table read with DuckDB carries the adjustments and the re-counted values
    app.export();
    List<Map<String, Object>> reviews = DuckDb.query("SELECT action, field, new_value FROM read_parquet('"
        + warehouse.resolve("reviews/reviews.parquet") + "') WHERE sample_id = '" + sample.sampleId() + "' ORDER BY sequence");
    assertThat(reviews).extracting(m -> m.get("action")).startsWith("adjust", "override").contains("adjust");
    assertThat(reviews.stream().filter(m -> m.get("action").equals("adjust"))
        .map(m -> tree((String) m.get("new_value")).get("blast_events").asLong()).toList())
        .containsExactly(expected, withoutCluster);
    assertThat(reviews.stream().filter(m -> "mrd_fraction".equals(m.get("field"))).reduce((x, y) -> y).orElseThrow()
        .get("new_value")).satisfies(v -> assertThat(Double.parseDouble((String) v)).isEqualTo((double) withoutCluster / nucleated));

    // the page shows the moved gate with its new geometry, and its form moves it back
    String csrf = http.signIn("rita", PASSWORD);
    String page = http.get("/samples/" + sample.sampleId() + "?run_id=" + sample.runId(), null, null).body();
    assertThat(page).contains("id=\"adjust\"").contains(gateId).contains("&quot;rectangle&quot;");
    JsonNode geometry = tree(cd10From(gateId, dims, median, "")).get("geometry");
    HttpResponse<String> form = http.postForm("/samples/" + sample.sampleId() + "/review?run_id=" + sample.runId(),
        Map.of("csrf", csrf, "action", "adjust", "gate", gateId, "geometry", geometry.toString(), "reason", "back to the median"));
    assertThat(form.statusCode()).as(form.body()).isEqualTo(303);
    int rows = app.store().trail(sample.runId(), sample.sampleId()).size();
    HttpResponse<String> forged = http.postForm("/samples/" + sample.sampleId() + "/review?run_id=" + sample.runId(),
        Map.of("csrf", "forged", "action", "adjust", "gate", gateId, "geometry", geometry.toString(), "reason", "r"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(app.store().trail(sample.runId(), sample.sampleId())).hasSize(rows);
    List<org.mrdflow.review.store.AuditEntry> trail = app.store().trail(sample.runId(), sample.sampleId());
    org.mrdflow.review.store.AuditEntry last = trail.stream().filter(e -> e.action().equals("adjust")).reduce((x, y) -> y).orElseThrow();
    assertThat(last.reason()).isEqualTo("back to the median");
    assertThat(tree(last.newValue()).get("blast_events").asLong()).isEqualTo(expected);

    // signed off: a reviewer may no longer move a gate
    assertThat(http.postJson("/api/samples/" + sample.sampleId() + "/reviews?run_id=" + sample.runId(), "rita", PASSWORD,
        "{\"action\":\"sign\"}").statusCode()).isEqualTo(201);
    HttpResponse<String> refused = adjust("rita", cd10From(gateId, dims, median, "again"));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
  }

  /** As a director, so that the answers are the same before and after the other test's sign-off. */
  @Test
  void wrongAdjustmentsAre400AndAppendNothing() throws Exception {
    String gateId = blastEllipsoid();
    int before = app.store().trail(sample.runId(), sample.sampleId()).size();
    Map<String, String> bad = Map.of(
        "{\"action\":\"adjust\",\"gate\":\"no-such-gate\",\"geometry\":{\"rectangle\":{\"min\":[0],\"max\":[1]}},\"reason\":\"r\"}",
        "gate must be one of the gates drawn on the plots",
        "{\"action\":\"adjust\",\"gate\":\"" + gateId + "\",\"geometry\":{\"polygon\":{\"vertices\":[[0,0],[1,1]]}},\"reason\":\"r\"}",
        "a polygon needs 2 dimensions",
        "{\"action\":\"adjust\",\"gate\":\"" + gateId + "\",\"geometry\":{\"rectangle\":{\"min\":[1e999,null,null,null,null],"
            + "\"max\":[null,null,null,null,null]}},\"reason\":\"r\"}",
        "must be finite numbers",
        "{\"action\":\"adjust\",\"gate\":\"" + gateId + "\",\"geometry\":{\"rectangle\":{\"min\":[0.5],\"max\":[null]}},\"reason\":\"r\"}",
        "rectangle.min must be 5 numbers",
        "{\"action\":\"adjust\",\"gate\":\"" + gateId + "\",\"geometry\":{\"rectangle\":{\"min\":[0.5,null,null,null,null],"
            + "\"max\":[null,null,null,null,null]}}}",
        "reason is required",
        "{\"action\":\"adjust\",\"gate\":\"" + gateId + "\",\"geometry\":\"wide\",\"reason\":\"r\"}",
        "geometry must be a JSON object",
        "{\"action\":\"adjust\",\"gate\":\"" + gateId + "\",\"field\":\"mrd_status\",\"reason\":\"r\"}",
        "unknown key 'field'");
    for (Map.Entry<String, String> c : bad.entrySet()) {
      HttpResponse<String> r = adjust("dora", c.getKey());
      assertThat(r.statusCode()).as(c.getKey() + " -> " + r.body()).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).get("error").asText()).as(c.getKey()).contains(c.getValue());
    }
    // a 2-D gate takes a polygon of at least 3 vertices
    String twoD = MrdPlots.drawnGates(batch.gating()).entrySet().stream().filter(e -> e.getValue().dimensions().size() == 2)
        .map(Map.Entry::getKey).findFirst().orElseThrow();
    HttpResponse<String> r = adjust("dora", "{\"action\":\"adjust\",\"gate\":\"" + twoD
        + "\",\"geometry\":{\"polygon\":{\"vertices\":[[0,0],[1,1]]}},\"reason\":\"r\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).get("error").asText()).contains("at least 3");
    assertThat(adjust(null, "{\"action\":\"adjust\"}").statusCode()).isEqualTo(401);
    assertThat(app.store().trail(sample.runId(), sample.sampleId())).hasSize(before);
  }

  @Test
  void withoutTheFcsFolderAdjustIsUnavailableAndSaysWhy() throws Exception {
    ReviewApplication bare = ReviewApplication.open(TestWarehouse.copy(tmp.resolve("bare")), null, null);
    ReviewApplication elsewhere = ReviewApplication.open(TestWarehouse.copy(tmp.resolve("elsewhere")), null,
        Files.createDirectories(tmp.resolve("empty")));
    var rita = new org.mrdflow.review.store.User("rita", Role.REVIEWER);
    assertThatThrownBy(() -> bare.service().adjust(rita, sample, "x", JSON.readTree("{}"), "r"))
        .isInstanceOf(ReviewException.class).hasMessageContaining("without --input")
        .extracting(e -> ((ReviewException) e).status()).isEqualTo(409);
    assertThatThrownBy(() -> elsewhere.service().adjust(rita, sample, "x", JSON.readTree("{}"), "r"))
        .isInstanceOf(ReviewException.class).hasMessageContaining("adjust unavailable: FCS file not found under --input");
  }
}
