package org.mrdflow.models.json;

import static org.mrdflow.models.json.JsonNumbers.NODES;
import static org.mrdflow.models.json.JsonNumbers.array;
import static org.mrdflow.models.json.JsonNumbers.put;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.mrdflow.models.ChiSquareResult;
import org.mrdflow.models.Probabilities;
import org.mrdflow.models.StatsInputException;
import org.mrdflow.models.competing.CumulativeIncidence;
import org.mrdflow.models.competing.CumulativeIncidenceCurve;
import org.mrdflow.models.competing.FineGray;
import org.mrdflow.models.competing.FineGrayFit;
import org.mrdflow.models.competing.GrayTest;
import org.mrdflow.models.data.CsvTable;
import org.mrdflow.models.survival.ConfidenceType;
import org.mrdflow.models.survival.CoxFit;
import org.mrdflow.models.survival.CoxModel;
import org.mrdflow.models.survival.Grouping;
import org.mrdflow.models.survival.KaplanMeier;
import org.mrdflow.models.survival.KaplanMeierCurve;
import org.mrdflow.models.survival.LogRankTest;
import org.mrdflow.models.survival.ProportionalHazardsTest;
import org.mrdflow.models.survival.SurvivalAtTime;
import org.mrdflow.models.survival.SurvivalData;
import org.mrdflow.models.survival.SurvivalQuantile;
import org.mrdflow.models.tests.FisherExactTest;

/**
 * The JSON documents of {@code mrdflow stats}: each method reads the named columns of a CSV
 * table, drops rows with a missing value in any of them (as R's {@code na.omit}), fits, and
 * returns the document whose field names are the CLI contract. Non-finite numbers are null.
 */
public final class StatsJson {

  private StatsJson() {}

  /** {@code stats km}: options of one call. */
  public record KmRequest(String timeColumn, String eventColumn, String groupColumn,
      ConfidenceType confidenceType, double[] times) {}

  /** {@code stats cox}: options of one call. */
  public record CoxRequest(String timeColumn, String eventColumn, List<String> covariates,
      CoxModel.Ties ties) {}

  /** {@code stats cif}: options of one call; {@code times} null for the full step functions. */
  public record CifRequest(String timeColumn, String statusColumn, String groupColumn,
      double[] times) {}

  /**
   * Cumulative incidence per cause (outer) and group (inner), as {@code cmprsk::cuminc}: without
   * requested times, the step function with both corners of each jump; with them, the values at
   * those times ({@code timepoints}, null past a group's follow-up). Gray's test per cause when
   * grouped.
   */
  public static ObjectNode cif(CsvTable table, CifRequest request) {
    CompleteRows rows = CompleteRows.of(table,
        columns(request.timeColumn(), request.statusColumn(), request.groupColumn()));
    SurvivalData data = rows.survival(request.timeColumn(), request.statusColumn());
    Grouping grouping = rows.grouping(request.groupColumn(), data.size());
    ObjectNode root = NODES.objectNode();
    ArrayNode cif = root.putArray("cif");
    int[] causes = CumulativeIncidence.causes(data);
    for (int cause : causes) {
      for (int g = 0; g < grouping.groupCount(); g++) {
        CumulativeIncidenceCurve curve =
            CumulativeIncidence.fit(data.subset(grouping.member(g)), cause);
        ObjectNode c = cif.addObject();
        c.put("cause", cause);
        c.put("group", grouping.labels().get(g));
        if (request.times() == null) {
          double[][] step = curve.stepFunction();
          c.set("time", array(step[0]));
          c.set("estimate", array(step[1]));
          c.set("variance", array(step[2]));
        } else {
          double[][] at = curve.at(request.times());
          c.set("time", array(request.times()));
          c.set("estimate", array(at[0]));
          c.set("variance", array(at[1]));
        }
      }
    }
    ArrayNode gray = root.putArray("gray");
    if (grouping.groupCount() > 1) {
      for (int cause : causes) {
        ChiSquareResult test = GrayTest.test(data, grouping, cause);
        ObjectNode o = gray.addObject();
        o.put("cause", cause);
        put(o, "stat", test.statistic());
        o.put("df", test.df());
        put(o, "p", test.p());
      }
    }
    return root;
  }

  /** {@code stats finegray}: options of one call. */
  public record FineGrayRequest(String timeColumn, String statusColumn, int cause,
      List<String> covariates) {}

