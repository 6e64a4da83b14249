package org.mrdflow.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.mrdflow.models.plot.TimelineFigure;
import org.mrdflow.review.Sessions.Session;
import org.mrdflow.review.store.AuditEntry;
import org.mrdflow.review.store.ReviewStore;
import org.mrdflow.review.store.ReviewStoreException;
import org.mrdflow.review.store.User;
import org.mrdflow.review.warehouse.Analysis;
import org.mrdflow.review.warehouse.RunSummary;
import org.mrdflow.review.warehouse.WarehouseException;
import org.mrdflow.review.warehouse.WarehouseReader;

/**
 * The review web application on the JDK's HTTP server ({@code com.sun.net.httpserver}): HTML
 * pages for the browser (session cookie, CSRF token on every form) and the JSON API for scripts
 * (HTTP Basic). Every read needs credentials too: the data is clinical. Only {@code
 * /api/health} answers anonymously, and says nothing but "ok".
 */
public final class ReviewServer implements AutoCloseable {
  private static final int MAX_BODY = 64 * 1024;
  private static final String LOGIN_COOKIE = "mrdflow_login";
  private static final Set<String> REVIEW_KEYS = Set.of("action", "field", "value", "reason");
  private static final Set<String> ADJUST_KEYS = Set.of("action", "gate", "geometry", "reason");
  private static final String SECURITY_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline';"
      + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final HttpServer server;
  private final ExecutorService threads;
  private final ReviewService service;
  private final ReviewStore store;
  private final Sessions sessions;
  private final boolean loopback;
  private final Clock clock;
  /**
   * Verified Basic credentials by the SHA-256 of their header, for a few minutes: a script's
   * calls then cost one PBKDF2 derivation (~0.3 s), not one each.
   */
  private final Map<String, BasicLogin> basicLogins = new ConcurrentHashMap<>();
  private static final Duration BASIC_LOGIN_REUSE = Duration.ofMinutes(5);

  private record BasicLogin(User user, Instant until) {}

  private ReviewServer(HttpServer server, ExecutorService threads, ReviewService service, ReviewStore store, Clock clock) {
    this.server = server;
    this.threads = threads;
    this.service = service;
    this.store = store;
    this.sessions = new Sessions(clock);
    this.loopback = server.getAddress().getAddress().isLoopbackAddress();
    this.clock = clock;
  }

