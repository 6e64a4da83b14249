package org.mrdflow.models.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mrdflow.models.Probabilities;
import org.mrdflow.models.data.CsvTable;
import org.mrdflow.models.json.StatsJson;
import org.mrdflow.models.reference.SharedReference.Mismatches;
import org.mrdflow.models.survival.ConfidenceType;
import org.mrdflow.models.survival.CoxFit;
import org.mrdflow.models.survival.CoxModel;
import org.mrdflow.models.survival.Grouping;
import org.mrdflow.models.survival.KaplanMeier;
import org.mrdflow.models.survival.KaplanMeierCurve;
import org.mrdflow.models.survival.ProportionalHazardsTest;
import org.mrdflow.models.survival.SurvivalAtTime;
import org.mrdflow.models.survival.SurvivalData;
import org.mrdflow.models.survival.SurvivalQuantile;

/**
 * The Kaplan-Meier and Cox comparisons shared by the reference tests: a {@code km_ref} block
 * (R's {@code survfit} in every conf.type, medians, quantiles, summaries at times) and a
 * {@code cox_ref} block ({@code coxph}), on right-censored or (start, stop] data. Numbers in the
 * CLI's documents are read from the {@link StatsJson} documents the {@code stats} command prints;
 * the others from the library those documents are built with.
 */
final class ReferenceChecks {

  static final double EXACT = 1e-6;
  static final double ITERATIVE = 1e-4;
  private static final double Z = Probabilities.Z_975;

  /** The columns of a survival outcome: {@code start} null for right-censored data. */
  record Outcome(String start, String stop, String event, String id) {
    static Outcome rightCensored(String time, String status) {
      return new Outcome(null, time, status, null);
    }
  }

  private ReferenceChecks() {}

  static String valueOf(String rLabel) {
    return rLabel.equals("all") ? "all" : rLabel.substring(rLabel.indexOf('=') + 1);
  }

