package org.mrdflow.models.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mrdflow.models.ChiSquareResult;
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
import org.mrdflow.models.survival.LogRankTest;
import org.mrdflow.models.survival.ProportionalHazardsTest;
import org.mrdflow.models.survival.SurvivalAtTime;
import org.mrdflow.models.survival.SurvivalData;
import org.mrdflow.models.survival.SurvivalQuantile;

/**
 * Walks every number of {@code stats-ref/ref/<dataset>_survival.json} that our survival code
 * produces (Kaplan-Meier, Nelson-Aalen, medians, summaries at times, log-rank, Peto-Peto, Cox with
 * three tie methods, concordance, cox.zph, baseline hazard, reverse Kaplan-Meier) and compares it
 * with R: 1e-6 relative for closed forms, 1e-4 for the iterative Cox fit. The CLI's documents are
 * built in-process by {@link StatsJson}, the same code the {@code stats} command runs.
 */
class SurvivalReferenceTest {

  private static final double EXACT = 1e-6;
  private static final double ITERATIVE = 1e-4;
  private static final double Z = Probabilities.Z_975;

  record Spec(String name, String file, String group, double[] times, List<String> uni,
      List<String> multi, IntPredicate eventFromStatus) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> datasets() {
    return Stream.of(
        new Spec("lung", "lung.csv", "sex", new double[] {180, 365, 730}, List.of("sex"),
            List.of("age", "sex", "ph_ecog"), null),
        new Spec("veteran", "veteran.csv", "trt", new double[] {30, 90, 180, 365},
            List.of("trt"), List.of("trt", "karno", "diagtime", "age", "prior",
                "celltype_smallcell", "celltype_adeno", "celltype_large"), null),
        new Spec("ovarian", "ovarian.csv", "rx", new double[] {365, 730, 1095}, List.of("rx"),
            List.of("age", "rx", "ecog_ps", "resid_ds"), null),
        new Spec("colon_death", "colon_death.csv", "rx", new double[] {365, 730, 1825},
            List.of("node4"), List.of("rx_Lev", "rx_Lev5FU", "age", "sex", "node4", "extent",
                "obstruct"), null),
        new Spec("crsim_anyevent", "crsim.csv", "group", new double[] {6, 12, 24, 36},
            List.of("group"), List.of("group", "age"), s -> s != 0),
        new Spec("crsim_relapse_cs", "crsim.csv", "group", new double[] {6, 12, 24, 36},
            List.of("group"), List.of("group", "age"), s -> s == 1))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("datasets")
  void everySurvivalNumberOfTheDatasetEqualsR(Spec spec) {
    JsonNode ref = SharedReference.json("ref/" + spec.name() + "_survival.json");
    CsvTable raw = SharedReference.csv("data/" + spec.file());
    CsvTable table = raw;
    int[] originalStatus = toInt(raw.numeric("status"));
    if (spec.eventFromStatus() != null) {
      int[] derived = new int[originalStatus.length];
      for (int i = 0; i < derived.length; i++) {
        derived[i] = spec.eventFromStatus().test(originalStatus[i]) ? 1 : 0;
      }
      table = SharedReference.withStatus(raw, derived);
    }
    Mismatches m = new Mismatches();
    checkKaplanMeier(m, "km_overall", ref.get("km_overall"), table, null, spec.times());
    checkKaplanMeier(m, "km_by_group", ref.get("km_by_group"), table, spec.group(),
        spec.times());
    checkSurvdiff(m, ref.get("survdiff"), table, spec.group());
    for (String ties : List.of("efron", "breslow", "exact")) {
      checkCox(m, "cox.univariable." + ties, ref.get("cox").get("univariable").get(ties), table,
          spec.uni(), CoxModel.Ties.fromName(ties));
    }
    for (String ties : List.of("efron", "breslow")) {
      checkCox(m, "cox.multivariable." + ties, ref.get("cox").get("multivariable").get(ties),
          table, spec.multi(), CoxModel.Ties.fromName(ties));
    }
    checkReverseKm(m, ref.get("reverse_km_followup").get("results"), raw.numeric("time"),
        originalStatus, raw.text(spec.group()));
    m.assertNone();
  }

  private static int[] toInt(double[] v) {
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (int) v[i];
    }
    return out;
  }

  private static String valueOf(String rLabel) {
    return rLabel.equals("all") ? "all" : rLabel.substring(rLabel.indexOf('=') + 1);
  }

