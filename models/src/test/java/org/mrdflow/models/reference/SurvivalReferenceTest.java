package org.mrdflow.models.reference;

import static org.mrdflow.models.reference.ReferenceChecks.EXACT;
import static org.mrdflow.models.reference.ReferenceChecks.checkCox;
import static org.mrdflow.models.reference.ReferenceChecks.checkKaplanMeier;
import static org.mrdflow.models.reference.ReferenceChecks.valueOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.mrdflow.models.reference.ReferenceChecks.Outcome;
import org.mrdflow.models.reference.SharedReference.Mismatches;
import org.mrdflow.models.survival.ConfidenceType;
import org.mrdflow.models.survival.CoxModel;
import org.mrdflow.models.survival.Grouping;
import org.mrdflow.models.survival.KaplanMeier;
import org.mrdflow.models.survival.KaplanMeierCurve;
import org.mrdflow.models.survival.LogRankTest;
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
    Outcome y = Outcome.rightCensored("time", "status");
    checkKaplanMeier(m, "km_overall", ref.get("km_overall"), table, y, null, spec.times());
    checkKaplanMeier(m, "km_by_group", ref.get("km_by_group"), table, y, spec.group(),
        spec.times());
    checkSurvdiff(m, ref.get("survdiff"), table, spec.group());
    for (String ties : List.of("efron", "breslow", "exact")) {
      checkCox(m, "cox.univariable." + ties, ref.get("cox").get("univariable").get(ties), table,
          y, spec.uni(), CoxModel.Ties.fromName(ties), false);
    }
    for (String ties : List.of("efron", "breslow")) {
      checkCox(m, "cox.multivariable." + ties, ref.get("cox").get("multivariable").get(ties),
          table, y, spec.multi(), CoxModel.Ties.fromName(ties), false);
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
