package org.mrdflow.review;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mrdflow.review.store.User;

/**
 * Browser sessions, in memory (a restart signs everyone out): a random 256-bit id in an
 * HttpOnly, SameSite=Strict cookie, and a CSRF token every form of the session carries.
 * A session ends after 8 hours, or after 30 minutes without a request.
 */
final class Sessions {
  static final String COOKIE = "mrdflow_session";
  private static final Duration IDLE = Duration.ofMinutes(30);
  private static final Duration MAX = Duration.ofHours(8);
  private static final SecureRandom RANDOM = new SecureRandom();

  record Session(String id, User user, String csrf, Instant started, Instant lastSeen) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock;

  Sessions(Clock clock) {
    this.clock = clock;
  }

  Session start(User user) {
    Instant now = clock.instant();
    Session s = new Session(token(), user, token(), now, now);
    sessions.put(s.id(), s);
    return s;
  }

  /** The live session with this id, its idle clock restarted; empty when unknown or expired. */
  Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session s = sessions.get(id);
    Instant now = clock.instant();
    if (s == null || now.isAfter(s.lastSeen().plus(IDLE)) || now.isAfter(s.started().plus(MAX))) {
      if (s != null) {
        sessions.remove(id);
      }
      return Optional.empty();
    }
    Session seen = new Session(s.id(), s.user(), s.csrf(), s.started(), now);
    sessions.put(id, seen);
    return Optional.of(seen);
  }

  void end(String id) {
    sessions.remove(id);
  }

  static String token() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Compares tokens in constant time. */
  static boolean same(String expected, String given) {
    return expected != null && given != null
        && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