  static void checkKaplanMeier(Mismatches m, String path, JsonNode block, CsvTable table,
      Outcome y, String group, double[] times) {
    for (ConfidenceType type : ConfidenceType.values()) {
      ObjectNode out = StatsJson.km(table,
          new StatsJson.KmRequest(y.start(), y.stop(), y.event(), group, type, times));
      Iterator<Map.Entry<String, JsonNode>> curves = block.get("curves").fields();
      int index = 0;
      while (curves.hasNext()) {
        Map.Entry<String, JsonNode> entry = curves.next();
        JsonNode r = entry.getValue();
        JsonNode c = out.get("curves").get(index++);
        String p = path + "." + entry.getKey() + "." + type.rName();
        if (!c.get("group").asText().equals(valueOf(entry.getKey()))) {
          m.problem(p + ": group " + c.get("group") + " in place of " + entry.getKey());
          continue;
        }
        m.jsonNumbers(p + ".time", r.get("time"), c.get("time"), EXACT);
        m.jsonNumbers(p + ".n.risk", r.get("n.risk"), c.get("n_risk"), 0);
        m.jsonNumbers(p + ".n.event", r.get("n.event"), c.get("n_event"), 0);
        m.jsonNumbers(p + ".n.censor", r.get("n.censor"), c.get("n_censor"), 0);
        m.jsonNumbers(p + ".surv", r.get("surv"), c.get("surv"), EXACT);
        m.jsonNumbers(p + ".se.surv", r.get("se.surv"), c.get("se_surv"), EXACT);
        JsonNode ci = r.get("ci").get(type.rName());
        m.jsonNumbers(p + ".lower", ci.get("lower"), c.get("lower"), EXACT);
        m.jsonNumbers(p + ".upper", ci.get("upper"), c.get("upper"), EXACT);
        JsonNode med = r.get("median").get(type.rName());
        m.jsonNumber(p + ".median", med.get("median"), c.get("median").get("estimate"), EXACT);
        m.jsonNumber(p + ".median.lower", med.get("lower"), c.get("median").get("lower"), EXACT);
        m.jsonNumber(p + ".median.upper", med.get("upper"), c.get("median").get("upper"), EXACT);
        JsonNode rt = r.get("time");
        double last = rt.isArray() ? rt.get(rt.size() - 1).asDouble() : rt.asDouble();
        m.jsonNumber(p + ".last_follow_up", rt.isArray() ? rt.get(rt.size() - 1) : rt,
            c.get("last_follow_up"), EXACT);
        JsonNode at = r.get("at_times").get(type.rName());
        JsonNode ours = c.get("at_times");
        for (int k = 0; k < ours.size(); k++) {
          String q = p + ".at_times[" + k + "]";
          m.jsonNumber(q + ".time", at.get("time").get(k), ours.get(k).get("time"), EXACT);
          m.jsonNumber(q + ".n.risk", at.get("n.risk").get(k), ours.get(k).get("n_risk"), 0);
          if (times[k] > last) {
            // R's extend = TRUE carries the last value on; the CLI reports "not estimable"
            // (null), as summary(fit, times, extend = FALSE) reports nothing there
            for (String f : List.of("surv", "lower", "upper")) {
              if (!ours.get(k).get(f).isNull()) {
                m.problem(q + "." + f + ": past follow-up " + last + " but not null");
              }
            }
            continue;
          }
          m.jsonNumber(q + ".surv", at.get("surv").get(k), ours.get(k).get("surv"), EXACT);
          m.jsonNumber(q + ".lower", at.get("lower").get(k), ours.get(k).get("lower"), EXACT);
          m.jsonNumber(q + ".upper", at.get("upper").get(k), ours.get(k).get("upper"), EXACT);
        }
        if (ours.size() != times.length) {
          m.problem(p + ".at_times: " + ours.size() + " rows");
        }
      }
    }
    // numbers R reports beyond the CLI document: from the library the service calls
    Iterator<Map.Entry<String, JsonNode>> curves = block.get("curves").fields();
    double[] allStops = table.numeric(y.stop());
    while (curves.hasNext()) {
      Map.Entry<String, JsonNode> entry = curves.next();
      JsonNode r = entry.getValue();
      String p = path + "." + entry.getKey();
      SurvivalData data = subset(table, y, group, valueOf(entry.getKey()));
      KaplanMeierCurve curve = KaplanMeier.fit(data);
      m.number(p + ".n", r.get("n"), data.size(), 0);
      m.number(p + ".events", r.get("events"), Arrays.stream(curve.nEvent()).sum(), 0);
      int[] risk = curve.nRisk();
      if (r.has("n.max")) {
        m.number(p + ".n.max", r.get("n.max"), Arrays.stream(risk).max().orElseThrow(), 0);
        m.number(p + ".n.start", r.get("n.start"), risk[0], 0);
      }
      m.numbers(p + ".std.err", r.get("std.err"), curve.stdErr(), EXACT);
      // survival's default rmean limit is the largest follow-up time of all curves ("common")
      double[] rmean = curve.restrictedMean(Arrays.stream(allStops).max().orElseThrow());
      m.number(p + ".rmean", r.get("rmean"), rmean[0], EXACT);
      m.number(p + ".se_rmean", r.get("se_rmean"), rmean[1], EXACT);
      m.numbers(p + ".cumhaz", r.get("cumhaz"), curve.cumulativeHazard(), EXACT);
      m.numbers(p + ".std.chaz", r.get("std.chaz"), curve.stdCumulativeHazard(), EXACT);
      JsonNode q = r.get("quantiles_log");
      for (int k = 0; k < 3; k++) {
        SurvivalQuantile sq = curve.quantile(q.get("probs").get(k).asDouble(),
            ConfidenceType.LOG, Z);
        m.number(p + ".quantiles_log.quantile[" + k + "]", q.get("quantile").get(k),
            sq.estimate(), EXACT);
        m.number(p + ".quantiles_log.lower[" + k + "]", q.get("lower").get(k), sq.lower(), EXACT);
        m.number(p + ".quantiles_log.upper[" + k + "]", q.get("upper").get(k), sq.upper(), EXACT);
      }
      for (ConfidenceType type : ConfidenceType.values()) {
        JsonNode at = r.get("at_times").get(type.rName());
        List<SurvivalAtTime> rows = curve.atTimes(times, type, Z);
        String a = p + ".at_times." + type.rName();
        m.numbers(a + ".n.event", at.get("n.event"),
            rows.stream().mapToInt(SurvivalAtTime::nEvent).toArray());
        m.numbers(a + ".n.censor", at.get("n.censor"),
            rows.stream().mapToInt(SurvivalAtTime::nCensor).toArray());
        m.numbers(a + ".se.surv", at.get("se.surv"),
            rows.stream().mapToDouble(SurvivalAtTime::seSurv).toArray(), EXACT);
        m.numbers(a + ".std.err", at.get("std.err"),
            rows.stream().mapToDouble(SurvivalAtTime::stdErr).toArray(), EXACT);
      }
    }
  }

