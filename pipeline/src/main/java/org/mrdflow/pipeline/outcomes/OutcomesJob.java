package org.mrdflow.pipeline.outcomes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.mrdflow.models.cohort.ClinicalRecord;
import org.mrdflow.models.cohort.Cohort;
import org.mrdflow.models.cohort.CohortBuilder;
import org.mrdflow.models.cohort.MrdMeasurement;
import org.mrdflow.models.outcomes.OutcomeTables;
import org.mrdflow.models.outcomes.OutcomesAnalysis;
import org.mrdflow.models.outcomes.OutcomesReport;
import org.mrdflow.models.plot.StepFigure;
import org.mrdflow.models.plot.StepFigureRenderer;
import org.mrdflow.models.risk.RiskModel;
import org.mrdflow.models.risk.RiskModelFile;
import org.mrdflow.models.simulate.CohortSimulator;
import org.mrdflow.models.simulate.SimulatedCohort;
import org.mrdflow.models.simulate.SimulationSettings;

/**
 * Runs {@code mrdflow outcomes}: reads (or simulates) the inputs, builds the cohort, runs {@link
 * OutcomesAnalysis}, and writes
 *
 * <pre>
 * &lt;output&gt;/tables/{groups,curves,estimates,tests,coefficients,risk_models,calibration,out_of_fold_predictions,risk_features,marrows}/  Parquet
 * &lt;output&gt;/figures/&lt;name&gt;.png, .svg                                              KM / CIF with numbers at risk
 * &lt;output&gt;/models/&lt;name&gt;.json                                                   portable risk models
 * &lt;output&gt;/outcomes.html                                                        the clinician's summary
 * &lt;output&gt;/inputs/clinical.csv, mrd_measurements.csv                              only with --simulate
 * </pre>
 */
public final class OutcomesJob {

  private OutcomesJob() {}

  /** Files written, for the command's summary. */
  /** @param notSignedOff analyses left out by {@code --use-reviewed} because they were not signed off */
  public record Result(OutcomesReport report, Path html, int tables, int figures, int models, int notSignedOff) {}

  public static Result run(OutcomesRequest request, SparkSession spark) throws IOException {
    List<ClinicalRecord> clinical;
    List<MrdMeasurement> measurements;
    int notSignedOff = 0;
    Files.createDirectories(request.output());
    if (request.simulateSeed() != null) {
      SimulatedCohort sim = CohortSimulator.simulate(SimulationSettings.seed002(request.simulateSeed()));
      clinical = sim.clinical();
      measurements = sim.measurements();
      SimulatedInputs.write(sim, request.output().resolve("inputs"));
    } else {
      clinical = OutcomesInputs.readClinical(spark, request.clinical());
      OutcomesInputs.Measurements read = OutcomesInputs.readMeasurements(spark, request.results(), request.useReviewed());
      measurements = read.rows();
      notSignedOff = read.notSignedOff();
    }
    Cohort cohort;
    try {
      cohort = CohortBuilder.build(clinical, measurements, request.settings().cohort());
    } catch (IllegalArgumentException e) {
      String source = request.clinical() == null ? "simulated clinical table" : request.clinical().toString();
      throw new OutcomesInputException(source + ": " + e.getMessage(), e);
    }
    OutcomesReport report = OutcomesAnalysis.run(cohort, request.settings());

    Path tables = request.output().resolve("tables");
    Map<String, Runnable> writes = new LinkedHashMap<>();
    writes.put("groups", () -> RecordTables.write(spark, report.groups(), OutcomeTables.GroupRow.class, tables.resolve("groups")));
    writes.put("curves", () -> RecordTables.write(spark, report.curves(), OutcomeTables.CurveRow.class, tables.resolve("curves")));
    writes.put("estimates",
        () -> RecordTables.write(spark, report.estimates(), OutcomeTables.EstimateRow.class, tables.resolve("estimates")));
    writes.put("tests", () -> RecordTables.write(spark, report.tests(), OutcomeTables.TestRow.class, tables.resolve("tests")));
    writes.put("coefficients",
        () -> RecordTables.write(spark, report.coefficients(), OutcomeTables.CoefficientRow.class, tables.resolve("coefficients")));
    writes.put("risk_models",
        () -> RecordTables.write(spark, report.riskModels(), OutcomeTables.RiskModelRow.class, tables.resolve("risk_models")));
    writes.put("calibration",
        () -> RecordTables.write(spark, report.calibration(), OutcomeTables.CalibrationRow.class, tables.resolve("calibration")));
    writes.put("out_of_fold_predictions", () -> RecordTables.write(spark, report.outOfFold(), OutcomeTables.OutOfFoldRow.class,
        tables.resolve("out_of_fold_predictions")));
    writes.put("marrows", () -> RecordTables.write(spark, MarrowRow.of(cohort), MarrowRow.class, tables.resolve("marrows")));
    if (report.riskData() != null) {
      writes.put("risk_features", () -> RiskPredictions.writeFeatures(spark, report.riskData(), tables.resolve("risk_features")));
    }
    writes.values().forEach(Runnable::run);

    Path figures = Files.createDirectories(request.output().resolve("figures"));
    for (Map.Entry<String, StepFigure> f : report.figures().entrySet()) {
      StepFigureRenderer.writePng(f.getValue(), figures.resolve(f.getKey() + ".png"));
      StepFigureRenderer.writeSvg(f.getValue(), figures.resolve(f.getKey() + ".svg"));
    }
    Path models = Files.createDirectories(request.output().resolve("models"));
    for (Map.Entry<String, RiskModel> m : report.models().entrySet()) {
      RiskModelFile.of(m.getValue(), request.settings().risk(), report.riskData().x()).write(models.resolve(m.getKey() + ".json"));
    }
    Path html = request.output().resolve("outcomes.html");
    Files.writeString(html, OutcomesHtml.render(report, request));
    return new Result(report, html, writes.size(), report.figures().size(), report.models().size(), notSignedOff);
  }
}
