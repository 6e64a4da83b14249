package org.mrdflow.fcs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The read-only FCS corpus in {@code ../shared/fcs-corpus}; tests skip when it is absent. */
final class SharedCorpus {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SharedCorpus() {}

  static Path root() {
    String shared = System.getProperty("mrdflow.shared", "../shared");
    Path corpus = Path.of(shared, "fcs-corpus");
    assumeTrue(Files.isDirectory(corpus.resolve("files")),
        "FCS corpus not found at " + corpus + "; skipping");
    return corpus;
  }

  /** Corpus-relative paths of every FCS file, sorted. */
  static List<String> files() {
    Path files = root().resolve("files");
    try (Stream<Path> walk = Files.walk(files)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> files.relativize(p).toString())
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path file(String relative) {
    return root().resolve("files").resolve(relative);
  }

  static JsonNode golden(String relative) {
    return json(root().resolve("golden").resolve(relative + ".json"));
  }

  static JsonNode flowCoreGolden(String relative) {
    return json(root().resolve("golden-flowcore").resolve(relative + ".json"));
  }

  static JsonNode json(Path p) {
    try {
      return JSON.readTree(p.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A golden number: JSON number or "NaN" / "Infinity" / "-Infinity". */
  static double number(JsonNode n) {
    return n.isNumber() ? n.asDouble() : Double.parseDouble(n.asText());
  }
}