  /** Fine-Gray regression for one cause with robust SEs, as {@code cmprsk::crr}. */
  public static ObjectNode fineGray(CsvTable table, FineGrayRequest request) {
    List<String> columns = new ArrayList<>(List.of(request.timeColumn(), request.statusColumn()));
    columns.addAll(request.covariates());
    CompleteRows rows = CompleteRows.of(table, columns);
    SurvivalData data = rows.survival(request.timeColumn(), request.statusColumn());
    FineGrayFit fit = FineGray.fit(data, request.cause(), rows.matrix(request.covariates()),
        request.covariates());
    double z = Probabilities.Z_975;
    ObjectNode root = NODES.objectNode();
    root.set("terms", array(fit.terms()));
    root.set("coef", array(fit.coef()));
    root.set("se", array(fit.se()));
    root.set("p", array(fit.p()));
    root.set("shr", array(fit.subdistributionHazardRatio()));
    root.set("shr_lower", array(fit.subdistributionHazardRatioLimit(-z)));
    root.set("shr_upper", array(fit.subdistributionHazardRatioLimit(z)));
    root.set("z", array(fit.z()));
    root.set("loglik", array(new double[] {fit.loglikNull(), fit.loglik()}));
    root.put("converged", fit.converged());
    root.put("n", data.size());
    return root;
  }

  /**
   * Fisher's exact test of a table given row-major with {@code rows} rows: two-sided p-value and,
   * for 2 x 2, the conditional MLE odds ratio with its 95% interval.
   */
  public static ObjectNode fisher(long[] rowMajor, int rows) {
    if (rows < 2 || rowMajor.length % rows != 0) {
      throw new StatsInputException("fisher: " + rowMajor.length + " counts do not fill "
          + rows + " rows");
    }
    int columns = rowMajor.length / rows;
    long[][] table = new long[rows][columns];
    for (int i = 0; i < rowMajor.length; i++) {
      table[i / columns][i % columns] = rowMajor[i];
    }
    FisherExactTest.Result r = FisherExactTest.test(table, 0.95);
    ObjectNode root = NODES.objectNode();
    put(root, "p", r.p());
    put(root, "odds_ratio", r.oddsRatio());
    put(root, "lower", r.lower());
    put(root, "upper", r.upper());
    return root;
  }

  /** Kaplan-Meier curves (one per group, or "all"), medians, survival at times, log-rank. */
  public static ObjectNode km(CsvTable table, KmRequest request) {
    CompleteRows rows = CompleteRows.of(table,
        columns(request.timeColumn(), request.eventColumn(), request.groupColumn()));
    SurvivalData data = rows.survival(request.timeColumn(), request.eventColumn());
    Grouping grouping = rows.grouping(request.groupColumn(), data.size());
    double z = Probabilities.Z_975;
    ObjectNode root = NODES.objectNode();
    ArrayNode curves = root.putArray("curves");
    for (int g = 0; g < grouping.groupCount(); g++) {
      KaplanMeierCurve curve = KaplanMeier.fit(data.subset(grouping.member(g)));
      curves.add(curveJson(grouping.labels().get(g), curve, request, z));
    }
    if (grouping.groupCount() > 1) {
      root.set("logrank", JsonNumbers.chiSquare(LogRankTest.test(data, grouping, 0).test()));
    } else {
      root.putNull("logrank");
    }
    return root;
  }

  private static ObjectNode curveJson(String label, KaplanMeierCurve curve, KmRequest request,
      double z) {
    ConfidenceType type = request.confidenceType();
    ObjectNode c = NODES.objectNode();
    c.put("group", label);
    c.set("time", array(curve.time()));
    c.set("n_risk", array(curve.nRisk()));
    c.set("n_event", array(curve.nEvent()));
    c.set("n_censor", array(curve.nCensor()));
    c.set("surv", array(curve.surv()));
    c.set("se_surv", array(curve.seSurv()));
    double[][] limits = curve.confidenceLimits(type, z);
    c.set("lower", array(limits[0]));
    c.set("upper", array(limits[1]));
    SurvivalQuantile median = curve.median(type, z);
    ObjectNode m = c.putObject("median");
    put(m, "estimate", median.estimate());
    put(m, "lower", median.lower());
    put(m, "upper", median.upper());
    ArrayNode at = c.putArray("at_times");
    if (request.times() != null) {
      for (SurvivalAtTime s : curve.atTimes(request.times(), type, z)) {
        ObjectNode row = at.addObject();
        put(row, "time", s.time());
        row.put("n_risk", s.nRisk());
        put(row, "surv", s.surv());
        put(row, "lower", s.lower());
        put(row, "upper", s.upper());
      }
    }
    return c;
  }

