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
import org.mrdflow.models.survival.Landmark;
import org.mrdflow.models.survival.LogRankTest;
import org.mrdflow.models.survival.MantelByarTest;
import org.mrdflow.models.survival.RobustCox;
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

  /**
   * {@code stats km}: options of one call. With a {@code startColumn}, the rows are (start, stop]
   * intervals ({@code timeColumn} is the stop) and a group may change over time: Simon-Makuch
   * curves.
   */
  public record KmRequest(String startColumn, String timeColumn, String eventColumn,
      String groupColumn, ConfidenceType confidenceType, double[] times) {

    /** Right-censored data: one row per subject. */
    public KmRequest(String timeColumn, String eventColumn, String groupColumn,
        ConfidenceType confidenceType, double[] times) {
      this(null, timeColumn, eventColumn, groupColumn, confidenceType, times);
    }
  }

  /**
   * {@code stats cox}: options of one call. With a {@code startColumn}, the rows are (start, stop]
   * intervals with time-dependent covariates; {@code idColumn} names each row's patient, the
   * cluster of the robust variance ({@code robust}).
   */
  public record CoxRequest(String startColumn, String timeColumn, String eventColumn,
      String idColumn, List<String> covariates, CoxModel.Ties ties, boolean robust) {

    /** Right-censored data without the robust variance. */
    public CoxRequest(String timeColumn, String eventColumn, List<String> covariates,
        CoxModel.Ties ties) {
      this(null, timeColumn, eventColumn, null, covariates, ties, false);
    }
  }

  /** {@code stats mantel-byar}: (start, stop] rows and the row's current 0/1 group. */
  public record MantelByarRequest(String startColumn, String timeColumn, String eventColumn,
      String groupColumn) {}

  /**
   * {@code stats landmark}: (start, stop] rows with patient ids, the time-dependent group column
   * and the landmark times; {@code times} (from the landmark) for the curves' summaries, or null.
   */
  public record LandmarkRequest(String startColumn, String timeColumn, String eventColumn,
      String idColumn, String groupColumn, double[] landmarks, ConfidenceType confidenceType,
      double[] times) {}

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

  /**
   * Kaplan-Meier curves (one per group, or "all"), medians, survival at times, log-rank. On
   * (start, stop] rows the curves are Simon-Makuch curves (a patient counts in the group of his
   * current row) and {@code logrank} is null: survdiff needs one row per subject (the Mantel-Byar
   * test is {@link #mantelByar}).
   */
  public static ObjectNode km(CsvTable table, KmRequest request) {
    CompleteRows rows = CompleteRows.of(table, columns(request.timeColumn(),
        request.eventColumn(), request.groupColumn(), request.startColumn()));
    SurvivalData data = rows.survival(request.startColumn(), request.timeColumn(),
        request.eventColumn(), null);
    Grouping grouping = rows.grouping(request.groupColumn(), data.size());
    ObjectNode root = NODES.objectNode();
    root.set("curves", curves(data, grouping, request.confidenceType(), request.times()));
    if (grouping.groupCount() > 1 && !data.isCountingProcess()) {
      root.set("logrank", JsonNumbers.chiSquare(LogRankTest.test(data, grouping, 0).test()));
    } else {
      root.putNull("logrank");
    }
    return root;
  }

  private static ArrayNode curves(SurvivalData data, Grouping grouping, ConfidenceType type,
      double[] times) {
    ArrayNode curves = NODES.arrayNode();
    for (int g = 0; g < grouping.groupCount(); g++) {
      KaplanMeierCurve curve = KaplanMeier.fit(data.subset(grouping.member(g)));
      curves.add(curveJson(grouping.labels().get(g), curve, type, times, Probabilities.Z_975));
    }
    return curves;
  }

  private static ObjectNode curveJson(String label, KaplanMeierCurve curve, ConfidenceType type,
      double[] times, double z) {
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
    if (times != null) {
      // past the group's last follow-up the curve is not estimable: null, as R's
      // summary(fit, times, extend = FALSE) gives no row there
      for (SurvivalAtTime s : curve.atTimes(times, type, z)) {
        ObjectNode row = at.addObject();
        put(row, "time", s.time());
        row.put("n_risk", s.nRisk());
        boolean estimable = curve.isEstimableAt(s.time());
        put(row, "surv", estimable ? s.surv() : Double.NaN);
        put(row, "lower", estimable ? s.lower() : Double.NaN);
        put(row, "upper", estimable ? s.upper() : Double.NaN);
      }
    }
    put(c, "last_follow_up", curve.lastTime());
    return c;
  }

  /**
   * Cox model: coefficients, hazard ratios, tests, concordance and the cox.zph test; on (start,
   * stop] rows with time-dependent covariates; with {@code robust}, the robust SEs clustered by
   * the id column (by row without one, as coxph).
   */
  public static ObjectNode cox(CsvTable table, CoxRequest request) {
    List<String> columns = columns(request.timeColumn(), request.eventColumn(),
        request.startColumn(), request.idColumn());
    columns.addAll(request.covariates());
    CompleteRows rows = CompleteRows.of(table, columns);
    SurvivalData data = rows.survival(request.startColumn(), request.timeColumn(),
        request.eventColumn(), request.idColumn());
    if (request.robust() && data.isCountingProcess() && data.id() == null) {
      throw new StatsInputException("cox: --robust on (start, stop] rows needs --id (the"
          + " patient each row belongs to)");
    }
    CoxFit fit = CoxModel.fit(data, rows.matrix(request.covariates()), request.covariates(),
        request.ties());
    return coxDocument(fit, request.robust());
  }

  private static ObjectNode coxDocument(CoxFit fit, boolean robust) {
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
    if (robust) {
      RobustCox r = fit.robust();
      root.set("robust_se", array(r.table().se()));
      root.set("robust_z", array(r.table().z()));
      root.set("robust_p", array(r.table().p()));
      root.set("robust_hr_lower", array(r.table().hazardRatioLimit(-z)));
      root.set("robust_hr_upper", array(r.table().hazardRatioLimit(z)));
      root.set("robust_wald_test", JsonNumbers.chiSquare(r.waldTest()));
      root.set("robust_score_test", JsonNumbers.chiSquare(r.scoreTest()));
      root.put("clusters", r.clusters());
    }
    if (fit.ties() != CoxModel.Ties.EXACT || !fit.isCountingProcess()) {
      ProportionalHazardsTest zph =
          fit.proportionalHazardsTest(ProportionalHazardsTest.Transform.KM);
      ObjectNode z2 = root.putObject("zph");
      z2.set("terms", array(zph.terms()));
      z2.set("chisq", array(zph.chisq()));
      z2.set("df", array(zph.df()));
      z2.set("p", array(zph.p()));
    } else {
      root.putNull("zph");
    }
    return root;
  }

  /**
   * The Mantel-Byar test of a 0/1 group that may change over time (each (start, stop] row
   * carries the patient's current group): {@code u, variance, chisq, df, p}, the observed and
   * expected events per group, and the per-event-time table.
   */
  public static ObjectNode mantelByar(CsvTable table, MantelByarRequest request) {
    CompleteRows rows = CompleteRows.of(table, columns(request.timeColumn(),
        request.eventColumn(), request.groupColumn(), request.startColumn()));
    SurvivalData data = rows.survival(request.startColumn(), request.timeColumn(),
        request.eventColumn(), null);
    MantelByarTest.Result r = MantelByarTest.test(data, rows.numeric(request.groupColumn()));
    ObjectNode root = NODES.objectNode();
    put(root, "u", r.u());
    put(root, "variance", r.variance());
    put(root, "chisq", r.test().statistic());
    root.put("df", r.test().df());
    put(root, "p", r.test().p());
    root.set("groups", array(new int[] {0, 1}));
    root.set("observed", array(r.observed()));
    root.set("expected", array(r.expected()));
    put(root, "variance_binomial", r.varianceBinomial());
    put(root, "chisq_binomial", r.testBinomial().statistic());
    put(root, "chisq_continuity", r.testContinuity().statistic());
    ObjectNode t = root.putObject("table");
    t.set("time", array(r.time()));
    t.set("n0", array(r.n0()));
    t.set("n1", array(r.n1()));
    t.set("d0", array(r.d0()));
    t.set("d1", array(r.d1()));
    t.set("expected1", array(r.expected1()));
    t.set("variance", array(r.varianceHypergeometric()));
    return root;
  }

  /**
   * Landmark analyses: per landmark L, the patients event-free and followed beyond L, their time
   * from L, groups fixed at L (the group column on the row covering (L, L+]), Kaplan-Meier curves,
   * the log-rank test and a Cox model (Efron) of the group (0/1 or numeric) among them.
   */
  public static ObjectNode landmark(CsvTable table, LandmarkRequest request) {
    CompleteRows rows = CompleteRows.of(table, columns(request.timeColumn(),
        request.eventColumn(), request.groupColumn(), request.startColumn(), request.idColumn()));
    SurvivalData data = rows.survival(request.startColumn(), request.timeColumn(),
        request.eventColumn(), request.idColumn());
    String[] group = rows.text(request.groupColumn());
    ObjectNode root = NODES.objectNode();
    ArrayNode out = root.putArray("landmarks");
    for (double l : request.landmarks()) {
      Landmark set = Landmark.select(data, l);
      ObjectNode o = out.addObject();
      put(o, "landmark", l);
      o.put("n", set.ids().size());
      o.set("ids", array(set.ids()));
      SurvivalData fromLandmark = set.data();
      o.set("time", array(fromLandmark.time()));
      o.set("status", array(fromLandmark.status()));
      String[] groupAtLandmark = set.valuesAt(group);
      ArrayNode g = o.putArray("group");
      for (String v : groupAtLandmark) {
        g.add(v);
      }
      Grouping grouping = Grouping.of(groupAtLandmark);
      o.set("curves", curves(fromLandmark, grouping, request.confidenceType(), request.times()));
      if (grouping.groupCount() > 1) {
        o.set("logrank",
            JsonNumbers.chiSquare(LogRankTest.test(fromLandmark, grouping, 0).test()));
        double[][] x = new double[groupAtLandmark.length][1];
        for (int k = 0; k < x.length; k++) {
          x[k][0] = numericGroup(groupAtLandmark[k], request.groupColumn());
        }
        o.set("cox", coxDocument(CoxModel.fit(fromLandmark, x, List.of(request.groupColumn()),
            CoxModel.Ties.EFRON), false));
      } else {
        o.putNull("logrank");
        o.putNull("cox");
      }
    }
    return root;
  }

  private static double numericGroup(String value, String column) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new StatsInputException("landmark: group column '" + column
          + "' must be numeric (0/1) for the Cox model, got '" + value + "'");
    }
  }

  /** The named columns, leaving out options not given (null). */
  private static List<String> columns(String... names) {
    List<String> columns = new ArrayList<>();
    for (String name : names) {
      if (name != null) {
        columns.add(name);
      }
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
      return survival(null, timeColumn, statusColumn, null);
    }

    /** Right-censored data without a start column, (start, stop] rows with one. */
    SurvivalData survival(String startColumn, String timeColumn, String statusColumn,
        String idColumn) {
      try {
        if (startColumn == null) {
          SurvivalData d = SurvivalData.of(numeric(timeColumn), numeric(statusColumn));
          return idColumn == null ? d
              : new SurvivalData(null, d.time(), d.status(), text(idColumn));
        }
        return SurvivalData.countingProcess(numeric(startColumn), numeric(timeColumn),
            numeric(statusColumn), idColumn == null ? null : text(idColumn));
      } catch (StatsInputException e) {
        throw new StatsInputException(table.source() + ": " + e.getMessage());
      }
    }
  }
}
