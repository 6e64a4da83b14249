package org.mrdflow.fcs;

import java.nio.charset.Charset;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The keywords of one dataset's TEXT (primary, then supplemental), in file order, with keys kept
 * verbatim (case and {@code $} as written) and looked up case-insensitively (FCS 3.1 section 3.2.9:
 * keyword names are case-insensitive). Values are decoded as UTF-8 when the segment is valid UTF-8
 * and as ISO-8859-1 otherwise, so every byte survives ({@link #charset()} says which).
 */
public final class FcsKeywords {
  private final Map<String, String> verbatim;
  private final Map<String, String> byUpperKey;
  private final Charset charset;

  FcsKeywords(Map<String, String> verbatim, Charset charset) {
    this.verbatim = Collections.unmodifiableMap(new LinkedHashMap<>(verbatim));
    Map<String, String> upper = new HashMap<>();
    for (Map.Entry<String, String> e : verbatim.entrySet()) {
      upper.putIfAbsent(e.getKey().toUpperCase(Locale.ROOT), e.getValue());
    }
    this.byUpperKey = upper;
    this.charset = charset;
  }

  /** The value of {@code key}, matched case-insensitively. */
  public Optional<String> get(String key) {
    return Optional.ofNullable(byUpperKey.get(key.toUpperCase(Locale.ROOT)));
  }

  /** The value of {@code key} (case-insensitive) or {@code null}. */
  public String valueOrNull(String key) {
    return byUpperKey.get(key.toUpperCase(Locale.ROOT));
  }

  public boolean contains(String key) {
    return byUpperKey.containsKey(key.toUpperCase(Locale.ROOT));
  }

  /** All keywords, keys verbatim, in file order; unmodifiable. */
  public Map<String, String> asMap() {
    return verbatim;
  }

  public int size() {
    return verbatim.size();
  }

  /** The charset the TEXT bytes were decoded with: UTF-8 or ISO-8859-1. */
  public Charset charset() {
    return charset;
  }

  @Override
  public String toString() {
    return verbatim.toString();
  }
}
