package org.mrdflow.models.outcomes;

import java.util.List;
import java.util.Map;
import org.mrdflow.models.outcomes.OutcomeTables.CalibrationRow;
import org.mrdflow.models.outcomes.OutcomeTables.CoefficientRow;
import org.mrdflow.models.outcomes.OutcomeTables.CurveRow;
import org.mrdflow.models.outcomes.OutcomeTables.EstimateRow;
import org.mrdflow.models.outcomes.OutcomeTables.GroupRow;
import org.mrdflow.models.outcomes.OutcomeTables.OutOfFoldRow;
import org.mrdflow.models.outcomes.OutcomeTables.RiskModelRow;
import org.mrdflow.models.outcomes.OutcomeTables.TestRow;
import org.mrdflow.models.plot.StepFigure;
import org.mrdflow.models.risk.RiskData;
import org.mrdflow.models.risk.RiskModel;

/**
 * Everything an outcomes analysis produced: tables, figures, fitted risk models, and notes on what
 * could not be estimated (a model without events, a singular design) instead of a failure.
 *
 * @param patients patients in the clinical table
 * @param unknownPreTransplantMrd transplanted patients without a usable pre-HSCT marrow
 * @param unmatchedMeasurements MRD rows whose patient is not in the clinical table
 * @param figures figure name (file stem) to figure, in report order
 * @param outOfFold every risk model's out-of-fold predictions, repeat by repeat
 * @param models risk models fitted on all rows, by model name
 * @param riskData the rows of the risk models (features, label, time to relapse)
 */
public record OutcomesReport(
    int patients,
    int unknownPreTransplantMrd,
    int unmatchedMeasurements,
    OutcomesSettings settings,
    List<GroupRow> groups,
    List<CurveRow> curves,
    List<EstimateRow> estimates,
    List<TestRow> tests,
    List<CoefficientRow> coefficients,
    List<RiskModelRow> riskModels,
    List<CalibrationRow> calibration,
    List<OutOfFoldRow> outOfFold,
    Map<String, StepFigure> figures,
    Map<String, RiskModel> models,
    RiskData riskData,
    List<String> notes) {}
