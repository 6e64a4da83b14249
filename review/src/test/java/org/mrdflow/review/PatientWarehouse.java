package org.mrdflow.review;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.mrdflow.pipeline.job.MrdflowJob;
import org.mrdflow.pipeline.job.RunListener;
import org.mrdflow.pipeline.privacy.Pseudonymizer;
import org.mrdflow.pipeline.run.RunRequest;
import org.mrdflow.pipeline.testing.FakeAnalyzer;
import org.mrdflow.pipeline.testing.FakeFcs;
import org.mrdflow.pipeline.testing.Runs;
import org.mrdflow.pipeline.testing.TestSpark;
import org.mrdflow.pipeline.timeline.TimelineJob;

/**
 * A warehouse of two patients over two runs, with a manifest and a clinical table, made by the
 * Spark job with the pipeline's test double analysis (a file without blasts in 300,000 events is
 * NEGATIVE; 600 blasts in 220,000 events, 198,000 nucleated, POSITIVE at 600 / 198,000 = 0.303 %,
 * B-cell aplasia, all blasts CD19+), then {@code TimelineJob} for the clinical event rows. By
 * design:
 *
 * <ul>
 *   <li>{@link #ROE}: CAR-T 2026-02-01; NEGATIVE on 2026-03-01 (day 28; run p1, analysed again in
 *       run p2), POSITIVE on 2026-05-02 (day 90, run p2); HSCT 2026-05-15. Flags: MRD conversion
 *       and MRD before HSCT, both at day 90.
 *   <li>{@link #DOE}: POSITIVE on 2026-02-20, CAR-T 2026-02-27. No flag.
 * </ul>
 */
final class PatientWarehouse {
  static final Pseudonymizer PSEUDONYMS =
      new Pseudonymizer("a-test-key-of-32-characters-long".getBytes(StandardCharsets.UTF_8));
  static final String ROE = PSEUDONYMS.pseudonym("MRN0048213");
  static final String DOE = PSEUDONYMS.pseudonym("MRN0099001");
  private static Path root;

  private PatientWarehouse() {}

  static synchronized Path root() {
    if (root == null) {
      try {
        root = build(Files.createTempDirectory("mrdflow-review-patients"));
      } catch (Exception e) {
        throw new IllegalStateException("cannot build the patient warehouse", e);
      }
    }
    return root;
  }

  /** A private copy (a test's sign-offs write into its own). */
  static Path copy(Path target) throws java.io.IOException {
    return TestWarehouse.copyTree(root(), target);
  }

  private static Map<String, String> file(long events, long blasts, String distinct) {
    Map<String, String> f = FakeFcs.sample(events, blasts);
    f.put("n", distinct); // different bytes for files of equal counts: different marrows
    return f;
  }

  private static Path build(Path tmp) throws Exception {
    Path warehouse = tmp.resolve("warehouse");
    Path night1 = tmp.resolve("in1");
    FakeFcs.write(night1.resolve("ROE_d28.fcs"), file(300_000, 0, "1"));
    FakeFcs.write(night1.resolve("DOE_pre.fcs"), file(220_000, 600, "2"));
    Path manifest1 = tmp.resolve("manifest1.csv");
    Files.writeString(manifest1, "file,patient_id,specimen_id,collection_date,timepoint\n"
        + "ROE_d28.fcs,MRN0048213,SPEC-1,2026-03-01,CAR-T +28d\n"
        + "DOE_pre.fcs,MRN0099001,SPEC-2,2026-02-20,pre-CAR-T\n");
    run(night1, manifest1, "p1", warehouse);
    Path night2 = tmp.resolve("in2");
    FakeFcs.write(night2.resolve("ROE_d90.fcs"), file(220_000, 600, "4"));
    Files.copy(night1.resolve("ROE_d28.fcs"), night2.resolve("ROE_d28_again.fcs"));
    Path manifest2 = tmp.resolve("manifest2.csv");
    Files.writeString(manifest2, "file,patient_id,specimen_id,collection_date,timepoint\n"
        + "ROE_d90.fcs,MRN0048213,SPEC-3,2026-05-02,CAR-T +90d\n"
        + "ROE_d28_again.fcs,MRN0048213,SPEC-1,2026-03-01,CAR-T +28d\n");
    run(night2, manifest2, "p2", warehouse);
    Path clinical = tmp.resolve("clinical.csv");
    Files.writeString(clinical, "patient_key,car_t_infusion_date,transplant_date,relapse_date,death_date,"
        + "last_follow_up_date,age_years,sex,prior_relapses,prior_allo_hsct,poor_risk_cytogenetics,ldh_above_uln,"
        + "platelets_e9_per_l,car_t_source\n"
        + ROE + ",2026-02-01,2026-05-15,,,2026-09-01,34,F,1,false,false,false,160,AUTOLOGOUS\n"
        + DOE + ",2026-02-27,,,,2026-09-01,52,M,2,true,true,true,80,AUTOLOGOUS\n");
    TimelineJob.run(TestSpark.session(), warehouse, clinical);
    return warehouse;
  }

  private static void run(Path input, Path manifest, String runId, Path output) throws Exception {
    new MrdflowJob(TestSpark.session(), new FakeAnalyzer()).run(new RunRequest(input.toString(), output.toString(),
        manifest.toString(), Runs.defaultConfig(), runId, false, false, PSEUDONYMS, true, false), RunListener.NONE);
  }
}
