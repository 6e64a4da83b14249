package org.mrdflow.pipeline.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.mrdflow.pipeline.privacy.Pseudonymizer;

/**
 * Fuzzes CSV sample manifests as {@code mrdflow run --manifest} takes them: read on the driver
 * (RFC 4180 CSV through Hadoop's file system), rows checked, matched to a fixed listing of input files, patient identifiers
 * pseudonymized. Each input is accepted or refused with an {@link InputException} naming the
 * manifest. Seeds: the manifests beside the inputs; {@code JAZZER_FUZZ=1} fuzzes (pipeline README,
 * "Fuzzing").
 */
class ManifestFuzzTest {
  private static final Path DIR = tempDir();
  private static final AtomicLong RUN = new AtomicLong();
  private static final List<InputFile> LISTING = List.of(
      new InputFile("/in/a.fcs", "a.fcs", 10), new InputFile("/in/sub/b.fcs", "sub/b.fcs", 10),
      new InputFile("/in/other/b.fcs", "other/b.fcs", 10), new InputFile("/in/C.FCS", "C.FCS", 10));
  private static final Configuration CONF = new Configuration();
  private static final Pseudonymizer PSEUDONYMS =
      new Pseudonymizer("fuzz-key-0123456789".getBytes(StandardCharsets.UTF_8));

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("manifest-fuzz");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "30m")
  void manifest_is_read_and_matched_or_refused_with_a_typed_error(byte[] csv) throws IOException {
    // A new name per input: nothing cached about a path can carry over between inputs.
    Path file = DIR.resolve("manifest-" + RUN.incrementAndGet() + ".csv");
    Files.write(file, csv);
    try {
      Manifest manifest = Manifest.read(CONF, file.toString());
      ManifestMatch match = ManifestMatch.of(manifest, LISTING);
      assertThat(match.byFile().size() + match.unusedRows().size())
          .isEqualTo(manifest.rows().size());
      assertThat(match.byFile().size() + match.unmatchedFiles().size()).isEqualTo(LISTING.size());
      for (ManifestRow row : manifest.rows()) {
        if (row.patientId() != null) {
          assertThat(PSEUDONYMS.pseudonym(row.patientId())).isNotBlank();
        }
      }
    } catch (InputException refused) {
      assertThat(refused.getMessage()).startsWith(file.toString());
    } finally {
      Files.delete(file);
    }
  }
}