  /** Cox model: coefficients, hazard ratios, tests, concordance and the cox.zph test. */
  public static ObjectNode cox(CsvTable table, CoxRequest request) {
    List<String> columns = new ArrayList<>(List.of(request.timeColumn(), request.eventColumn()));
    columns.addAll(request.covariates());
    CompleteRows rows = CompleteRows.of(table, columns);
    SurvivalData data = rows.survival(request.timeColumn(), request.eventColumn());
    CoxFit fit = CoxModel.fit(data, rows.matrix(request.covariates()), request.covariates(),
        request.ties());
    double z = Probabilities.Z_975;
    ObjectNode root = NODES.objectNode();
    root.set("terms", array(fit.terms()));
    root.set("coef", array(fit.coef()));
    root.set("se", array(fit.se()));
    root.set("hr", array(fit.hazardRatio()));
    root.set("hr_lower", array(fit.hazardRatioLower(z)));
    root.set("hr_upper", array(fit.hazardRatioUpper(z)));
    root.set("z", array(fit.z()));
    root.set("p", array(fit.p()));
    root.set("loglik", array(new double[] {fit.loglikNull(), fit.loglik()}));
    root.set("lr_test", JsonNumbers.chiSquare(fit.likelihoodRatioTest()));
    root.set("wald_test", JsonNumbers.chiSquare(fit.waldTest()));
    root.set("score_test", JsonNumbers.chiSquare(fit.scoreTest()));
    put(root, "concordance", fit.concordance().c());
    root.put("n", fit.n());
    root.put("nevent", fit.eventCount());
    ProportionalHazardsTest zph =
        fit.proportionalHazardsTest(ProportionalHazardsTest.Transform.KM);
    ObjectNode z2 = root.putObject("zph");
    z2.set("terms", array(zph.terms()));
    z2.set("chisq", array(zph.chisq()));
    z2.set("df", array(zph.df()));
    z2.set("p", array(zph.p()));
    return root;
  }

  /** Time and status columns plus an optional grouping column. */
  private static List<String> columns(String time, String status, String group) {
    List<String> columns = new ArrayList<>(List.of(time, status));
    if (group != null) {
      columns.add(group);
    }
    return columns;
  }

  /** Rows of a table with no missing value in the selected columns. */
  static final class CompleteRows {
    private final CsvTable table;
    private final boolean[] keep;

    private CompleteRows(CsvTable table, boolean[] keep) {
      this.table = table;
      this.keep = keep;
    }

    static CompleteRows of(CsvTable table, List<String> columns) {
      boolean[] keep = new boolean[table.rowCount()];
      java.util.Arrays.fill(keep, true);
      for (String column : columns) {
        String[] values = table.text(column);
        for (int i = 0; i < keep.length; i++) {
          keep[i] &= values[i] != null;
        }
      }
      return new CompleteRows(table, keep);
    }

    double[] numeric(String column) {
      double[] all = table.numeric(column);
      return java.util.stream.IntStream.range(0, all.length).filter(i -> keep[i])
          .mapToDouble(i -> all[i]).toArray();
    }

    /** Groups by {@code column}, or one group "all" when it is null. */
    Grouping grouping(String column, int size) {
      return column == null ? Grouping.single(size) : Grouping.of(text(column));
    }

    String[] text(String column) {
      String[] all = table.text(column);
      return java.util.stream.IntStream.range(0, all.length).filter(i -> keep[i])
          .mapToObj(i -> all[i]).toArray(String[]::new);
    }

    double[][] matrix(List<String> columns) {
      List<double[]> cols = new ArrayList<>();
      for (String c : columns) {
        cols.add(numeric(c));
      }
      int n = cols.isEmpty() ? 0 : cols.get(0).length;
      double[][] x = new double[n][columns.size()];
      for (int j = 0; j < columns.size(); j++) {
        for (int i = 0; i < n; i++) {
          x[i][j] = cols.get(j)[i];
        }
      }
      return x;
    }

    SurvivalData survival(String timeColumn, String statusColumn) {
      try {
        return SurvivalData.of(numeric(timeColumn), numeric(statusColumn));
      } catch (StatsInputException e) {
        throw new StatsInputException(table.source() + ": " + e.getMessage());
      }
    }
  }
}
