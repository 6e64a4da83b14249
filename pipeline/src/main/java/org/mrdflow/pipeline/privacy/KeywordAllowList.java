package org.mrdflow.pipeline.privacy;

import java.io.Serializable;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which FCS TEXT keywords may be copied into outputs. Allow-list, not deny-list: instruments and
 * vendors invent new identifying keywords ($SRC, $SMNO, $FIL, $PROJ, $OP, "PATIENT ID", "SAMPLE
 * ID", ...), so anything not named here is withheld. Names match case-insensitively, as FCS 3.1
 * section 3.2.9 makes keyword names case-insensitive.
 */
public final class KeywordAllowList implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Set<String> allowed;

  public KeywordAllowList(Collection<String> names) {
    this.allowed = names.stream().map(n -> n.strip().toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  public boolean allows(String keyword) {
    return allowed.contains(keyword.strip().toUpperCase(Locale.ROOT));
  }

  /** The allowed keywords of {@code keywords}, names as stored, sorted for stable output. */
  public Map<String, String> filter(Map<String, String> keywords) {
    Map<String, String> kept = new TreeMap<>();
    keywords.forEach((name, value) -> {
      if (allows(name)) {
        kept.put(name, value);
      }
    });
    return kept;
  }

  /** Value of {@code keyword} when allowed and present (any case), else null. */
  public String valueOf(Map<String, String> keywords, String keyword) {
    if (!allows(keyword)) {
      return null;
    }
    for (Map.Entry<String, String> e : keywords.entrySet()) {
      if (e.getKey().strip().equalsIgnoreCase(keyword)) {
        return e.getValue();
      }
    }
    return null;
  }
}
