package org.mrdflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.pipeline.testing.TestRiskModels;
import org.mrdflow.pipeline.testing.TestSpark;

/**
 * {@code mrdflow predict-risk} as a user runs it, one test per bad-input case of issue 17 with its
 * exit status: refused rows listed (exit 0) or stopping the run under {@code --strict} (exit 2),
 * a broken model refused at load (2), a duplicate column (2), an existing output column reported
 * (2) or replaced with {@code --overwrite} (0), a non-empty output folder refused (2) and its
 * unrelated files kept with {@code --overwrite}, an output that cannot be created (1). The
 * library behind it is tested in pipeline's PredictRiskTest.
 */
class PredictRiskCommandTest {
  static SparkSession spark;
  @TempDir static Path dir;
  static String model;

  @BeforeAll
  static void model() throws IOException {
    spark = TestSpark.session(); // the test JVM's one session; the command reuses it
    model = TestRiskModels.logistic(dir.resolve("model.json")).toString();
  }

  static String csv(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content).toString();
  }

  static CliRun predict(String input, Path output, String... options) {
    List<String> args = new ArrayList<>(List.of("predict-risk", "--model", model, "--input", input,
        "--output", output.toString()));
    args.addAll(List.of(options));
    return CliRun.run(args.toArray(String[]::new));
  }

  @Test
  void refusedRowsAreListedWithRowColumnAndValueAndTheOthersScoredWithExitZero() throws IOException {
    String input = csv("bad.csv", "age_years,male,mrd_peak_log10\n45,1,-4\n,0,-4\nInfinity,0,-4\n1000,0,-4\n"
        + "50,7,-4\nforty,1,-3\n30,0,-2\n");
    Path out = dir.resolve("scored-bad");
    CliRun r = predict(input, out);
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("scored 2 rows", "refused 5 rows");
    assertThat(r.err()).contains(
        "row 2, column age_years: value missing",
        "row 3, column age_years: value 'Infinity' is not finite",
        "row 4, column age_years: value 1000 is outside the training range; accepted: a whole number in [15.0, 75.0]",
        "row 5, column male: value 7 is outside the training range",
        "row 6, column age_years: value 'forty' is not a number");
    assertThat(spark.read().parquet(out.resolve("errors").toString()).count()).isEqualTo(5);
    assertThat(spark.read().parquet(out.resolve("predictions").toString()).count()).isEqualTo(2);
  }

  @Test
  void strictStopsWithExitTwoAndWritesNothing() throws IOException {
    String input = csv("strict.csv", "age_years,male,mrd_peak_log10\n45,1,-4\nNaN,0,-4\n");
    Path out = dir.resolve("scored-strict");
    CliRun r = predict(input, out, "--strict");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("predict-risk: 1 row(s) refused, nothing written (--strict); first: row 2, "
        + "column age_years: value 'NaN' is not finite");
    assertThat(out).doesNotExist();
  }

  @Test
  void aModelWhoseTreeUsesAFeatureOutOfRangeIsRefusedAtLoadWithExitTwo() throws IOException {
    Path broken = TestRiskModels.forestSplittingOnFeatureNine(dir.resolve("broken.json"));
    CliRun r = CliRun.run("predict-risk", "--model", broken.toString(), "--input",
        csv("fine.csv", "age_years,male,mrd_peak_log10\n45,1,-4\n"), "--output", dir.resolve("scored-broken").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("predict-risk: ").contains("splits on feature index 9, but the model has 3 features")
        .doesNotContain("Exception", "\tat ");
    assertThat(dir.resolve("scored-broken")).doesNotExist();
  }

  @Test
  void aDuplicateColumnIsBadInput() throws IOException {
    String input = csv("dup.csv", "age_years,male,age_years,mrd_peak_log10\n45,1,46,-4\n");
    CliRun r = predict(input, dir.resolve("scored-dup"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("predict-risk: " + input + ": duplicate column 'age_years' in the header");
  }

  @Test
  void anExistingProbabilityColumnIsReportedWithExitTwoOrReplacedWithOverwrite() throws IOException {
    String input = csv("rescored.csv", "age_years,male,mrd_peak_log10,relapse_probability\n45,1,-4,0.99\n");
    Path out = dir.resolve("scored-again");
    CliRun refused = predict(input, out);
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err().strip()).isEqualTo("predict-risk: " + input
        + ": already has a column 'relapse_probability' (scored before?); pass --overwrite to replace it");

    CliRun replaced = predict(input, out, "--overwrite");
    assertThat(replaced.exit()).isZero();
    Row row = spark.read().parquet(out.resolve("predictions").toString()).first();
    assertThat(row.schema().fieldNames()).containsExactly("age_years", "male", "mrd_peak_log10", "relapse_probability");
    assertThat(row.<Double>getAs("relapse_probability")).isBetween(0.0, 1.0).isNotEqualTo(0.99);
  }

  @Test
  void anUnrelatedFileInTheOutputFolderSurvivesAndBlocksAPlainRun() throws IOException {
    String input = csv("ok.csv", "age_years,male,mrd_peak_log10\n45,1,-4\n30,0,-2\n");
    Path out = Files.createDirectories(dir.resolve("shared-folder"));
    Path unrelated = Files.writeString(out.resolve("notes.txt"), "keep me");

    CliRun refused = predict(input, out);
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).contains("output folder is not empty; pass --overwrite");
    assertThat(unrelated).hasContent("keep me");

    assertThat(predict(input, out, "--overwrite").exit()).isZero();
    assertThat(predict(input, out, "--overwrite").exit()).isZero();
    assertThat(unrelated).hasContent("keep me");
    assertThat(spark.read().parquet(out.resolve("predictions").toString()).count()).isEqualTo(2);
  }

  @Test
  void anOutputThatCannotBeCreatedExitsOne() throws IOException {
    Path plainFile = Files.writeString(dir.resolve("a-file"), "not a folder");
    CliRun r = predict(csv("one.csv", "age_years,male,mrd_peak_log10\n45,1,-4\n"), plainFile.resolve("out"));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("predict-risk: ").doesNotContain("\tat ");
  }
}
