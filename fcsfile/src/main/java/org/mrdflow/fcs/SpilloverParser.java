package org.mrdflow.fcs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a dataset's compensation matrix from its keywords. Preference: {@code $SPILLOVER} (FCS
 * 3.1 section 3.3.53: n, n detector names, n x n values row by row), BD's {@code SPILL} (same
 * format), {@code $COMP} (FCS 3.0; same layout, or n then n x n values for all parameters), then
 * Beckman's {@code $DFCiTOj} (percent of detector i's signal seen in detector j). The one parser
 * of these keywords in the project: gating reads the matrix from {@link FcsDataset#spillover()}.
 */
final class SpilloverParser {
  private static final Pattern DFC = Pattern.compile("\\$DFC(\\d+)TO(\\d+)",
      Pattern.CASE_INSENSITIVE);

  /**
   * Largest parameter number a Beckman {@code $DFCiTOj} matrix may span (8 MiB of doubles): far
   * above any cytometer's detector count (spectral instruments have about 200), far below what
   * a crafted file could ask for with a single keyword.
   */
  static final int MAX_DFC_DETECTORS = 1024;

  private SpilloverParser() {}

  /** The matrix, or null; a malformed keyword adds a notice instead of failing the file. */
  static SpilloverMatrix parse(FcsKeywords kw, List<FcsChannel> channels, List<String> notices) {
    for (String key : new String[] {"$SPILLOVER", "SPILL", "$COMP"}) {
      String value = kw.valueOrNull(key);
      if (value == null || value.isBlank()) {
        continue;
      }
      SpilloverMatrix m = parseList(value, key, channels);
      if (m != null) {
        return m;
      }
      notices.add(key + " is malformed (not n, n names and n x n numbers); ignored");
    }
    return parseDfc(kw, channels, notices);
  }

  private static SpilloverMatrix parseList(String value, String key, List<FcsChannel> channels) {
    String[] f = value.split(",", -1);
    int n;
    try {
      n = Integer.parseInt(f[0].strip());
    } catch (NumberFormatException e) {
      return null;
    }
    if (n <= 0 || n > channels.size() * 4L + 64) {
      return null;
    }
    long square = (long) n * n;
    boolean named = f.length == 1 + n + square;
    boolean unnamed = !named && f.length == 1 + square && n == channels.size();
    if (!named && !unnamed) {
      return null;
    }
    List<String> names = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      names.add(named ? f[1 + i].strip() : channels.get(i).name());
    }
    if (named) {
      names = resolveParameterNumbers(names, channels);
    }
    double[][] v = new double[n][n];
    int at = named ? 1 + n : 1;
    try {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          v[i][j] = Double.parseDouble(f[at++].strip());
        }
      }
    } catch (NumberFormatException e) {
      return null;
    }
    try {
      return SpilloverMatrix.of(key, names, v);
    } catch (IllegalArgumentException e) {
      return null; // a name twice or a non-finite value: malformed like any other
    }
  }

  /** Accuri writes parameter numbers instead of names ("8,3,4,5,..."): map them to $PnN. */
  private static List<String> resolveParameterNumbers(List<String> names,
      List<FcsChannel> channels) {
    List<String> resolved = new ArrayList<>(names.size());
    for (String name : names) {
      if (!name.matches("\\d{1,9}")) {
        return names;
      }
      int p = Integer.parseInt(name);
      if (p < 1 || p > channels.size()) {
        return names;
      }
      resolved.add(channels.get(p - 1).name());
    }
    return resolved;
  }

  private static SpilloverMatrix parseDfc(FcsKeywords kw, List<FcsChannel> channels,
      List<String> notices) {
    int max = 0;
    List<int[]> entries = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (Map.Entry<String, String> e : kw.asMap().entrySet()) {
      Matcher m = DFC.matcher(e.getKey());
      if (!m.matches()) {
        continue;
      }
      int from;
      int to;
      double percent;
      try {
        from = Integer.parseInt(m.group(1));
        to = Integer.parseInt(m.group(2));
        percent = Double.parseDouble(e.getValue().strip());
      } catch (NumberFormatException ex) {
        notices.add(e.getKey() + " = " + e.getValue() + " is not a number; $DFC matrix ignored");
        return null;
      }
      if (from < 1 || to < 1 || from > channels.size() || to > channels.size()) {
        notices.add(e.getKey().toUpperCase(Locale.ROOT) + " names a parameter beyond $PAR; "
            + "$DFC matrix ignored");
        return null;
      }
      max = Math.max(max, Math.max(from, to));
      entries.add(new int[] {from, to});
      values.add(percent);
    }
    if (entries.isEmpty()) {
      return null;
    }
    if (max > MAX_DFC_DETECTORS) {
      // The matrix spans parameters 1..max whatever few keywords name them: bound its memory.
      notices.add("$DFC keywords name parameter " + max + ", beyond the " + MAX_DFC_DETECTORS
          + " detectors a $DFC matrix may span; $DFC matrix ignored");
      return null;
    }
    double[][] v = new double[max][max];
    for (int i = 0; i < max; i++) {
      v[i][i] = 1;
    }
    for (int k = 0; k < entries.size(); k++) {
      int i = entries.get(k)[0] - 1;
      int j = entries.get(k)[1] - 1;
      if (i != j) {
        v[i][j] = values.get(k) / 100.0;
      }
    }
    List<String> names = new ArrayList<>(max);
    for (int i = 0; i < max; i++) {
      names.add(channels.get(i).name());
    }
    try {
      return SpilloverMatrix.of("$DFCiTOj", names, v);
    } catch (IllegalArgumentException e) {
      notices.add("$DFCiTOj matrix: " + e.getMessage() + "; ignored");
      return null;
    }
  }
}
