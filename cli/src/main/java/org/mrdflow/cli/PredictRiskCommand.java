package org.mrdflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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
      "The rows need one column per model feature, as in tables/risk_features. Writes OUTPUT/predictions (the input",
      "columns plus relapse_probability) and OUTPUT/errors (refused values: row, column, value, error_code, message).",
      "A row with a missing, non-numeric, non-finite or out-of-training-range feature is refused, the others scored.",
      "Exit 0 ok (refused rows listed on stderr and in OUTPUT/errors), 2 bad input or model (or any refused row",
      "with --strict), 1 output not writable."
    })
public final class PredictRiskCommand implements Callable<Integer> {

  private static final int MAX_PRINTED_ERRORS = 20;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "Saved model (JSON).")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "Rows to score: Parquet file/folder or .csv.")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Folder for predictions/ and errors/ (Parquet); must be new or empty unless --overwrite.")
  Path output;

  @Option(names = "--strict", description = "Stop with exit 2, writing nothing, if any row is refused.")
  boolean strict;

  @Option(names = "--overwrite",
      description = "Replace predictions/ and errors/ of an earlier run in --output (nothing else there is touched), "
          + "and replace an input column relapse_probability.")
  boolean overwrite;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    // a session already running in this JVM (a caller's, a test's) is used and left running
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark =
        SparkSession.builder().master("local[*]").appName("mrdflow predict-risk")
            .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC").getOrCreate();
    try {
      RiskPredictions.Result result = RiskPredictions.predict(spark, model, input, output, strict, overwrite);
      spec.commandLine().getOut().println("scored " + result.scored() + " rows into " + output.resolve(RiskPredictions.PREDICTIONS)
          + (result.refusedRows() == 0 ? "" : "; refused " + result.refusedRows() + " rows, listed in "
              + output.resolve(RiskPredictions.ERRORS)));
      printErrors(err, result.errors());
      return 0;
    } catch (RiskPredictions.RefusedRowsException e) {
      err.println("predict-risk: " + e.getMessage());
      printErrors(err, e.errors());
      return 2;
    } catch (InvalidRiskModelException | OutcomesInputException e) {
      err.println("predict-risk: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("predict-risk: " + e.getMessage());
      return 1;
    } finally {
      if (ownSession) {
        spark.stop();
      }
    }
  }

  /** The first refused values on stderr (all of them are in the errors table). */
  private static void printErrors(PrintWriter err, List<RiskPredictions.RowError> errors) {
    int shown = Math.min(MAX_PRINTED_ERRORS, errors.size());
    for (int i = 0; i < shown; i++) {
      err.println("predict-risk: " + errors.get(i).message());
    }
    if (errors.size() > shown) {
      err.println("predict-risk: ... and " + (errors.size() - shown) + " more refused values");
    }
  }
}
