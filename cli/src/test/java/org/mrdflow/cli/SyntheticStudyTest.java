package org.mrdflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The method-comparison proof of issue 11: a lab study whose manual gating is the simulator's
 * truth ({@link TruthWorkspace}). Its imported counts equal the truth's; {@code compare} on it
 * reports exactly the agreement statistics {@code evaluate} reports against the truth on the same
 * files (one statistics code, {@code MrdAgreement}); and on the mrdsim realworld-dev set those
 * statistics equal values computed independently with base R ({@code src/test/R/
 * study-agreement.R}, output in {@code resources/study/}).
 */
class SyntheticStudyTest {
  private static final Path MRDSIM =
      Path.of(System.getProperty("mrdflow.shared", "../../shared"), "mrdsim");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void compareOnAStudyGatedAsTheTruthReportsWhatEvaluateReports(@TempDir Path dir)
      throws Exception {
    Path simulated = dir.resolve("simulated");
    CliRun sim = CliRun.run("simulate", "--scenario", "demo", "--events", "60000", "--seed", "5",
        "--out", simulated.toString());
    assertThat(sim.exit()).as(sim.err()).isZero();

    Study study = Study.run(simulated, dir.resolve("study"));

    study.assertImportEqualsTruth();
    study.assertCompareEqualsEvaluate();
    assertThat(study.agreement().path("log10_pairs").asInt()).isGreaterThanOrEqualTo(3);
    String html = study.html();
    assertThat(html).contains("log10 MRD: manual (x) vs automated (y)", "Bland-Altman: mean",
        "MRD per sample: manual (open) and automated (filled)");
    // One open (manual) circle per sample with a manual MRD: all of them here.
    assertThat(html.split("fill=\"none\"", -1)).hasSize(study.compare().path("samples").size() + 1);
  }

  @Test
  void realworldDevStudyEqualsEvaluateAndBaseR(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isRegularFile(MRDSIM.resolve("mrdsim.py")), "no ../shared/mrdsim: skipped");
    Path simulated = dir.resolve("realworld-dev");
    Process mrdsim = new ProcessBuilder("/usr/bin/python3", "mrdsim.py", "--config",
        "configs/realworld-dev/*.json", "--out", simulated.toAbsolutePath().toString(),
        "--jobs", "1").directory(MRDSIM.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("mrdsim.log").toFile()).start();
    assumeTrue(mrdsim.waitFor(10, TimeUnit.MINUTES) && mrdsim.exitValue() == 0,
        "mrdsim could not generate realworld-dev (python3 with numpy): skipped");

    Study study = Study.run(simulated, dir.resolve("study"));

