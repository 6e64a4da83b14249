package org.mrdflow.pipeline.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.models.risk.InputProblem;
import org.mrdflow.models.risk.InvalidRiskModelException;
import org.mrdflow.pipeline.testing.TestRiskModels;
import org.mrdflow.pipeline.testing.TestSpark;

/**
 * predict-risk with bad input: every refused value is a typed per-row error naming its own row,
 * column and value; the other rows are scored; {@code --strict} writes nothing; a broken model,
 * a duplicate column and an existing {@code relapse_probability} are refused clearly; and the
 * output folder's unrelated files survive. (The command maps RefusedRowsException,
 * OutcomesInputException and InvalidRiskModelException to exit 2.)
 */
class PredictRiskTest {

  static SparkSession spark;
  @TempDir static Path dir;
  static Path model;

  @BeforeAll
  static void model() throws IOException {
    spark = TestSpark.session();
    model = TestRiskModels.logistic(dir.resolve("model.json"));
  }

  static Path csv(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return f;
  }

  @Test
  void badValuesAreTypedPerRowErrorsAndTheOtherRowsAreScored() throws IOException {
    Path input = csv("bad.csv", String.join("\n",
        "id,age_years,male,mrd_peak_log10",
        "a,45,1,-4",           // 1 ok
        "b,,0,-4",             // 2 missing
        "c,NaN,0,-4",          // 3 not finite
        "d,Infinity,0,-4",     // 4 not finite
        "e,-5,0,-4",           // 5 out of range
        "f,1000,0,-4",         // 6 out of range
        "g,50,7,-4",           // 7 male = 7
        "h,forty,1,-3",        // 8 not a number (the column becomes text)
        "i,50,0.5,-3",         // 9 not a whole number
        "j,30,0,-2") + "\n");  // 10 ok
    Path out = dir.resolve("scored-bad");
    RiskPredictions.Result r = RiskPredictions.predict(spark, model, input, out, false, false);

    assertThat(r.scored()).isEqualTo(2);
    assertThat(r.refusedRows()).isEqualTo(8);
    assertThat(r.errors()).extracting(RiskPredictions.RowError::row, RiskPredictions.RowError::column,
            RiskPredictions.RowError::problem)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2L, "age_years", InputProblem.MISSING),
            org.assertj.core.groups.Tuple.tuple(3L, "age_years", InputProblem.NON_FINITE),
            org.assertj.core.groups.Tuple.tuple(4L, "age_years", InputProblem.NON_FINITE),
            org.assertj.core.groups.Tuple.tuple(5L, "age_years", InputProblem.OUT_OF_RANGE),
            org.assertj.core.groups.Tuple.tuple(6L, "age_years", InputProblem.OUT_OF_RANGE),
            org.assertj.core.groups.Tuple.tuple(7L, "male", InputProblem.OUT_OF_RANGE),
            org.assertj.core.groups.Tuple.tuple(8L, "age_years", InputProblem.NOT_A_NUMBER),
            org.assertj.core.groups.Tuple.tuple(9L, "male", InputProblem.NOT_A_WHOLE_NUMBER));
    // the non-numeric cell's message names its own row and value, not another row's
    assertThat(r.errors().get(6).message()).isEqualTo("row 8, column age_years: value 'forty' is not a number");
    assertThat(r.errors().get(4).message())
        .isEqualTo("row 6, column age_years: value 1000 is outside the training range; accepted: a whole number in [15.0, 75.0]");

    List<Row> predictions = spark.read().parquet(out.resolve("predictions").toString()).collectAsList();
    assertThat(predictions).extracting(p -> p.<String>getAs("id")).containsExactlyInAnyOrder("a", "j");
    assertThat(predictions).allSatisfy(p -> assertThat(p.<Double>getAs(RiskPredictions.PROBABILITY)).isBetween(0.0, 1.0));
    List<Row> errors = spark.read().parquet(out.resolve("errors").toString()).collectAsList();
    assertThat(errors).hasSize(8);
    assertThat(errors).extracting(e -> e.<String>getAs("error_code")).contains("MISSING", "NOT_A_NUMBER", "OUT_OF_RANGE");
    assertThat(errors).anyMatch(e -> e.<Long>getAs("row") == 8 && "forty".equals(e.getAs("value")));
  }

  @Test
  void strictModeStopsAndWritesNothing() throws IOException {
    Path input = csv("strict.csv", "age_years,male,mrd_peak_log10\n45,1,-4\n-5,0,-4\n");
    Path out = dir.resolve("scored-strict");
    assertThatThrownBy(() -> RiskPredictions.predict(spark, model, input, out, true, false))
        .isInstanceOf(RiskPredictions.RefusedRowsException.class)
        .hasMessageStartingWith("1 row(s) refused, nothing written (--strict); first: row 2, column age_years: value -5");
    assertThat(out).doesNotExist();
  }

  @Test
  void aDuplicateColumnIsNamedAsSuch() throws IOException {
    Path input = csv("dup.csv", "age_years,male,age_years,mrd_peak_log10\n45,1,46,-4\n");
    assertThatThrownBy(() -> RiskPredictions.predict(spark, model, input, dir.resolve("scored-dup"), false, false))
        .isInstanceOf(OutcomesInputException.class)
        .hasMessage(input + ": duplicate column 'age_years' in the header");
  }

  @Test
  void aModelWhoseTreeUsesAFeatureOutOfRangeIsRefusedAtLoad() throws IOException {
    Path broken = TestRiskModels.forestSplittingOnFeatureNine(dir.resolve("broken.json"));
    Path input = csv("fine.csv", "age_years,male,mrd_peak_log10\n45,1,-4\n");
    assertThatThrownBy(() -> RiskPredictions.predict(spark, broken, input, dir.resolve("scored-broken"), false, false))
        .isInstanceOf(InvalidRiskModelException.class)
        .hasMessageContaining("splits on feature index 9, but the model has 3 features");
  }

  @Test
  void anExistingProbabilityColumnIsReportedOrReplacedWithOverwrite() throws IOException {
    Path input = csv("rescored.csv", "age_years,male,mrd_peak_log10,relapse_probability\n45,1,-4,0.99\n");
    assertThatThrownBy(() -> RiskPredictions.predict(spark, model, input, dir.resolve("scored-again"), false, false))
        .isInstanceOf(OutcomesInputException.class)
        .hasMessage(input + ": already has a column 'relapse_probability' (scored before?); pass --overwrite to replace it");
    RiskPredictions.predict(spark, model, input, dir.resolve("scored-again"), false, true);
    Row row = spark.read().parquet(dir.resolve("scored-again/predictions").toString()).first();
    assertThat(row.schema().fieldNames()).containsExactly("age_years", "male", "mrd_peak_log10", "relapse_probability");
    assertThat(row.<Double>getAs("relapse_probability")).isNotEqualTo(0.99);
  }

  @Test
  void theOutputFolderKeepsFilesItDidNotCreate() throws IOException {
    Path input = csv("ok.csv", "age_years,male,mrd_peak_log10\n45,1,-4\n30,0,-2\n");
    Path out = Files.createDirectories(dir.resolve("shared-folder"));
    Path unrelated = Files.writeString(out.resolve("notes.txt"), "keep me");
    assertThatThrownBy(() -> RiskPredictions.predict(spark, model, input, out, false, false))
        .isInstanceOf(OutcomesInputException.class)
        .hasMessageContaining("output folder is not empty; pass --overwrite");
    RiskPredictions.predict(spark, model, input, out, false, true);
    RiskPredictions.predict(spark, model, input, out, false, true);
    assertThat(unrelated).hasContent("keep me");
    assertThat(spark.read().parquet(out.resolve("predictions").toString()).count()).isEqualTo(2);
    // a file someone put inside predictions/ stops --overwrite rather than being deleted
    Path foreign = Files.writeString(out.resolve("predictions/mine.csv"), "x");
    assertThatThrownBy(() -> RiskPredictions.predict(spark, model, input, out, false, true))
        .isInstanceOf(OutcomesInputException.class)
        .hasMessageContaining("holds 'mine.csv', which predict-risk did not write; not replaced");
    assertThat(foreign).exists();
    assertThat(unrelated).hasContent("keep me");
  }
}
