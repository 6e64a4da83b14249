package org.mrdflow.simulation.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.gating.mrd.MrdResult;
import org.mrdflow.gating.mrd.PopulationSummary;

/** The population rows of a simulated classic marrow analysed with the bundled strategy. */
class BundledStrategyPathsTest {

  @Test
  void populationRowsAreNamedByTheirPathsInTheBundledStrategy(@TempDir Path dir)
      throws Exception {
    MrdResult result = ClassicSample.analyzed(dir).result();

    // The paths of conf/gating/b-all-mrd.yaml, as `mrdflow gate` prints them.
    String low = "/time-ok/cells/nucleated/ssc-low";
    assertThat(result.populations()).extracting(PopulationSummary::path).containsExactly(
        "/time-ok", "/time-ok/cells", "/time-ok/cells/nucleated", low,
        low + "/lymphocytes-t-nk", low + "/progenitors", low + "/cd19-positive/plasma-cells",
        low + "/cd19-positive/b-lineage", low + "/cd19-positive/b-lineage/normal-b/hematogones",
        low + "/cd19-positive/b-lineage/normal-b/mature-b",
        low + "/blast-scatter/cd10-bright/cd19-negative-arm", low + "/blasts",
        low + "/blasts/cd19-positive-blasts");
    assertThat(result.populations()).allSatisfy(p -> assertThat(p.parent()).isEqualTo(
        p.path().equals("/time-ok") ? null : p.path().substring(0, p.path().lastIndexOf('/'))));
  }
}
