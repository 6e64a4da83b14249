package org.mrdflow.pipeline.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputListerTest {
  private final InputLister lister = new InputLister(new Configuration());

  @Test
  void everyCorpusFileIsFoundByContentWithTheVersionTheManifestGives() throws Exception {
    Path corpus = Path.of(System.getProperty("mrdflow.shared", "../../shared"), "fcs-corpus");
    assumeTrue(Files.isDirectory(corpus), "no ../shared/fcs-corpus");
    Map<String, String> versionByPath = new HashMap<>();
    for (String line : Files.readAllLines(corpus.resolve("MANIFEST.tsv")).subList(1, 58)) {
      String[] cols = line.split("\t");
      versionByPath.put(cols[0], cols[7]);
    }
    InputListing listing = lister.list(corpus.resolve("files").toString());

    assertThat(listing.files()).extracting(InputFile::relativePath)
        .containsExactlyInAnyOrderElementsOf(versionByPath.keySet());
    for (InputFile f : listing.files()) {
      String expected = versionByPath.get(f.relativePath());
      String version = FcsMagic.version(prefix(Path.of(new org.apache.hadoop.fs.Path(f.path()).toUri().getPath())));
      // "?" = not FCS (kept because of its .fcs name); "2.0+3.0" = first data set's version.
      assertThat(version).as(f.relativePath()).isEqualTo(expected.equals("?") ? null : expected.split("\\+")[0]);
    }
  }

  @Test
  void listingIsRecursiveSkipsHiddenFilesAndIgnoresNonFcsSidecars(@TempDir Path tmp) throws Exception {
    write(tmp.resolve("a/one.fcs"), "FCS3.1    rest");
    write(tmp.resolve("a/b/two.B08"), "FCS2.0    rest");
    write(tmp.resolve("a/b/noext"), "FCS3.0    rest");
    write(tmp.resolve("a/broken.LMD"), "garbage");
    write(tmp.resolve("a/one.truth.json"), "{}");
    write(tmp.resolve("a/.one.fcs.crc"), "FCS3.1    crc");
    write(tmp.resolve("a/_tmp/three.fcs"), "FCS3.1    staging");

    InputListing listing = lister.list(tmp.resolve("a").toString());

    assertThat(listing.files()).extracting(InputFile::relativePath)
        .containsExactly("b/noext", "b/two.B08", "broken.LMD", "one.fcs");
    assertThat(listing.ignored()).extracting(InputFile::relativePath).containsExactly("one.truth.json");
    assertThat(listing.files().get(3).bytes()).isEqualTo(14);
  }

  @Test
  void aGlobIsListedRelativeToItsFixedPrefix(@TempDir Path tmp) throws Exception {
    write(tmp.resolve("2026-01/x/s.fcs"), "FCS3.1    1");
    write(tmp.resolve("2026-02/s.fcs"), "FCS3.1    2");
    write(tmp.resolve("2025-12/s.fcs"), "FCS3.1    3");

    InputListing listing = lister.list(tmp.resolve("2026-*").toString());

    assertThat(listing.files()).extracting(InputFile::relativePath)
        .containsExactly("2026-01/x/s.fcs", "2026-02/s.fcs");
  }

  @Test
  void aMissingInputIsReportedByName(@TempDir Path tmp) {
    assertThatThrownBy(() -> lister.list(tmp.resolve("nowhere").toString()))
        .isInstanceOf(InputException.class).hasMessageContaining("nowhere");
  }

  private static void write(Path p, String content) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private static byte[] prefix(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      return in.readNBytes(FcsMagic.PREFIX_BYTES);
    }
  }
}
