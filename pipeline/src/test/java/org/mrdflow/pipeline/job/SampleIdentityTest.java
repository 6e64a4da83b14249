package org.mrdflow.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mrdflow.pipeline.testing.DuckDb;

class SampleIdentityTest {
  @Test
  void theSampleIdIsTheTruncatedSha256OfTheLabelTheFileHashAndTheDataSet() {
    // Python: hashlib.sha256(b"mrdflow sample v1|" + b"ab" * 32 + b"|0").hexdigest()[:32]
    assertThat(SampleIdentity.of("ab".repeat(32), 0)).isEqualTo("ccc83cca14968e03c84ae29c5d879b9b");
    assertThat(SampleIdentity.of("ab".repeat(32), 1)).isNotEqualTo(SampleIdentity.of("ab".repeat(32), 0));
  }

  @Test
  void theMigrationQueryOfThePipelineReadmeGivesTheSameIdInDuckDb() {
    String sha = SampleIdentity.sha256Hex("any file".getBytes(StandardCharsets.UTF_8));
    Object fromDuckDb = DuckDb.query("SELECT substr(sha256('mrdflow sample v1|' || '" + sha
        + "' || '|0'), 1, 32) AS id").get(0).get("id");
    assertThat(fromDuckDb).isEqualTo(SampleIdentity.of(sha, 0));
  }

  @Test
  void differentBytesGiveDifferentIdsAndEqualBytesEqualIds() {
    byte[] a = "FCS3.1 marrow of one patient".getBytes(StandardCharsets.US_ASCII);
    byte[] b = "FCS3.1 marrow of another one".getBytes(StandardCharsets.US_ASCII);
    assertThat(SampleIdentity.ofBytes(a)).isEqualTo(SampleIdentity.ofBytes(a.clone()))
        .isNotEqualTo(SampleIdentity.ofBytes(b));
  }
}
