package org.mrdflow.fcs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A folder of FCS files with golden records: {@code files/}, {@code golden/} and {@code
 * golden-flowcore/} side by side. Either the full shared corpus ({@code ../shared/fcs-corpus},
 * tests skip when it is absent) or the permissively licensed subset bundled in test resources.
 */
final class ReferenceCorpus {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path root;

  private ReferenceCorpus(Path root) {
    this.root = root;
  }

  /** The shared corpus; skips the calling test when {@code mrdflow.shared} has none. */
  static ReferenceCorpus shared() {
    Path corpus = Path.of(System.getProperty("mrdflow.shared", "../shared"), "fcs-corpus");
    assumeTrue(Files.isDirectory(corpus.resolve("files")),
        "FCS corpus not found at " + corpus + "; skipping");
    return new ReferenceCorpus(corpus);
  }

  /** The subset copied into test resources (see its PROVENANCE.tsv). */
  static ReferenceCorpus bundled() {
    try {
      return new ReferenceCorpus(
          Path.of(ReferenceCorpus.class.getResource("corpus").toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Corpus-relative paths of every FCS file, sorted. */
  List<String> files() {
    Path files = root.resolve("files");
    try (Stream<Path> walk = Files.walk(files)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> files.relativize(p).toString())
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path file(String relative) {
    return root.resolve("files").resolve(relative);
  }

  JsonNode golden(String relative) {
    return json(root.resolve("golden").resolve(relative + ".json"));
  }

  JsonNode flowCoreGolden(String relative) {
    return json(root.resolve("golden-flowcore").resolve(relative + ".json"));
  }

  private static JsonNode json(Path p) {
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
