package org.mrdflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mrdflow.models.risk.InvalidRiskModelException;
import org.mrdflow.pipeline.outcomes.OutcomesInputException;
import org.mrdflow.pipeline.outcomes.RiskPredictions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mrdflow predict-risk}: scores rows with a risk model saved by {@code mrdflow outcomes}. */
@Command(
    name = "predict-risk",
    mixinStandardHelpOptions = true,
    description = {
      "Score rows (Parquet, or CSV with a header) with a saved risk model (models/*.json of mrdflow outcomes).",
      "The rows need one column per model feature, as in tables/risk_features; output adds relapse_probability."
    })
public final class PredictRiskCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "Saved model (JSON).")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "Rows to score: Parquet file/folder or .csv.")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Parquet folder to write (replaced).")
  Path output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    SparkSession spark =
        SparkSession.builder().master("local[*]").appName("mrdflow predict-risk")
            .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC").getOrCreate();
    try {
      long rows = RiskPredictions.predict(spark, model, input, output);
      spec.commandLine().getOut().println("scored " + rows + " rows into " + output);
      return 0;
    } catch (InvalidRiskModelException | OutcomesInputException e) {
      err.println("predict-risk: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("predict-risk: " + e.getMessage());
      return 1;
    } finally {
      spark.stop();
    }
  }
}
