package org.mrdflow.pipeline.input;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which manifest row describes which input file. A manifest {@code file} with a '/' names a path:
 * it matches a file whose relative path is, or whose full path ends with, that path; a bare name
 * matches by file name. A bare name that fits several input files matches none of them (a wrong
 * patient is worse than none) and is reported.
 *
 * @param byFile matched rows, keyed by input path
 * @param unmatchedFiles input files no row describes
 * @param unusedRows manifest rows that match no input file (or several)
 */
public record ManifestMatch(
    Map<String, ManifestRow> byFile, List<InputFile> unmatchedFiles, List<ManifestRow> unusedRows) {

  public static ManifestMatch of(Manifest manifest, List<InputFile> files) {
    Map<String, List<InputFile>> byName = new HashMap<>();
    for (InputFile f : files) {
      byName.computeIfAbsent(f.fileName(), k -> new ArrayList<>()).add(f);
    }
    Map<String, ManifestRow> byFile = new HashMap<>();
    List<ManifestRow> unused = new ArrayList<>();
    for (ManifestRow row : manifest.rows()) {
      List<InputFile> candidates = candidates(row.file(), files, byName);
      if (candidates.size() == 1 && !byFile.containsKey(candidates.get(0).path())) {
        byFile.put(candidates.get(0).path(), row);
      } else {
        unused.add(row);
      }
    }
    List<InputFile> unmatched = new ArrayList<>();
    for (InputFile f : files) {
      if (!byFile.containsKey(f.path())) {
        unmatched.add(f);
      }
    }
    return new ManifestMatch(Map.copyOf(byFile), List.copyOf(unmatched), List.copyOf(unused));
  }

  private static List<InputFile> candidates(
      String name, List<InputFile> files, Map<String, List<InputFile>> byName) {
    if (!name.contains("/")) {
      return byName.getOrDefault(name, List.of());
    }
    String stripped = name.startsWith("./") ? name.substring(2) : name;
    String suffix = "/" + stripped.replaceFirst("^/+", "");
    List<InputFile> found = new ArrayList<>();
    for (InputFile f : files) {
      String full = f.path().replace('\\', '/');
      if (f.relativePath().equals(stripped) || full.endsWith(suffix)) {
        found.add(f);
      }
    }
    return found;
  }
}