  /** Starts serving on {@code address} (port 0: any free port). */
  public static ReviewServer start(ReviewService service, ReviewStore store, InetSocketAddress address, Clock clock)
      throws IOException {
    HttpServer http = HttpServer.create(address, 32);
    ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "mrdflow-review-http");
      t.setDaemon(true);
      return t;
    });
    ReviewServer server = new ReviewServer(http, threads, service, store, clock);
    http.createContext("/", server::handle);
    http.setExecutor(threads);
    http.start();
    return server;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    boolean api = path.startsWith("/api/");
    Session session = null;
    try {
      if (loopback && !localHost(ex.getRequestHeaders().getFirst("Host"))) {
        // a page on another site that resolved its name to 127.0.0.1 (DNS rebinding)
        throw new ReviewException(400, "unexpected Host header: this server answers to localhost only");
      }
      if (api) {
        api(ex, path);
      } else {
        session = sessions.find(cookie(ex, Sessions.COOKIE)).orElse(null);
        html(ex, path, session);
      }
    } catch (ReviewException e) {
      if (api) {
        json(ex, e.status(), Map.of("error", e.getMessage()));
      } else {
        send(ex, e.status(), "text/html; charset=utf-8", Pages.error(e.status(), e.getMessage(),
            session == null ? null : session.user(), session == null ? null : session.csrf()));
      }
    } catch (WarehouseException | ReviewStoreException e) {
      if (api) {
        json(ex, 500, Map.of("error", e.getMessage()));
      } else {
        send(ex, 500, "text/html; charset=utf-8", Pages.error(500, e.getMessage(), null, null));
      }
    } catch (RuntimeException e) {
      // named by type only: a message could quote request data
      System.err.println("mrdflow review: internal error " + e.getClass().getName() + " at "
          + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?"));
      if (api) {
        json(ex, 500, Map.of("error", "internal error (" + e.getClass().getSimpleName() + ")"));
      } else {
        send(ex, 500, "text/plain; charset=utf-8", "internal error (" + e.getClass().getSimpleName() + ")");
      }
    } finally {
      ex.close();
    }
  }

  // ---------------------------------------------------------------- JSON API

  private void api(HttpExchange ex, String path) throws IOException {
    String method = ex.getRequestMethod();
    List<String> parts = segments(path.substring("/api/".length()));
    if (parts.equals(List.of("health"))) {
      requireMethod(method, "GET");
      json(ex, 200, Map.of("status", "ok"));
      return;
    }
    User user = basicUser(ex);
    Map<String, String> query = query(ex);
    if (parts.equals(List.of("runs"))) {
      requireMethod(method, "GET");
      List<Map<String, Object>> runs = new ArrayList<>();
      Map<String, long[]> counts = reviewCounts();
      for (RunSummary r : service.warehouse().runs()) {
        Map<String, Object> m = JSON.convertValue(r, Map.class);
        long[] c = counts.getOrDefault(r.runId(), new long[2]);
        m.put("reviewed", c[0]);
        m.put("signed", c[1]);
        runs.add(m);
      }
      json(ex, 200, runs);
    } else if (parts.equals(List.of("samples"))) {
      requireMethod(method, "GET");
      String runId = runId(query, true);
      List<Analysis> analyses = service.warehouse().analyses(runId);
      if (analyses.isEmpty()) {
        throw new ReviewException(404, "no run " + runId + " in this warehouse");
      }
      Map<String, ReviewState> states = service.statesOfRun(runId);
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Analysis a : analyses) {
        rows.add(analysisJson(a, states.getOrDefault(a.sampleId(), ReviewState.of(List.of()))));
      }
      json(ex, 200, rows);
    } else if (parts.size() >= 2 && parts.get(0).equals("samples")) {
      String sampleId = sampleId(parts.get(1));
      String sub = parts.size() == 3 ? parts.get(2) : parts.size() == 2 ? "" : null;
      if ("".equals(sub)) {
        requireMethod(method, "GET");
        Analysis a = analysis(sampleId, runId(query, false));
        Map<String, Object> m = analysisJson(a, service.state(a.runId(), a.sampleId()));
        m.put("populations", service.warehouse().populations(a.runId(), a.sampleId()));
        m.put("plots", service.warehouse().plots(a.runId(), a.sampleId()).stream().map(p -> p.getFileName().toString()).toList());
        m.put("runs", service.warehouse().analysesOfSample(sampleId).stream().map(Analysis::runId).toList());
        json(ex, 200, m);
      } else if ("audit".equals(sub)) {
        requireMethod(method, "GET");
        String runId = runId(query, false);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Analysis a : service.warehouse().analysesOfSample(sampleId)) {
          if (runId == null || runId.equals(a.runId())) {
            store.trail(a.runId(), sampleId).forEach(e -> rows.add(auditJson(e)));
          }
        }
        if (rows.isEmpty() && service.warehouse().analysesOfSample(sampleId).isEmpty()) {
          throw new ReviewException(404, "no sample " + sampleId + " in this warehouse");
        }
        rows.sort((x, y) -> Long.compare((Long) x.get("sequence"), (Long) y.get("sequence")));
        json(ex, 200, rows);
      } else if ("reviews".equals(sub)) {
        requireMethod(method, "POST");
        JsonNode body = jsonBody(ex);
        if (ReviewState.ADJUST.equals(text(body, "action"))) {
          checkKeys(body, ADJUST_KEYS, "action, gate, geometry, reason");
          Analysis a = analysis(sampleId, runId(query, false));
          List<AuditEntry> rows = service.adjust(user, a, text(body, "gate"), body.get("geometry"), text(body, "reason"));
          Map<String, Object> m = auditJson(rows.get(0));
          m.put("overrides", rows.subList(1, rows.size()).stream().map(ReviewServer::auditJson).toList());
          m.put("review_state", service.state(a.runId(), a.sampleId()).status().id());
          json(ex, 201, m);
          return;
        }
        ReviewRequest request = reviewRequest(body);
        Analysis a = analysis(sampleId, runId(query, false));
        AuditEntry entry = service.apply(user, a, request);
        Map<String, Object> m = auditJson(entry);
        m.put("review_state", service.state(a.runId(), a.sampleId()).status().id());
        json(ex, 201, m);
      } else {
        throw new ReviewException(404, "no such API path");
      }
    } else if (parts.equals(List.of("patients"))) {
      requireMethod(method, "GET");
      json(ex, 200, Patients.all(service).stream().map(Patients::summaryJson).toList());
    } else if (parts.size() == 2 && parts.get(0).equals("patients")) {
      requireMethod(method, "GET");
      json(ex, 200, Patients.json(course(parts.get(1))));
    } else {
      throw new ReviewException(404, "no such API path (see /api/health, /api/runs, /api/samples, /api/patients)");
    }
  }

  private User basicUser(HttpExchange ex) {
    String header = ex.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"mrdflow review\", charset=\"UTF-8\"");
      throw new ReviewException(401, "credentials required (HTTP Basic: a user made with `mrdflow users add`)");
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ReviewException(401, "malformed Basic credentials");
    }
    String key = sha256(header.strip());
    BasicLogin cached = basicLogins.get(key);
    if (cached != null && clock.instant().isBefore(cached.until())) {
      return cached.user();
    }
    int colon = decoded.indexOf(':');
    Optional<User> user = colon < 0 ? Optional.empty()
        : store.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray());
    user.ifPresent(u -> basicLogins.put(key, new BasicLogin(u, clock.instant().plus(BASIC_LOGIN_REUSE))));
    if (user.isEmpty()) {
      ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"mrdflow review\", charset=\"UTF-8\"");
      throw new ReviewException(401, "wrong user name or password");
    }
    return user.get();
  }

  /** The request's JSON object body. */
  private static JsonNode jsonBody(HttpExchange ex) throws IOException {
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new ReviewException(400, "Content-Type must be application/json");
    }
    JsonNode body;
    try {
      body = JSON.readTree(body(ex));
    } catch (IOException e) {
      throw new ReviewException(400, "body is not valid JSON");
    }
    if (body == null || !body.isObject()) {
      throw new ReviewException(400, "body must be a JSON object {\"action\": ..., \"field\"?, \"value\"?, \"reason\"?}");
    }
    return body;
  }

  private static void checkKeys(JsonNode body, Set<String> allowed, String expected) {
    for (var names = body.fieldNames(); names.hasNext(); ) {
      String key = names.next();
      if (!allowed.contains(key)) {
        throw new ReviewException(400, "unknown key '" + Text.shorten(key) + "' (expected " + expected + ")");
      }
    }
  }

  private static ReviewRequest reviewRequest(JsonNode body) {
    checkKeys(body, REVIEW_KEYS, "action, field, value, reason");
    return new ReviewRequest(text(body, "action"), text(body, "field"), text(body, "value"), text(body, "reason"));
  }

  private static String text(JsonNode body, String key) {
    JsonNode v = body.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isValueNode()) {
      throw new ReviewException(400, key + " must be a string, number or boolean");
    }
    return v.asText();
  }

  private static Map<String, Object> analysisJson(Analysis a, ReviewState s) {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = JSON.convertValue(a, LinkedHashMap.class);
    m.remove("analysed");
    m.put("review_state", s.status().id());
    Map<String, String> overrides = new LinkedHashMap<>();
    s.overrides().forEach((f, v) -> overrides.put(f.column(), v));
    m.put("overrides", overrides);
    m.put("signed_by", s.firstSign() == null ? null : s.firstSign().reviewer());
    m.put("countersigned_by", s.secondSign() == null ? null : s.secondSign().reviewer());
    return m;
  }

  private static Map<String, Object> auditJson(AuditEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sequence", e.sequence());
    m.put("run_id", e.runId());
    m.put("sample_id", e.sampleId());
    m.put("reviewer", e.reviewer());
    m.put("role", e.role().id());
    m.put("action", e.action());
    m.put("field", e.field());
    m.put("old_value", e.oldValue());
    m.put("new_value", e.newValue());
    m.put("reason", e.reason());
    m.put("time", e.time().toString());
    return m;
  }

  // ---------------------------------------------------------------- HTML pages

  private void html(HttpExchange ex, String path, Session session) throws IOException {
    String method = ex.getRequestMethod();
    if (path.equals("/login")) {
      login(ex, method);
      return;
    }
    if (reportPdf(ex, method, path, session)) {
      return;
    }
    if (session == null) {
      if (method.equals("GET")) {
        redirect(ex, "/login");
        return;
      }
      throw new ReviewException(401, "signed out: sign in again");
    }
    Map<String, String> query = query(ex);
    List<String> parts = segments(path);
    if (method.equals("POST")) {
      Map<String, String> form = form(ex);
      if (!Sessions.same(session.csrf(), form.get("csrf"))) {
        throw new ReviewException(403, "the form's CSRF token does not match this session: reload the page");
      }
      if (parts.equals(List.of("logout"))) {
        sessions.end(session.id());
        ex.getResponseHeaders().add("Set-Cookie", Sessions.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        redirect(ex, "/login");
      } else if (parts.size() == 3 && parts.get(0).equals("samples") && parts.get(2).equals("review")) {
        Analysis a = analysis(sampleId(parts.get(1)), runId(query, false));
        ReviewRequest request = new ReviewRequest(form.get("action"), blankToNull(form.get("field")),
            blankToNull(form.get("value")), blankToNull(form.get("reason")));
        try {
          if (ReviewState.ADJUST.equals(request.action())) {
            service.adjust(session.user(), a, blankToNull(form.get("gate")), geometryField(form.get("geometry")), request.reason());
          } else {
            service.apply(session.user(), a, request);
          }
        } catch (ReviewException e) {
          send(ex, e.status(), "text/html; charset=utf-8", samplePage(a, session, e.getMessage()));
          return;
        }
        redirect(ex, Pages.sampleUrl(a));
      } else {
        throw new ReviewException(404, "no such page");
      }
      return;
    }
    requireMethod(method, "GET");
    if (parts.isEmpty()) {
      redirect(ex, "/runs");
    } else if (parts.equals(List.of("runs"))) {
      sendPage(ex, Pages.page("Runs", session.user(), session.csrf(),
          Pages.runs(service.warehouse().runs(), reviewCounts())));
    } else if (parts.equals(List.of("samples"))) {
      String runId = runId(query, true);
      List<Analysis> analyses = service.warehouse().analyses(runId);
      if (analyses.isEmpty()) {
        throw new ReviewException(404, "no run " + runId + " in this warehouse");
      }
      Pages.Filters filters = new Pages.Filters(blankToNull(query.get("status")), blankToNull(query.get("call")),
          blankToNull(query.get("qc_flag")), blankToNull(query.get("review")));
      sendPage(ex, Pages.page("Run " + runId, session.user(), session.csrf(),
          Pages.samples(runId, analyses, service.statesOfRun(runId), filters)));
    } else if (parts.size() == 2 && parts.get(0).equals("samples")) {
      sendPage(ex, samplePage(analysis(sampleId(parts.get(1)), runId(query, false)), session, null));
    } else if (parts.size() == 4 && parts.get(0).equals("plots")) {
      plot(ex, parts);
    } else if (parts.equals(List.of("patients"))) {
      sendPage(ex, Pages.page("Patients", session.user(), session.csrf(), PatientPages.list(Patients.all(service))));
    } else if (parts.size() == 2 && parts.get(0).equals("patients")) {
      Patients.Course course = course(parts.get(1));
      sendPage(ex, Pages.page(PatientPages.title(course.timeline().patientKey()), session.user(), session.csrf(),
          PatientPages.patient(course)));
    } else if (parts.size() == 3 && parts.get(0).equals("patients") && parts.get(2).equals("timeline.png")) {
      send(ex, 200, "image/png", TimelineFigure.png(course(parts.get(1)).timeline()));
    } else {
      throw new ReviewException(404, "no such page");
    }
  }

  private String samplePage(Analysis a, Session session, String error) {
    ReviewState state = service.state(a.runId(), a.sampleId());
    return Pages.sample(a, service.warehouse().analysesOfSample(a.sampleId()), state,
        service.warehouse().populations(a.runId(), a.sampleId()), service.warehouse().plots(a.runId(), a.sampleId()),
        RunRules.of(service.warehouse().provenance(a.runId())), session.user(), session.csrf(), error,
        a.analysed() ? adjustSection(a, state, session) : "");
  }

  private String adjustSection(Analysis a, ReviewState state, Session session) {
    try {
      return AdjustForms.section(a, state, session.user(), session.csrf(), service.adjustableGates(a), null);
    } catch (ReviewException e) {
      return AdjustForms.section(a, state, session.user(), session.csrf(), null, e.getMessage());
    }
  }

  /** The adjust form's geometry text as JSON. */
  private static JsonNode geometryField(String text) {
    if (text == null || text.isBlank()) {
      throw new ReviewException(400, "geometry is required to adjust a gate");
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new ReviewException(400, "geometry is not valid JSON");
    }
  }

  /**
   * Serves {@code GET /samples/{sample_id}/report.pdf[?run_id=]}, the sample's one-page PDF with
   * the reviewed values and sign-offs (ReviewedReport), to the browser's session or, for a script
   * that files the report, HTTP Basic; false for any other request (and a GET without either,
   * which goes to the sign-in page).
   */
  private boolean reportPdf(HttpExchange ex, String method, String path, Session session) throws IOException {
    List<String> parts = segments(path);
    if (!method.equals("GET") || parts.size() != 3 || !parts.get(0).equals("samples") || !parts.get(2).equals("report.pdf")
        || session == null && !ex.getRequestHeaders().containsKey("Authorization")) {
      return false;
    }
    if (session == null) {
      basicUser(ex);
    }
    Analysis a = analysis(sampleId(parts.get(1)), runId(query(ex), false));
    RunRules rules = RunRules.of(service.warehouse().provenance(a.runId()));
    if (rules.rules() == null) {
      throw new ReviewException(409, "the thresholds of run " + a.runId() + " are unknown here (" + rules.source()
          + "): the report would misstate them");
    }
    byte[] pdf = ReviewedReport.pdf(a, service.state(a.runId(), a.sampleId()), rules.rules(),
        service.warehouse().plots(a.runId(), a.sampleId()));
    ex.getResponseHeaders().set("Content-Disposition", "inline; filename=\"report.pdf\"");
    send(ex, 200, "application/pdf", pdf);
    return true;
  }

  private void login(HttpExchange ex, String method) throws IOException {
    if (method.equals("GET")) {
      // the browser's existing token is kept: a second load of the page (prefetch, reload)
      // must not invalidate the form already shown
      String existing = cookie(ex, LOGIN_COOKIE);
      String token = existing != null && existing.matches("[A-Za-z0-9_-]{43}") ? existing : Sessions.token();
      ex.getResponseHeaders().add("Set-Cookie", LOGIN_COOKIE + "=" + token + "; Path=/login; HttpOnly; SameSite=Strict");
      sendPage(ex, Pages.login(token, null));
      return;
    }
    requireMethod(method, "POST");
    Map<String, String> form = form(ex);
    if (!Sessions.same(cookie(ex, LOGIN_COOKIE), form.get("csrf"))) {
      throw new ReviewException(403, "the sign-in form's CSRF token does not match: reload the sign-in page");
    }
    String name = form.getOrDefault("name", "");
    Optional<User> user = store.authenticate(name, form.getOrDefault("password", "").toCharArray());
    if (user.isEmpty()) {
      String token = Sessions.token();
      ex.getResponseHeaders().add("Set-Cookie", LOGIN_COOKIE + "=" + token + "; Path=/login; HttpOnly; SameSite=Strict");
      send(ex, 401, "text/html; charset=utf-8", Pages.login(token, "Wrong name or password."));
      return;
    }
    Session session = sessions.start(user.get());
    ex.getResponseHeaders().add("Set-Cookie", Sessions.COOKIE + "=" + session.id() + "; Path=/; HttpOnly; SameSite=Strict");
    redirect(ex, "/runs");
  }

  private void plot(HttpExchange ex, List<String> parts) throws IOException {
    String runId = checkedRunId(parts.get(1));
    String sampleId = sampleId(parts.get(2));
    List<Path> plots = service.warehouse().plots(runId, sampleId);
    int index;
    try {
      index = Integer.parseInt(parts.get(3));
    } catch (NumberFormatException e) {
      throw new ReviewException(400, "plot number expected");
    }
    if (index < 0 || index >= plots.size()) {
      throw new ReviewException(404, "no such plot");
    }
    Path file = plots.get(index);
    boolean svg = file.getFileName().toString().endsWith(".svg");
    if (svg) {
      // an SVG opened on its own runs no script and loads nothing
      ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    }
    send(ex, 200, svg ? "image/svg+xml" : "image/png", Files.readAllBytes(file));
  }

  // ---------------------------------------------------------------- shared

  /** Per run: analyses with any review action, and analyses signed off (the last action a sign). */
  private Map<String, long[]> reviewCounts() {
    Map<String, Map<String, List<AuditEntry>>> byRun = new HashMap<>();
    for (AuditEntry e : store.all()) {
      byRun.computeIfAbsent(e.runId(), r -> new LinkedHashMap<>()).computeIfAbsent(e.sampleId(), s -> new ArrayList<>()).add(e);
    }
    Map<String, long[]> counts = new HashMap<>();
    byRun.forEach((run, trails) -> counts.put(run,
        new long[] {trails.size(), trails.values().stream().filter(t -> ReviewState.of(t).signed()).count()}));
    return counts;
  }

  private Patients.Course course(String patientKey) {
    if (!Patients.PATIENT_KEY.matcher(patientKey).matches()) {
      throw new ReviewException(400, "patient key must be the hex patient_key of the patient list");
    }
    return Patients.of(service, patientKey).orElseThrow(() -> new ReviewException(404,
        "no analysed sample of this patient key in this warehouse"));
  }

  private Analysis analysis(String sampleId, String runId) {
    return service.warehouse().analysis(sampleId, runId).orElseThrow(() -> new ReviewException(404,
        "no sample " + sampleId + (runId == null ? "" : " in run " + runId) + " in this warehouse"));
  }

  private static String runId(Map<String, String> query, boolean required) {
    String runId = blankToNull(query.get("run_id"));
    if (runId == null) {
      if (required) {
        throw new ReviewException(400, "run_id is required (GET /api/runs lists them)");
      }
      return null;
    }
    return checkedRunId(runId);
  }

  private static String checkedRunId(String runId) {
    if (!WarehouseReader.RUN_ID.matcher(runId).matches()) {
      throw new ReviewException(400, "run_id must be 1-128 letters, digits, '.', '_' or '-'");
    }
    return runId;
  }

  private static String sampleId(String sampleId) {
    if (!WarehouseReader.SAMPLE_ID.matcher(sampleId).matches()) {
      throw new ReviewException(400, "sample_id must be 32 lower-case hex digits");
    }
    return sampleId;
  }

  private static void requireMethod(String method, String expected) {
    if (!method.equals(expected)) {
      throw new ReviewException(405, method + " not allowed here (use " + expected + ")");
    }
  }

  private boolean localHost(String host) {
    if (host == null) {
      return false;
    }
    String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
        : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
    return name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]");
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        out.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static Map<String, String> query(HttpExchange ex) {
    return decodeForm(ex.getRequestURI().getRawQuery());
  }

  private static Map<String, String> form(HttpExchange ex) throws IOException {
    return decodeForm(new String(body(ex), StandardCharsets.UTF_8));
  }

  private static Map<String, String> decodeForm(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.putIfAbsent(key, value);
    }
    return out;
  }

  private static byte[] body(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new ReviewException(400, "request body larger than " + MAX_BODY + " bytes");
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      throw new ReviewException(400, "malformed request body");
    }
  }

  private static String cookie(HttpExchange ex, String name) {
    for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String c : header.split(";")) {
        String t = c.strip();
        if (t.startsWith(name + "=")) {
          return t.substring(name.length() + 1);
        }
      }
    }
    return null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static void redirect(HttpExchange ex, String location) throws IOException {
    ex.getResponseHeaders().set("Location", location);
    send(ex, 303, "text/plain; charset=utf-8", "");
  }

  private static void sendPage(HttpExchange ex, String html) throws IOException {
    send(ex, 200, "text/html; charset=utf-8", html);
  }

  private static void json(HttpExchange ex, int status, Object value) throws IOException {
    send(ex, status, "application/json", JSON.writeValueAsBytes(value));
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    var h = ex.getResponseHeaders();
    h.set("Content-Type", type);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Cache-Control", "no-store");
    h.putIfAbsent("Content-Security-Policy", List.of(SECURITY_POLICY));
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
