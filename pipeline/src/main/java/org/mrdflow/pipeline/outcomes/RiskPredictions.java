package org.mrdflow.pipeline.outcomes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
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

  private RiskPredictions() {}

  /**
   * Writes {@code tables/risk_features}: patient_key, one double column per feature (the input a
   * saved model expects), relapse_within_horizon, days_from_landmark, relapse_observed.
   */
  static void writeFeatures(SparkSession spark, RiskData data, Path dir) {
    StructType schema = new StructType().add("patient_key", DataTypes.StringType, false);
    for (String feature : data.features()) {
      schema = schema.add(feature, DataTypes.DoubleType, false);
    }
    schema = schema.add("relapse_within_horizon", DataTypes.IntegerType, false)
        .add("days_from_landmark", DataTypes.DoubleType, false)
        .add("relapse_observed", DataTypes.BooleanType, false);
    List<Row> rows = new ArrayList<>(data.rows());
    for (int i = 0; i < data.rows(); i++) {
      Object[] values = new Object[data.features().size() + 4];
      values[0] = data.patientKeys().get(i);
      for (int j = 0; j < data.features().size(); j++) {
        values[j + 1] = data.x()[i][j];
      }
      values[values.length - 3] = data.relapse()[i];
      values[values.length - 2] = data.days()[i];
      values[values.length - 1] = data.relapseObserved()[i];
      rows.add(RowFactory.create(values));
    }
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir.toString());
  }

  /**
   * Scores every row of {@code input} (Parquet, or CSV with a header) with the saved model and
   * writes the input columns plus {@link #PROBABILITY} as Parquet to {@code output}. A missing or
   * null feature is NaN: trees send it right, the logistic model gives no probability (null).
   *
   * @return rows scored
   */
  public static long predict(SparkSession spark, Path modelFile, Path input, Path output) throws IOException {
    if (!Files.isRegularFile(modelFile)) {
      throw new OutcomesInputException(modelFile + ": model file not found");
    }
    RiskModel model = RiskModelFile.read(modelFile).model();
    if (!Files.exists(input)) {
      throw new OutcomesInputException(input + ": input rows not found");
    }
    Dataset<Row> rows;
    try {
      rows = input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
          ? spark.read().option("header", "true").option("inferSchema", "true").csv(input.toString())
          : spark.read().parquet(input.toString());
    } catch (RuntimeException e) {
      throw new OutcomesInputException(input + ": cannot be read: " + OutcomesInputs.firstLine(e), e);
    }
    List<String> columns = Arrays.asList(rows.columns());
    for (String feature : model.features()) {
      if (!columns.contains(feature)) {
        throw new OutcomesInputException(input + ": no column '" + feature + "', a feature of " + modelFile);
      }
    }
    List<Row> scored = new ArrayList<>();
    for (Row r : rows.collectAsList()) {
      double[] x = new double[model.features().size()];
      for (int j = 0; j < x.length; j++) {
        Object v = r.getAs(model.features().get(j));
        x[j] = v == null ? Double.NaN : number(v, model.features().get(j), input);
      }
      double p = model.probability(x);
      Object[] values = Arrays.copyOf(toArray(r), r.length() + 1);
      values[r.length()] = Double.isFinite(p) ? p : null;
      scored.add(RowFactory.create(values));
    }
    StructType schema = rows.schema().add(PROBABILITY, DataTypes.DoubleType, true);
    spark.createDataFrame(scored, schema).coalesce(1).write().mode(SaveMode.Overwrite).parquet(output.toString());
    return scored.size();
  }

  private static Object[] toArray(Row r) {
    Object[] values = new Object[r.length()];
    for (int i = 0; i < values.length; i++) {
      values[i] = r.get(i);
    }
    return values;
  }

  private static double number(Object value, String column, Path input) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    throw new OutcomesInputException(input + ": column '" + column + "' holds " + value + ", not a number");
  }
}
