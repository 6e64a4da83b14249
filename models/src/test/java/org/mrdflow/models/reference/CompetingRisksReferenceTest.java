package org.mrdflow.models.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mrdflow.models.Probabilities;
import org.mrdflow.models.competing.AalenJohansen;
import org.mrdflow.models.competing.CumulativeIncidence;
import org.mrdflow.models.competing.CumulativeIncidenceCurve;
import org.mrdflow.models.competing.FineGray;
import org.mrdflow.models.competing.FineGrayFit;
import org.mrdflow.models.data.CsvTable;
import org.mrdflow.models.json.StatsJson;
import org.mrdflow.models.reference.SharedReference.Mismatches;
import org.mrdflow.models.survival.ConfidenceType;
import org.mrdflow.models.survival.Grouping;
import org.mrdflow.models.survival.SurvivalData;

/**
 * Walks {@code stats-ref/ref/crsim_competing.json}: cmprsk's cumulative incidence step functions
 * and variances, the values and both CIs at the grid, Gray's test, and crr's Fine-Gray
 * coefficients and sandwich SEs, through the {@code stats cif} / {@code stats finegray} service.
 */
class CompetingRisksReferenceTest {

  private static final double EXACT = 1e-6;
  private static final double ITERATIVE = 1e-4;

  @Test
  void cumulativeIncidenceAndGrayTestEqualCmprsk() {
    JsonNode ref = SharedReference.json("ref/crsim_competing.json");
    CsvTable table = SharedReference.csv("data/crsim.csv");
    Mismatches m = new Mismatches();
    checkCuminc(m, "cuminc_by_group", ref.get("cuminc_by_group"), table, "group");
    checkCuminc(m, "cuminc_overall", ref.get("cuminc_overall"), table, null);
    m.assertNone();
  }

  private static void checkCuminc(Mismatches m, String path, JsonNode block, CsvTable table,
      String group) {
    ObjectNode steps = StatsJson.cif(table, new StatsJson.CifRequest("time", "status", group,
        null));
    double[] grid = {0, 1, 3, 6, 12, 18, 24, 36, 48};
    ObjectNode atGrid = StatsJson.cif(table, new StatsJson.CifRequest("time", "status", group,
        grid));
    Iterator<Map.Entry<String, JsonNode>> curves = block.get("curves").fields();
    int index = 0;
    while (curves.hasNext()) {
      Map.Entry<String, JsonNode> e = curves.next();
      String[] key = e.getKey().split(" ");
      String p = path + "." + e.getKey();
      JsonNode ours = steps.get("cif").get(index);
      JsonNode oursAt = atGrid.get("cif").get(index++);
      String label = group == null ? "all" : key[0];
      if (!ours.get("group").asText().equals(label)
          || ours.get("cause").asInt() != Integer.parseInt(key[1])) {
        m.problem(p + ": our curve is " + ours.get("group") + " " + ours.get("cause"));
        continue;
      }
      m.jsonNumbers(p + ".time", e.getValue().get("time"), ours.get("time"), EXACT);
      m.jsonNumbers(p + ".est", e.getValue().get("est"), ours.get("estimate"), EXACT);
      m.jsonNumbers(p + ".var", e.getValue().get("var"), ours.get("variance"), EXACT);
      JsonNode r = block.get("at_grid").get(e.getKey());
      m.jsonNumbers(p + ".at_grid.est", r.get("est"), oursAt.get("estimate"), EXACT);
      m.jsonNumbers(p + ".at_grid.var", r.get("var"), oursAt.get("variance"), EXACT);
      // confidence limits from the library the service uses
      SurvivalData all = SurvivalData.of(table.numeric("time"), table.numeric("status"));
      SurvivalData data = group == null ? all : all.subset(memberOf(table, group, label));
      CumulativeIncidenceCurve curve = CumulativeIncidence.fit(data, Integer.parseInt(key[1]));
      double[][] plain = curve.confidenceLimits(grid, false, Probabilities.Z_975);
      double[][] loglog = curve.confidenceLimits(grid, true, Probabilities.Z_975);
      m.numbers(p + ".ci_plain.lower", r.get("ci_plain_truncated").get("lower"), plain[0], EXACT);
      m.numbers(p + ".ci_plain.upper", r.get("ci_plain_truncated").get("upper"), plain[1], EXACT);
      m.numbers(p + ".ci_loglog.lower", r.get("ci_loglog").get("lower"), loglog[0], EXACT);
      m.numbers(p + ".ci_loglog.upper", r.get("ci_loglog").get("upper"), loglog[1], EXACT);
    }
    JsonNode gray = block.get("gray_test");
    if (gray.isNull()) {
      if (!steps.get("gray").isEmpty()) {
        m.problem(path + ".gray_test: expected none for an ungrouped fit");
      }
      return;
    }
    for (int c = 0; c < gray.get("cause").size(); c++) {
      JsonNode ours = steps.get("gray").get(c);
      m.jsonNumber(path + ".gray.stat[" + c + "]", gray.get("stat").get(c), ours.get("stat"),
          EXACT);
      m.jsonNumber(path + ".gray.p[" + c + "]", gray.get("p").get(c), ours.get("p"),
          EXACT);
      m.jsonNumber(path + ".gray.df[" + c + "]", gray.get("df").get(c), ours.get("df"), 0);
    }
  }