    study.assertImportEqualsTruth();
    study.assertCompareEqualsEvaluate();
    study.assertEqualsBaseR("realworld-dev");
    // The page shows the statistics of compare.json, a bound Passing-Bablok cannot rank with
    // few pairs as "not estimable" (the bounds themselves are checked against R above).
    JsonNode slope = study.agreement().path("passing_bablok").path("slope");
    assertThat(study.html()).contains(String.format(Locale.ROOT,
        "Passing-Bablok: slope %s (95%% CI %s to %s)", bound(slope.path("estimate")),
        bound(slope.path("lower")), bound(slope.path("upper"))));
  }

  private static String bound(JsonNode value) {
    return value.asText().equals("NaN") ? "not estimable"
        : String.format(Locale.ROOT, "%.3f", value.asDouble());
  }

  @Test
  void devStudyEqualsEvaluateAndBaseR(@TempDir Path dir) throws Exception {
    Path dev = MRDSIM.resolve("dev");
    assumeTrue(Files.isDirectory(dev), "no ../shared/mrdsim/dev: skipped");

    Study study = Study.run(dev, dir.resolve("study"));

    study.assertImportEqualsTruth();
    study.assertCompareEqualsEvaluate();
    study.assertEqualsBaseR("dev");
  }

  /** One synthetic study: the truth workspace, compare's report and evaluate's. */
  private record Study(Path folder, JsonNode compare, JsonNode evaluate) {
    static Study run(Path simulated, Path folder) throws IOException {
      Path workspace = TruthWorkspace.write(simulated, folder);
      Path out = folder.resolve("report");
      CliRun compare = CliRun.run("compare", "--workspace", workspace.toString(), "--mapping",
          folder.resolve("mapping.yaml").toString(), "--input", folder.toString(), "--output",
          out.toString(), "--show-sample-names", "--no-parquet");
      // 3: a sample the automated analysis could not analyse, which evaluate fails too.
      assertThat(compare.exit()).as(compare.err()).isIn(0, 3);
      CliRun evaluate = CliRun.run("evaluate", "--truth", folder.toString(), "--json");
      assertThat(evaluate.exit()).as(evaluate.err()).isIn(0, 1); // 1: a target missed
      Study study = new Study(folder, JSON.readTree(out.resolve("compare.json").toFile()),
          JSON.readTree(evaluate.out()));
      assertThat(compare.exit() == 3).isEqualTo(!study.failed(study.compare, "sample").isEmpty());
      assertThat(study.failed(study.compare, "sample"))
          .isEqualTo(study.failed(study.evaluate, "sampleId").stream().map(s -> s + ".fcs")
              .toList());
      return study;
    }

    /** The samples of a report that could not be compared or evaluated. */
    List<String> failed(JsonNode report, String idField) {
      List<String> failed = new ArrayList<>();
      for (JsonNode row : report.path("samples")) {
        if (!row.path("error").isNull()) {
          failed.add(row.path(idField).asText());
        }
      }
      return failed;
    }

    String html() throws IOException {
      return Files.readString(folder.resolve("report/compare.html"));
    }

    JsonNode agreement() {
      return compare.path("agreement");
    }

    /** The workspace's gates, imported and applied, count what the truth file says. */
    void assertImportEqualsTruth() throws IOException {
      assertThat(compare.path("samples")).hasSize(evaluate.path("samples").size());
      for (JsonNode row : compare.path("samples")) {
        String stem = row.path("sample").asText().replaceAll("\\.fcs$", "");
        JsonNode truth = JSON.readTree(folder.resolve(stem + ".truth.json").toFile());
        if (!row.path("error").isNull()) {
          continue; // the automated analysis failed (the manual side is checked in the others)
        }
        assertThat(row.path("import_problems").isNull()).as(row.toString()).isTrue();
        assertThat(row.path("manual_denominator_events").asLong()).as(stem)
            .isEqualTo(truth.path("nucleated_singlets").asLong());
        assertThat(row.path("manual_blast_events").asLong()).as(stem)
            .isEqualTo(truth.path("blasts").asLong());
        assertThat(row.path("manual_hematogone_events").asLong()).as(stem)
            .isEqualTo(truth.path("hematogones").asLong());
        assertThat(row.path("manual_mrd").asDouble()).as(stem)
            .isEqualTo(truth.path("mrd_fraction").asDouble(), within(1e-15));
        if (truth.path("blasts").asLong() > 0) {
          assertThat(row.path("manual_cd19_pos_blast_fraction").asDouble()).as(stem).isEqualTo(
              truth.path("blasts_cd19pos").asDouble() / truth.path("blasts").asDouble());
        }
      }
    }

    /**
     * compare's statistics equal base R's ({@code src/test/R/study-agreement.R}) on this study's
     * pairs, which equal the pairs R computed from (counts: exact).
     */
    void assertEqualsBaseR(String set) throws IOException {
      List<String> pairs = new ArrayList<>();
      pairs.add("sample,truth_nucleated,truth_blasts,truth_eligible,automated_nucleated,"
          + "automated_blasts,automated_eligible");
      for (JsonNode row : evaluate.path("samples")) {
        if (row.path("error").isNull()) {
          pairs.add(String.join(",", row.path("sampleId").asText(),
              row.path("trueNucleated").asText(), row.path("trueBlasts").asText(),
              eligibility(row.path("trueCar19Eligible")), row.path("nucleated").asText(),
              row.path("blasts").asText(), eligibility(row.path("car19Eligible"))));
        }
      }
      assertThat(pairs).as(set + " pairs; after a gating change regenerate the fixtures as "
          + "cli/src/test/R/study-agreement.R says").containsExactlyElementsOf(
              resource("/study/" + set + "-pairs.csv").lines().toList());
      Map<String, Double> r = new TreeMap<>();
      resource("/study/" + set + "-agreement.csv").lines().skip(1).forEach(line -> {
        String[] f = line.split(",");
        r.put(f[0], f[1].equals("NA") ? Double.NaN : Double.parseDouble(f[1]));
      });
      Map<String, Double> ours = new TreeMap<>();
      flatten(agreement(), "", ours);
      ours.keySet().removeIf(k -> k.endsWith(".level"));
      assertThat(ours.keySet()).as("statistics R computes").isEqualTo(r.keySet());
      for (Map.Entry<String, Double> reference : r.entrySet()) {
        assertThat(ours.get(reference.getKey())).as(set + " " + reference.getKey())
            .isCloseTo(reference.getValue(), within(1e-9));
      }
    }

    /** Same agreement statistics, field by field. */
    void assertCompareEqualsEvaluate() {
      Map<String, Double> fromCompare = new TreeMap<>();
      Map<String, Double> fromEvaluate = new TreeMap<>();
      flatten(agreement(), "", fromCompare);
      flatten(evaluate.path("agreement"), "", fromEvaluate);
      assertThat(fromCompare).hasSizeGreaterThan(20);
      assertThat(fromCompare).isEqualTo(fromEvaluate);
      assertThat(agreement().path("categories").toString())
          .isEqualTo(evaluate.path("agreement").path("categories").toString());
    }
  }

  private static String eligibility(JsonNode call) {
    return call.isNull() || call.isMissingNode() ? "NA" : call.asBoolean() ? "TRUE" : "FALSE";
  }

  /**
   * Numeric leaves by path, names lower case without underscores, as compare's snake_case and
   * evaluate's camelCase both read ({@code blandAltman.bias.estimate} ->
   * {@code blandaltman.bias.estimate}).
   */
  private static void flatten(JsonNode node, String path, Map<String, Double> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String name = field.getKey().replace("_", "").toLowerCase(Locale.ROOT);
        flatten(field.getValue(), path.isEmpty() ? name : path + "." + name, out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(node.get(i), path + "." + i, out);
      }
    } else if (node.isNumber()) {
      out.put(path, node.asDouble());
    } else if (node.isTextual() && node.asText().equals("NaN")) {
      out.put(path, Double.NaN);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = SyntheticStudyTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
