package org.mrdflow.review;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small HTTP client for the tests: Basic credentials for the API, a cookie jar for the pages. */
final class Http {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final String base;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  Http(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  HttpResponse<String> get(String path, String user, String password) {
    return send(request(path, user, password).GET().build());
  }

  /** A GET whose answer is binary (a figure, a PDF). */
  HttpResponse<byte[]> getBytes(String path, String user, String password) {
    try {
      return client.send(request(path, user, password).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> postJson(String path, String user, String password, String json) {
    return send(request(path, user, password).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  HttpResponse<String> postForm(String path, Map<String, String> form) {
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return send(request(path, null, null).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
  }

  /** Signs in through the login form, as a browser does; returns the session's CSRF token. */
  String signIn(String user, String password) {
    String csrf = csrf(get("/login", null, null).body());
    HttpResponse<String> r = postForm("/login", Map.of("csrf", csrf, "name", user, "password", password));
    if (r.statusCode() != 303) {
      throw new IllegalStateException("sign-in failed: " + r.statusCode());
    }
    return csrf(get("/runs", null, null).body());
  }

  static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    if (!m.find()) {
      throw new IllegalStateException("no CSRF field in the page");
    }
    return m.group(1);
  }

  private HttpRequest.Builder request(String path, String user, String password) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (user != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    if (!cookies.isEmpty()) {
      StringBuilder c = new StringBuilder();
      cookies.forEach((k, v) -> c.append(c.length() == 0 ? "" : "; ").append(k).append('=').append(v));
      b.header("Cookie", c.toString());
    }
    return b;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      for (String set : r.headers().allValues("Set-Cookie")) {
        String pair = set.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String value = pair.substring(eq + 1);
        if (value.isEmpty()) {
          cookies.remove(pair.substring(0, eq));
        } else {
          cookies.put(pair.substring(0, eq), value);
        }
      }
      return r;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