  private static void checkKaplanMeier(Mismatches m, String path, JsonNode block, CsvTable table,
      String group, double[] times) {
    for (ConfidenceType type : ConfidenceType.values()) {
      ObjectNode out = StatsJson.km(table,
          new StatsJson.KmRequest("time", "status", group, type, times));
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
        JsonNode at = r.get("at_times").get(type.rName());
        JsonNode ours = c.get("at_times");
        for (int k = 0; k < ours.size(); k++) {
          String q = p + ".at_times[" + k + "]";
          m.jsonNumber(q + ".time", at.get("time").get(k), ours.get(k).get("time"), EXACT);
          m.jsonNumber(q + ".n.risk", at.get("n.risk").get(k), ours.get(k).get("n_risk"), 0);
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
    while (curves.hasNext()) {
      Map.Entry<String, JsonNode> entry = curves.next();
      JsonNode r = entry.getValue();
      String p = path + "." + entry.getKey();
      KaplanMeierCurve curve = KaplanMeier.fit(subset(table, group, valueOf(entry.getKey())));
      m.numbers(p + ".std.err", r.get("std.err"), curve.stdErr(), EXACT);
      // survival's default rmean limit is the largest follow-up time of all curves ("common")
      double[] rmean = curve.restrictedMean(
          java.util.Arrays.stream(table.numeric("time")).max().orElseThrow());
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

  private static SurvivalData subset(CsvTable table, String group, String value) {
    SurvivalData all = SurvivalData.of(table.numeric("time"), table.numeric("status"));
    if (group == null) {
      return all;
    }
    Grouping g = Grouping.of(table.text(group));
    return all.subset(g.member(g.labels().indexOf(value)));
  }

  private static void checkSurvdiff(Mismatches m, JsonNode block, CsvTable table, String group) {
    ObjectNode out = StatsJson.km(table,
        new StatsJson.KmRequest("time", "status", group, ConfidenceType.LOG, null));
    JsonNode lr = block.get("logrank_rho0");
    m.jsonNumber("survdiff.logrank_rho0.chisq(cli)", lr.get("chisq"),
        out.get("logrank").get("chisq"), EXACT);
    m.jsonNumber("survdiff.logrank_rho0.df(cli)", lr.get("df"), out.get("logrank").get("df"), 0);
    m.jsonNumber("survdiff.logrank_rho0.p(cli)", lr.get("p"), out.get("logrank").get("p"), EXACT);
    SurvivalData data = SurvivalData.of(table.numeric("time"), table.numeric("status"));
    Grouping grouping = Grouping.of(table.text(group));
    for (String key : List.of("logrank_rho0", "petopeto_rho1")) {
      JsonNode r = block.get(key);
      LogRankTest.Result res = LogRankTest.test(data, grouping, r.get("rho").asDouble());
      String p = "survdiff." + key;
      m.numbers(p + ".n", r.get("n"), res.n());
      m.numbers(p + ".obs", r.get("obs"), res.observed(), EXACT);
      m.numbers(p + ".exp", r.get("exp"), res.expected(), EXACT);
      for (int a = 0; a < res.variance().length; a++) {
        m.numbers(p + ".var[" + a + "]", r.get("var").get(a), res.variance()[a], EXACT);
      }
      checkTest(m, p, r, "chisq", res.test(), EXACT);
    }
  }

  private static void checkTest(Mismatches m, String path, JsonNode r, String statField,
      ChiSquareResult test, double tolerance) {
    m.number(path + "." + statField, r.get(statField), test.statistic(), tolerance);
    m.number(path + ".df", r.get("df"), test.df(), 0);
    m.number(path + ".p", r.get("p"), test.p(), tolerance);
  }

  private static void checkCox(Mismatches m, String path, JsonNode r, CsvTable table,
      List<String> covariates, CoxModel.Ties ties) {
    ObjectNode out = StatsJson.cox(table,
        new StatsJson.CoxRequest("time", "status", covariates, ties));
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
      // summary.coxph rounds the printed Wald statistic to 2 decimals
      m.number(path + "." + test + ".stat", r.get(test).get("stat"),
          test.equals("wald_test") ? Math.round(stat * 100) / 100.0 : stat, ITERATIVE);
      m.jsonNumber(path + "." + test + ".df", r.get(test).get("df"), ours.get("df"), 0);
      m.jsonNumber(path + "." + test + ".p", r.get(test).get("p"), ours.get("p"), ITERATIVE);
    }
    m.jsonNumber(path + ".concordance.C", r.get("concordance").get("C"), out.get("concordance"),
        ITERATIVE);
    m.jsonNumber(path + ".n", r.get("n"), out.get("n"), 0);
    m.jsonNumber(path + ".nevent", r.get("nevent"), out.get("nevent"), 0);
    JsonNode zph = r.get("cox_zph").get("km");
    m.jsonNumbers(path + ".cox_zph.km.chisq", zph.get("chisq"), out.get("zph").get("chisq"),
        ITERATIVE);
    m.jsonNumbers(path + ".cox_zph.km.df", zph.get("df"), out.get("zph").get("df"), 0);
    m.jsonNumbers(path + ".cox_zph.km.p", zph.get("p"), out.get("zph").get("p"), ITERATIVE);

    // beyond the CLI document: the library the service calls
    List<String> columns = new ArrayList<>(List.of("time", "status"));
    columns.addAll(covariates);
    CoxFit fit = fitComplete(table, columns, covariates, ties);
    for (int a = 0; a < covariates.size(); a++) {
      m.numbers(path + ".var[" + a + "]", r.get("var").get(a), fit.variance()[a], ITERATIVE);
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
    for (ProportionalHazardsTest.Transform t : ProportionalHazardsTest.Transform.values()) {
      JsonNode z = r.get("cox_zph").get(t.name().toLowerCase(java.util.Locale.ROOT));
      ProportionalHazardsTest res = fit.proportionalHazardsTest(t);
      m.numbers(path + ".cox_zph." + t + ".chisq", z.get("chisq"), res.chisq(), ITERATIVE);
      m.numbers(path + ".cox_zph." + t + ".p", z.get("p"), res.p(), ITERATIVE);
    }
    double[][] base = fit.baselineCumulativeHazard();
    m.numbers(path + ".basehaz.time", r.get("basehaz_uncentered").get("time"), base[0], EXACT);
    m.numbers(path + ".basehaz.cumhaz", r.get("basehaz_uncentered").get("cumhaz"), base[1],
        ITERATIVE);
  }

  private static CoxFit fitComplete(CsvTable table, List<String> columns,
      List<String> covariates, CoxModel.Ties ties) {
    List<double[]> cols = new ArrayList<>();
    for (String c : columns) {
      cols.add(table.numeric(c));
    }
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < table.rowCount(); i++) {
      final int row = i;
      if (cols.stream().allMatch(col -> !Double.isNaN(col[row]))) {
        rows.add(i);
      }
    }
    double[] time = rows.stream().mapToDouble(i -> cols.get(0)[i]).toArray();
    double[] status = rows.stream().mapToDouble(i -> cols.get(1)[i]).toArray();
    double[][] x = new double[rows.size()][covariates.size()];
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < covariates.size(); j++) {
        x[i][j] = cols.get(j + 2)[rows.get(i)];
      }
    }
    return CoxModel.fit(SurvivalData.of(time, status), x, covariates, ties);
  }

  private static void checkReverseKm(Mismatches m, JsonNode results, double[] time,
      int[] status, String[] group) {
    SurvivalData all = new SurvivalData(time, status);
    Grouping g = Grouping.of(group);
    Iterator<Map.Entry<String, JsonNode>> it = results.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode r = e.getValue();
      SurvivalData data = e.getKey().equals("overall") ? all
          : all.subset(g.member(g.labels().indexOf(valueOf(e.getKey()))));
      KaplanMeierCurve reverse = KaplanMeier.reverse(data);
      String p = "reverse_km." + e.getKey();
      SurvivalQuantile log = reverse.median(ConfidenceType.LOG, Z);
      SurvivalQuantile loglog = reverse.median(ConfidenceType.LOG_LOG, Z);
      m.number(p + ".n", r.get("n"), data.size(), 0);
      m.number(p + ".median", r.get("median"), log.estimate(), EXACT);
      m.number(p + ".lower_log", r.get("lower_log"), log.lower(), EXACT);
      m.number(p + ".upper_log", r.get("upper_log"), log.upper(), EXACT);
      m.number(p + ".lower_loglog", r.get("lower_loglog"), loglog.lower(), EXACT);
      m.number(p + ".upper_loglog", r.get("upper_loglog"), loglog.upper(), EXACT);
      m.number(p + ".q25", r.get("q25"),
          reverse.quantile(0.25, ConfidenceType.LOG, Z).estimate(), EXACT);
      m.number(p + ".q75", r.get("q75"),
          reverse.quantile(0.75, ConfidenceType.LOG, Z).estimate(), EXACT);
    }
  }
}