  /** The rows of one group (all rows for "all"), complete in the outcome columns. */
  static SurvivalData subset(CsvTable table, Outcome y, String group, String value) {
    SurvivalData all = y.start() == null
        ? SurvivalData.of(table.numeric(y.stop()), table.numeric(y.event()))
        : SurvivalData.countingProcess(table.numeric(y.start()), table.numeric(y.stop()),
            table.numeric(y.event()), y.id() == null ? null : table.text(y.id()));
    if (group == null) {
      return all;
    }
    Grouping g = Grouping.of(table.text(group));
    return all.subset(g.member(g.labels().indexOf(value)));
  }

  /**
   * A {@code cox_ref} block (optionally with its {@code robust} block): the CLI document with
   * {@code --robust} when the block has one, then the library's further numbers.
   */
  static void checkCox(Mismatches m, String path, JsonNode r, CsvTable table, Outcome y,
      List<String> covariates, CoxModel.Ties ties, boolean fullPrecisionWald) {
    JsonNode rr = r.get("robust");
    boolean robust = rr != null;
    ObjectNode out = StatsJson.cox(table, new StatsJson.CoxRequest(y.start(), y.stop(),
        y.event(), y.id(), covariates, ties, robust));
    m.jsonNumbers(path + ".coef", r.get("coef"), out.get("coef"), ITERATIVE);
    m.jsonNumbers(path + ".se", r.get("se"), out.get("se"), ITERATIVE);
    m.jsonNumbers(path + ".hr", r.get("hr"), out.get("hr"), ITERATIVE);
    m.jsonNumbers(path + ".hr_lower95", r.get("hr_lower95"), out.get("hr_lower"), ITERATIVE);
    m.jsonNumbers(path + ".hr_upper95", r.get("hr_upper95"), out.get("hr_upper"), ITERATIVE);
    m.jsonNumbers(path + ".z", r.get("z"), out.get("z"), ITERATIVE);
    m.jsonNumbers(path + ".p", r.get("p"), out.get("p"), ITERATIVE);
    m.jsonNumber(path + ".loglik_null", r.get("loglik_null"), out.get("loglik").get(0),
        ITERATIVE);
    m.jsonNumber(path + ".loglik", r.get("loglik"), out.get("loglik").get(1), ITERATIVE);
    for (String test : List.of("lr_test", "wald_test", "score_test")) {
      JsonNode ours = out.get(test);
      double stat = ours.get("chisq").asDouble();
      // summary.coxph rounds the printed Wald statistic to 2 decimals (older reference files)
      boolean rounded = test.equals("wald_test") && !fullPrecisionWald;
      m.number(path + "." + test + ".stat", r.get(test).get("stat"),
          rounded ? Math.round(stat * 100) / 100.0 : stat, ITERATIVE);
      m.jsonNumber(path + "." + test + ".df", r.get(test).get("df"), ours.get("df"), 0);
      m.jsonNumber(path + "." + test + ".p", r.get(test).get("p"), ours.get("p"), ITERATIVE);
    }
    m.jsonNumber(path + ".concordance.C", r.get("concordance").get("C"), out.get("concordance"),
        ITERATIVE);
    m.jsonNumber(path + ".n", r.get("n"), out.get("n"), 0);
    m.jsonNumber(path + ".nevent", r.get("nevent"), out.get("nevent"), 0);
    if (r.has("cox_zph")) {
      JsonNode zph = r.get("cox_zph").get("km");
      m.jsonNumbers(path + ".cox_zph.km.chisq", zph.get("chisq"), out.get("zph").get("chisq"),
          ITERATIVE);
      m.jsonNumbers(path + ".cox_zph.km.df", zph.get("df"), out.get("zph").get("df"), 0);
      m.jsonNumbers(path + ".cox_zph.km.p", zph.get("p"), out.get("zph").get("p"), ITERATIVE);
    }
    if (robust) {
      String q = path + ".robust";
      m.jsonNumbers(q + ".se_robust", rr.get("se_robust"), out.get("robust_se"), ITERATIVE);
      m.jsonNumbers(q + ".se_model", rr.get("se_model"), out.get("se"), ITERATIVE);
      m.jsonNumbers(q + ".z", rr.get("z"), out.get("robust_z"), ITERATIVE);
      m.jsonNumbers(q + ".p", rr.get("p"), out.get("robust_p"), ITERATIVE);
      m.jsonNumbers(q + ".hr_lower95", rr.get("hr_lower95"), out.get("robust_hr_lower"),
          ITERATIVE);
      m.jsonNumbers(q + ".hr_upper95", rr.get("hr_upper95"), out.get("robust_hr_upper"),
          ITERATIVE);
      for (String[] t : new String[][] {{"wald_test", "robust_wald_test"},
          {"robust_score_test", "robust_score_test"}}) {
        m.jsonNumber(q + "." + t[0] + ".stat", rr.get(t[0]).get("stat"),
            out.get(t[1]).get("chisq"), ITERATIVE);
        m.jsonNumber(q + "." + t[0] + ".df", rr.get(t[0]).get("df"), out.get(t[1]).get("df"), 0);
        m.jsonNumber(q + "." + t[0] + ".p", rr.get(t[0]).get("p"), out.get(t[1]).get("p"),
            ITERATIVE);
      }
    }

    // beyond the CLI document: the library the service calls
    CoxFit fit = fitComplete(table, y, covariates, ties);
    for (int a = 0; a < covariates.size(); a++) {
      m.numbers(path + ".var[" + a + "]", r.get("var").get(a), fit.variance()[a], ITERATIVE);
      if (robust) {
        m.numbers(path + ".robust.var[" + a + "]", rr.get("var").get(a),
            fit.robust().table().variance()[a], ITERATIVE);
      }
    }
    m.numbers(path + ".means", r.get("means"), fit.means(), EXACT);
    m.number(path + ".iter", r.get("iter"), fit.iterations(), 0);
    var c = fit.concordance();
    JsonNode rc = r.get("concordance");
    m.number(path + ".concordance.concordant", rc.get("concordant"), c.concordant(), 0);
    m.number(path + ".concordance.discordant", rc.get("discordant"), c.discordant(), 0);
    m.number(path + ".concordance.tied.x", rc.get("tied.x"), c.tiedX(), 0);
    m.number(path + ".concordance.tied.y", rc.get("tied.y"), c.tiedY(), 0);
    m.number(path + ".concordance.tied.xy", rc.get("tied.xy"), c.tiedXY(), 0);
    m.number(path + ".concordance.se", rc.get("se"), c.se(), ITERATIVE);
    if (r.has("cox_zph")) {
      for (ProportionalHazardsTest.Transform t : ProportionalHazardsTest.Transform.values()) {
        JsonNode z = r.get("cox_zph").get(t.name().toLowerCase(Locale.ROOT));
        ProportionalHazardsTest res = fit.proportionalHazardsTest(t);
        m.numbers(path + ".cox_zph." + t + ".chisq", z.get("chisq"), res.chisq(), ITERATIVE);
        m.numbers(path + ".cox_zph." + t + ".p", z.get("p"), res.p(), ITERATIVE);
      }
    }
    if (r.has("basehaz_uncentered")) {
      double[][] base = fit.baselineCumulativeHazard();
      m.numbers(path + ".basehaz.time", r.get("basehaz_uncentered").get("time"), base[0],
          EXACT);
      m.numbers(path + ".basehaz.cumhaz", r.get("basehaz_uncentered").get("cumhaz"), base[1],
          ITERATIVE);
    }
  }

  /** The fit on the rows complete in the outcome and covariate columns (R's na.omit). */
  static CoxFit fitComplete(CsvTable table, Outcome y, List<String> covariates,
      CoxModel.Ties ties) {
    List<String> columns = new ArrayList<>(List.of(y.stop(), y.event()));
    columns.addAll(covariates);
    if (y.start() != null) {
      columns.add(y.start());
    }
    List<double[]> cols = new ArrayList<>();
    for (String c : columns) {
      cols.add(table.numeric(c));
    }
    boolean[] keep = new boolean[table.rowCount()];
    for (int i = 0; i < keep.length; i++) {
      final int row = i;
      keep[i] = cols.stream().allMatch(col -> !Double.isNaN(col[row]));
    }
    SurvivalData data = subset(table, y, null, null).subset(keep);
    double[][] x = new double[data.size()][covariates.size()];
    int k = 0;
    for (int i = 0; i < keep.length; i++) {
      if (keep[i]) {
        for (int j = 0; j < covariates.size(); j++) {
          x[k][j] = cols.get(j + 2)[i];
        }
        k++;
      }
    }
    return CoxModel.fit(data, x, covariates, ties);
  }
}