  private static double[][] columns(CsvTable table, List<String> names) {
    double[][] x = new double[table.rowCount()][names.size()];
    for (int j = 0; j < names.size(); j++) {
      double[] column = table.numeric(names.get(j));
      for (int i = 0; i < x.length; i++) {
        x[i][j] = column[i];
      }
    }
    return x;
  }

  /**
   * survival's multi-state Aalen-Johansen fit: probabilities (= our incidence and event-free
   * Kaplan-Meier), n.risk, infinitesimal-jackknife SEs and CIs of each type, per group at the grid.
   */
  @Test
  void survivalMultiStateFitEqualsOurAalenJohansenWithJackknifeErrors() {
    JsonNode block = SharedReference.json("ref/crsim_competing.json")
        .get("survfit_aalen_johansen");
    CsvTable table = SharedReference.csv("data/crsim.csv");
    SurvivalData all = SurvivalData.of(table.numeric("time"), table.numeric("status"));
    double[] grid = {0, 1, 3, 6, 12, 18, 24, 36, 48};
    Mismatches m = new Mismatches();
    for (String type : List.of("log", "log-log", "plain", "logit")) {
      ConfidenceType ct = ConfidenceType.fromName(type);
      Iterator<Map.Entry<String, JsonNode>> strata = block.get(type).fields();
      while (strata.hasNext()) {
        Map.Entry<String, JsonNode> e = strata.next();
        String label = e.getKey().substring(e.getKey().indexOf('=') + 1);
        SurvivalData data = all.subset(memberOf(table, "group", label));
        AalenJohansen.StateProbabilities aj = AalenJohansen.at(data, grid);
        double[][] relapse = CumulativeIncidence.fit(data, 1).at(grid);
        JsonNode r = e.getValue();
        for (int k = 0; k < grid.length; k++) {
          String p = "survfit_aalen_johansen." + type + "." + e.getKey() + "[" + grid[k] + "]";
          m.number(p + ".n.risk", r.get("n.risk").get(k), aj.nRisk()[k], 0);
          m.number(p + ".cuminc_relapse", r.get("pstate").get(k).get(1), relapse[0][k], EXACT);
          for (int s = 0; s < 3; s++) {
            double prob = aj.probability()[k][s];
            double se = aj.stdErr()[k][s];
            double[] ci = ct.intervalFromProbabilityScale(prob, se, Probabilities.Z_975);
            m.number(p + ".pstate[" + s + "]", r.get("pstate").get(k).get(s), prob, EXACT);
            m.number(p + ".std.err[" + s + "]", r.get("std.err").get(k).get(s), se, EXACT);
            m.number(p + ".lower[" + s + "]", r.get("lower").get(k).get(s), ci[0], EXACT);
            m.number(p + ".upper[" + s + "]", r.get("upper").get(k).get(s), ci[1], EXACT);
          }
        }
      }
    }
    m.assertNone();
  }

  private static boolean[] memberOf(CsvTable table, String group, String label) {
    Grouping g = Grouping.of(table.text(group));
    return g.member(g.labels().indexOf(label));
  }

  @Test
  void fineGrayRegressionEqualsCrr() {
    JsonNode ref = SharedReference.json("ref/crsim_competing.json").get("crr");
    CsvTable table = SharedReference.csv("data/crsim.csv");
    Mismatches m = new Mismatches();
    Iterator<Map.Entry<String, JsonNode>> models = ref.fields();
    while (models.hasNext()) {
      Map.Entry<String, JsonNode> e = models.next();
      JsonNode r = e.getValue();
      int cause = r.get("call").asText().contains("failcode = 1") ? 1 : 2;
      List<String> terms = new java.util.ArrayList<>();
      r.get("terms").forEach(t -> terms.add(t.asText()));
      ObjectNode out = StatsJson.fineGray(table,
          new StatsJson.FineGrayRequest("time", "status", cause, terms));
      String p = "crr." + e.getKey();
      m.jsonNumbers(p + ".coef", r.get("coef"), out.get("coef"), ITERATIVE);
      m.jsonNumbers(p + ".se", r.get("se"), out.get("se"), ITERATIVE);
      m.jsonNumbers(p + ".p", r.get("p"), out.get("p"), ITERATIVE);
      m.jsonNumbers(p + ".z", r.get("z"), out.get("z"), ITERATIVE);
      m.jsonNumbers(p + ".shr", r.get("shr"), out.get("shr"), ITERATIVE);
      m.jsonNumbers(p + ".shr_lower95", r.get("shr_lower95"), out.get("shr_lower"), ITERATIVE);
      m.jsonNumbers(p + ".shr_upper95", r.get("shr_upper95"), out.get("shr_upper"), ITERATIVE);
      m.jsonNumber(p + ".loglik_null", r.get("loglik_null"), out.get("loglik").get(0),
          ITERATIVE);
      m.jsonNumber(p + ".loglik", r.get("loglik"), out.get("loglik").get(1), ITERATIVE);
      m.jsonNumber(p + ".n", r.get("n"), out.get("n"), 0);
      FineGrayFit fit = FineGray.fit(SurvivalData.of(table.numeric("time"),
          table.numeric("status")), cause, columns(table, terms), terms);
      for (int a = 0; a < terms.size(); a++) {
        m.numbers(p + ".var[" + a + "]", r.get("var").get(a), fit.variance()[a], ITERATIVE);
      }
      m.number(p + ".pseudo_lr_test.stat", r.get("pseudo_lr_test").get("stat"),
          2 * (fit.loglik() - fit.loglikNull()), ITERATIVE);
    }
    m.assertNone();
  }
}
