package org.mrdflow.pipeline.outcomes;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mrdflow.models.risk.FeatureRange;
import org.mrdflow.models.risk.InputProblem;
import org.mrdflow.models.risk.RiskData;
import org.mrdflow.models.risk.RiskModel;
import org.mrdflow.models.risk.RiskModelFile;

/**
 * The risk models' rows as a table, and scoring of new rows with a saved model. Rows are scored on
 * the driver: inputs are cohort-sized (one row per patient at a landmark).
 */
public final class RiskPredictions {

  /** Output column of {@link #predict}. */
  public static final String PROBABILITY = "relapse_probability";

  /** Sub-folders of predict-risk's {@code --output} folder: the only things it ever replaces. */
  public static final String PREDICTIONS = "predictions";
  public static final String ERRORS = "errors";

  /** Files Spark's Parquet writer leaves in a table folder: what {@code --overwrite} may delete. */
  private static final Pattern SPARK_OUTPUT_FILE =
      Pattern.compile("(part-[^/]*|_SUCCESS|_committed_[^/]*|_started_[^/]*|\\.part-[^/]*\\.crc|\\._SUCCESS\\.crc)");

  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

  private RiskPredictions() {}

  /**
   * Writes {@code tables/risk_features}: patient_key, one double column per feature (the input a
   * saved model expects), relapse_within_horizon (null when censored before the horizon),
   * days_from_landmark, relapse_observed, status (0 censored, 1 relapse, 2 death without relapse).
   */
  static void writeFeatures(SparkSession spark, RiskData data, Path dir) {
    StructType schema = new StructType().add("patient_key", DataTypes.StringType, false);
    for (String feature : data.features()) {
      schema = schema.add(feature, DataTypes.DoubleType, false);
    }
    schema = schema.add("relapse_within_horizon", DataTypes.IntegerType, true)
        .add("days_from_landmark", DataTypes.DoubleType, false)
        .add("relapse_observed", DataTypes.BooleanType, false)
        .add("status", DataTypes.IntegerType, false);
    List<Row> rows = new ArrayList<>(data.rows());
    for (int i = 0; i < data.rows(); i++) {
      Object[] values = new Object[data.features().size() + 5];
      values[0] = data.patientKeys().get(i);
      for (int j = 0; j < data.features().size(); j++) {
        values[j + 1] = data.x()[i][j];
      }
      int label = data.label(i);
      values[values.length - 4] = label == RiskData.UNKNOWN ? null : label;
      values[values.length - 3] = data.days()[i];
      values[values.length - 2] = data.status()[i] == RiskData.RELAPSE;
      values[values.length - 1] = data.status()[i];
      rows.add(RowFactory.create(values));
    }
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir.toString());
  }

  /**
   * One refused value of a row to score.
   *
   * @param row 1-based data row of the input (CSV: line {@code row + 1}, after the header)
   * @param column the feature column
   * @param value the cell as text (null when empty)
   * @param problem why it was refused
   * @param message a one-line explanation naming row, column and value
   */
  public record RowError(long row, String column, String value, InputProblem problem, String message) {}

  /**
   * What {@link #predict} did.
   *
   * @param scored rows written with a probability
   * @param errors refused values (a row is refused when any of its features is)
   * @param refusedRows rows left out of the predictions
   */
  public record Result(long scored, List<RowError> errors, long refusedRows) {}

  /** Rows refused under {@code --strict}: nothing was written. */
  public static final class RefusedRowsException extends RuntimeException {
    private final transient List<RowError> errors;

    RefusedRowsException(List<RowError> errors, long rows) {
      super(rows + " row(s) refused, nothing written (--strict); first: " + errors.get(0).message());
      this.errors = List.copyOf(errors);
    }

    public List<RowError> errors() {
      return errors;
    }
  }

  /**
   * Scores every row of {@code input} (Parquet, or CSV with a header) with the saved model and
   * writes {@code output/predictions} (the input columns plus {@link #PROBABILITY}, refused rows
   * left out) and {@code output/errors} (row, column, value, error_code, message), both Parquet. A
   * row is refused when a feature is missing, not a number, not finite, outside the training range
   * saved with the model (with {@link FeatureRange#MARGIN}), or a fraction where the training data
   * had whole numbers. Everything is checked before anything is written or deleted.
   *
   * @param strict throw {@link RefusedRowsException} (nothing written) when any row is refused
   * @param overwrite allow a non-empty output folder, replacing only its {@code predictions/} and
   *     {@code errors/} (which must hold nothing but Spark's output files), and replace an input
   *     column named {@link #PROBABILITY}
   */
  public static Result predict(SparkSession spark, Path modelFile, Path input, Path output, boolean strict, boolean overwrite)
      throws IOException {
    if (!Files.isRegularFile(modelFile)) {
      throw new OutcomesInputException(modelFile + ": model file not found");
    }
    RiskModelFile file = RiskModelFile.read(modelFile);
    RiskModel model = file.model();
    List<Path> replaced = checkOutput(output, overwrite);
    if (!Files.exists(input)) {
      throw new OutcomesInputException(input + ": input rows not found");
    }
    boolean csv = input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    if (csv && Files.isRegularFile(input)) {
      checkCsvHeader(input);
    }
    Dataset<Row> rows;
    try {
      rows = csv
          ? spark.read().option("header", "true").option("inferSchema", "true").csv(input.toString())
          : spark.read().parquet(input.toString());
    } catch (RuntimeException e) {
      String problem = OutcomesInputs.firstLine(e);
      throw new OutcomesInputException(input + ": cannot be read: "
          + (problem.toLowerCase(Locale.ROOT).contains("duplicate") ? "duplicate column(s): " : "") + problem, e);
    }
    List<String> columns = Arrays.asList(rows.columns());
    Set<String> seen = new HashSet<>();
    for (String c : columns) {
      if (!seen.add(c.toLowerCase(Locale.ROOT))) {
        throw new OutcomesInputException(input + ": duplicate column '" + c + "'");
      }
    }
    if (columns.contains(PROBABILITY)) {
      if (!overwrite) {
        throw new OutcomesInputException(input + ": already has a column '" + PROBABILITY
            + "' (scored before?); pass --overwrite to replace it");
      }
      rows = rows.drop(PROBABILITY);
      columns = Arrays.asList(rows.columns());
    }
    for (String feature : model.features()) {
      if (!columns.contains(feature)) {
        throw new OutcomesInputException(input + ": no column '" + feature + "', a feature of " + modelFile);
      }
    }
    List<RowError> errors = new ArrayList<>();
    List<Row> scored = new ArrayList<>();
    long refused = 0;
    long rowNumber = 0;
    int p = model.features().size();
    for (Row r : rows.collectAsList()) {
      rowNumber++;
      double[] x = new double[p];
      int before = errors.size();
      for (int j = 0; j < p; j++) {
        String column = model.features().get(j);
        Object cell = r.get(r.fieldIndex(column));
        InputProblem problem = parse(cell, x, j);
        if (problem == null && file.featureRanges() != null) {
          problem = file.featureRanges().get(j).check(x[j]);
        } else if (problem == null && !Double.isFinite(x[j])) {
          problem = InputProblem.NON_FINITE;
        }
        if (problem != null) {
          String text = cell == null ? null : cell.toString();
          errors.add(new RowError(rowNumber, column, text, problem, message(rowNumber, column, text, problem,
              file.featureRanges() == null ? null : file.featureRanges().get(j))));
        }
      }
      if (errors.size() > before) {
        refused++;
        continue;
      }
      Object[] values = Arrays.copyOf(toArray(r), r.length() + 1);
      values[r.length()] = model.probability(x);
      scored.add(RowFactory.create(values));
    }
    if (strict && !errors.isEmpty()) {
      throw new RefusedRowsException(errors, refused);
    }
    for (Path own : replaced) {
      deleteSparkOutput(own);
    }
    Files.createDirectories(output);
    StructType schema = rows.schema().add(PROBABILITY, DataTypes.DoubleType, false);
    spark.createDataFrame(scored, schema).coalesce(1).write().mode(SaveMode.ErrorIfExists)
        .parquet(output.resolve(PREDICTIONS).toString());
    writeErrors(spark, errors, output.resolve(ERRORS));
    return new Result(scored.size(), errors, refused);
  }

  /** Reads one cell into x[j]; the problem, or null. */
  private static InputProblem parse(Object cell, double[] x, int j) {
    if (cell == null) {
      return InputProblem.MISSING;
    }
    if (cell instanceof Number n) {
      x[j] = n.doubleValue();
      return null;
    }
    if (cell instanceof Boolean b) {
      x[j] = b ? 1 : 0;
      return null;
    }
    if (cell instanceof String s) {
      String t = s.trim();
      if (t.isEmpty()) {
        return InputProblem.MISSING;
      }
      if (NON_FINITE.matcher(t).matches()) {
        return InputProblem.NON_FINITE;
      }
      if (DECIMAL.matcher(t).matches()) {
        x[j] = Double.parseDouble(t);
        return null;
      }
    }
    return InputProblem.NOT_A_NUMBER;
  }

  private static String message(long row, String column, String value, InputProblem problem, FeatureRange range) {
    String cell = "row " + row + ", column " + column + ": ";
    return cell + switch (problem) {
      case MISSING -> "value missing";
      case NOT_A_NUMBER -> "value '" + value + "' is not a number";
      case NON_FINITE -> "value '" + value + "' is not finite";
      case OUT_OF_RANGE -> "value " + value + " is outside the training range; accepted: " + range.accepted();
      case NOT_A_WHOLE_NUMBER -> "value " + value + " is not a whole number; accepted: " + range.accepted();
    };
  }

  private static void writeErrors(SparkSession spark, List<RowError> errors, Path dir) {
    StructType schema = new StructType()
        .add("row", DataTypes.LongType, false).add("column", DataTypes.StringType, false)
        .add("value", DataTypes.StringType, true).add("error_code", DataTypes.StringType, false)
        .add("message", DataTypes.StringType, false);
    List<Row> rows = errors.stream()
        .map(e -> RowFactory.create(e.row(), e.column(), e.value(), e.problem().name(), e.message())).toList();
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(dir.toString());
  }

  /** A CSV header naming a column twice is refused before Spark renames the copies. */
  private static void checkCsvHeader(Path csv) throws IOException {
    String header;
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      header = in.readLine();
    }
    if (header == null) {
      throw new OutcomesInputException(csv + ": empty file, expected a header row");
    }
    Set<String> seen = new HashSet<>();
    for (String name : header.split(",", -1)) {
      String column = name.trim().replaceAll("^\"|\"$", "");
      if (!seen.add(column.toLowerCase(Locale.ROOT))) {
        throw new OutcomesInputException(csv + ": duplicate column '" + column + "' in the header");
      }
    }
  }

  /**
   * The output folder must be new or empty, or with {@code overwrite} the folders of a previous
   * predict-risk run inside it are replaced; anything else in it is kept. Returns the folders to
   * delete once scoring has succeeded. Never deletes here.
   */
  private static List<Path> checkOutput(Path output, boolean overwrite) throws IOException {
    if (!Files.exists(output)) {
      return List.of();
    }
    if (!Files.isDirectory(output)) {
      throw new OutcomesInputException(output + ": exists and is not a folder");
    }
    boolean empty;
    try (Stream<Path> entries = Files.list(output)) {
      empty = entries.findAny().isEmpty();
    }
    if (empty) {
      return List.of();
    }
    if (!overwrite) {
      throw new OutcomesInputException(output + ": output folder is not empty; pass --overwrite to replace its "
          + PREDICTIONS + "/ and " + ERRORS + "/ (nothing else in it is touched)");
    }
    List<Path> own = new ArrayList<>();
    for (String name : List.of(PREDICTIONS, ERRORS)) {
      Path dir = output.resolve(name);
      if (!Files.exists(dir)) {
        continue;
      }
      if (!Files.isDirectory(dir)) {
        throw new OutcomesInputException(dir + ": is not a folder MRDFlow wrote; not replaced");
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
        for (Path f : files) {
          if (!Files.isRegularFile(f) || !SPARK_OUTPUT_FILE.matcher(f.getFileName().toString()).matches()) {
            throw new OutcomesInputException(dir + ": holds '" + f.getFileName()
                + "', which predict-risk did not write; not replaced");
          }
        }
      }
      own.add(dir);
    }
    return own;
  }

  /** Deletes a table folder checked by {@link #checkOutput}: Spark's files, then the folder. */
  private static void deleteSparkOutput(Path dir) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        if (SPARK_OUTPUT_FILE.matcher(f.getFileName().toString()).matches()) {
          Files.delete(f);
        }
      }
    }
    Files.delete(dir);
  }

  private static Object[] toArray(Row r) {
    Object[] values = new Object[r.length()];
    for (int i = 0; i < values.length; i++) {
      values[i] = r.get(i);
    }
    return values;
  }
}
