package org.mrdflow.models.reference;

import static org.mrdflow.models.reference.ReferenceChecks.EXACT;
import static org.mrdflow.models.reference.ReferenceChecks.ITERATIVE;
import static org.mrdflow.models.reference.ReferenceChecks.checkCox;
import static org.mrdflow.models.reference.ReferenceChecks.checkKaplanMeier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mrdflow.models.ChiSquareResult;
import org.mrdflow.models.competing.CumulativeIncidence;
import org.mrdflow.models.competing.FineGray;
import org.mrdflow.models.competing.FineGrayFit;
import org.mrdflow.models.competing.GrayTest;
import org.mrdflow.models.data.CsvTable;
import org.mrdflow.models.json.StatsJson;
import org.mrdflow.models.reference.ReferenceChecks.Outcome;
import org.mrdflow.models.reference.SharedReference.Mismatches;
import org.mrdflow.models.survival.ConfidenceType;
import org.mrdflow.models.survival.CoxFit;
import org.mrdflow.models.survival.CoxModel;
import org.mrdflow.models.survival.Grouping;
import org.mrdflow.models.survival.LogRankTest;
import org.mrdflow.models.survival.MantelByarTest;
import org.mrdflow.models.survival.SurvivalData;

/**
 * Walks every number of the {@code timedep} reference set (R survival 3.5-3, cmprsk 2.2-11; see
 * {@code stats-ref/README.md}): Cox on (start, stop] rows with Efron, Breslow and exact ties and
 * the robust variance clustered by patient, cox.zph, concordance and baseline hazard;
 * Simon-Makuch curves; the Mantel-Byar test; landmark analyses (selection, KM, log-rank, Cox, and
 * for the CAR-T cohort cumulative incidence, Gray's test and Fine-Gray); the biased "ever
 * transplanted" analysis. The CAR-T cohort (simulated by the reference's R script) is read from
 * this module's test resources, so it always runs; the Stanford heart-transplant data (R's
 * survival package, LGPL) from {@code ../shared}, skipped without it. Numbers in the CLI's
 * documents are taken from the {@link StatsJson} documents {@code mrdflow stats} prints.
 */
class TimeDependentReferenceTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String RESOURCES = "/org/mrdflow/models/reference/timedep/";
  private static final Outcome LFS = new Outcome("start", "stop", "event", "id");

  @Test
  void simulatedCarTCohortEqualsR() {
    JsonNode ref = resourceJson("timedep_cart.json");
    CsvTable cp = resourceCsv("timedep_cart_cp.csv");
    Mismatches m = new Mismatches();
    JsonNode cox = ref.get("cox");
    for (String ties : List.of("efron", "breslow", "exact")) {
      checkCox(m, "cox.lfs_univariable." + ties, cox.get("lfs_univariable").get(ties), cp, LFS,
          List.of("hsct"), CoxModel.Ties.fromName(ties), true);
    }
    List<String> three = List.of("hsct", "mrd_pos", "age");
    for (String ties : List.of("efron", "breslow")) {
      CoxModel.Ties t = CoxModel.Ties.fromName(ties);
      checkCox(m, "cox.lfs_multivariable." + ties, cox.get("lfs_multivariable").get(ties), cp,
          LFS, three, t, true);
      checkCox(m, "cox.cause_specific_relapse." + ties,
          cox.get("cause_specific_relapse").get(ties), cp,
          new Outcome("start", "stop", "relapse", "id"), three, t, true);
      checkCox(m, "cox.cause_specific_nrm." + ties, cox.get("cause_specific_nrm").get(ties), cp,
          new Outcome("start", "stop", "nrm", "id"), three, t, true);
    }
    double[] times = numbers(ref.get("times"));
    JsonNode sm = ref.get("simon_makuch");
    checkKaplanMeier(m, "simon_makuch.by_hsct", sm.get("by_hsct"), cp, LFS, "hsct", times);
    checkKaplanMeier(m, "simon_makuch.by_mrd_pos", sm.get("by_mrd_pos"), cp, LFS, "mrd_pos",
        times);
    checkKaplanMeier(m, "simon_makuch.overall", sm.get("overall"), cp, LFS, null, times);
    JsonNode mb = ref.get("mantel_byar");
    checkMantelByar(m, "mantel_byar.hsct", mb.get("hsct"), cp, "event", "hsct");
    checkMantelByar(m, "mantel_byar.mrd_pos", mb.get("mrd_pos"), cp, "event", "mrd_pos");
    checkMantelByar(m, "mantel_byar.hsct_relapse", mb.get("hsct_relapse"), cp, "relapse", "hsct");
    checkMantelByar(m, "mantel_byar.hsct_nrm", mb.get("hsct_nrm"), cp, "nrm", "hsct");
    // the cause of the last row (1 relapse, 2 NRM) for the competing-risks landmark analyses
    CsvTable withCause = withColumn(cp, "cause", causeColumn(cp));
    for (String key : List.of("L90", "L180")) {
      JsonNode lm = ref.get("landmark").get(key);
      double l = lm.get("landmark").asDouble();
      CsvTable set = checkLandmark(m, "landmark." + key, lm, withCause, List.of("hsct",
          "mrd_ever"), l, new double[] {90, 180, 365}, List.of("age"));
      for (String ties : List.of("efron", "breslow")) {
        checkCox(m, "landmark." + key + ".cox_multivariable." + ties,
            lm.get("cox_multivariable").get(ties), set, Outcome.rightCensored("ltime", "lstatus"),
            List.of("hsct", "mrd_ever", "age"), CoxModel.Ties.fromName(ties), true);
      }
      checkLandmarkCompeting(m, "landmark." + key + ".competing", lm.get("competing"), set);
    }
    // "ever transplanted" from the patient table: id 1, transplanted on the day of his death, has
    // no transplanted row (tmerge makes none on the last day) but counts as transplanted here
    CsvTable patients = resourceCsv("timedep_cart_patients.csv");
    double[] txDay = patients.numeric("tx_day");
    double[] status = patients.numeric("status");
    StringBuilder naive = new StringBuilder("futime,lstatus,ever_hsct\n");
    double[] futime = patients.numeric("futime");
    for (int i = 0; i < futime.length; i++) {
      naive.append(format(futime[i])).append(',').append(status[i] != 0 ? 1 : 0).append(',')
          .append(Double.isNaN(txDay[i]) ? 0 : 1).append('\n');
    }
    checkNaive(m, "naive_ever_hsct", ref.get("naive_ever_hsct"),
        read(new StringReader(naive.toString()), "naive"), "ever_hsct", times);
    m.assertNone();
  }

  @Test
  void stanfordHeartTransplantEqualsR() {
    for (String name : List.of("heart", "jasa1")) {
      JsonNode ref = SharedReference.json("ref/timedep_" + name + ".json");
      CsvTable cp = SharedReference.csv("data/timedep_" + name + ".csv");
      Mismatches m = new Mismatches();
      JsonNode cox = ref.get("cox");
      for (String ties : List.of("efron", "breslow", "exact")) {
        checkCox(m, name + ".cox.univariable." + ties, cox.get("univariable").get(ties), cp, LFS,
            List.of("transplant"), CoxModel.Ties.fromName(ties), true);
      }
      for (String ties : List.of("efron", "breslow")) {
        checkCox(m, name + ".cox.multivariable." + ties, cox.get("multivariable").get(ties), cp,
            LFS, List.of("age", "year", "surgery", "transplant"), CoxModel.Ties.fromName(ties),
            true);
      }
      double[] times = numbers(ref.get("times"));
      JsonNode sm = ref.get("simon_makuch");
      checkKaplanMeier(m, name + ".simon_makuch.by_transplant", sm.get("by_transplant"), cp, LFS,
          "transplant", times);
      checkKaplanMeier(m, name + ".simon_makuch.overall", sm.get("overall"), cp, LFS, null,
          times);
      checkMantelByar(m, name + ".mantel_byar.transplant",
          ref.get("mantel_byar").get("transplant"), cp, "event", "transplant");
      checkPatients(m, name + ".patients", ref.get("patients"), cp);
      for (String key : List.of("L30", "L90", "L180")) {
        JsonNode lm = ref.get("landmark").get(key);
        checkLandmark(m, name + ".landmark." + key, lm, cp, List.of("transplant"),
            lm.get("landmark").asDouble(), new double[] {30, 90, 180, 365}, List.of());
      }
      checkNaive(m, name + ".naive_ever_transplant", ref.get("naive_ever_transplant"),
          everTreated(cp, "transplant", "ever_transplant"), "ever_transplant", times);
      m.assertNone();
    }
  }

  private static void checkMantelByar(Mismatches m, String path, JsonNode r, CsvTable cp,
      String event, String group) {
    ObjectNode out = StatsJson.mantelByar(cp,
        new StatsJson.MantelByarRequest("start", "stop", event, group));
    m.jsonNumber(path + ".U", r.get("U"), out.get("u"), EXACT);
    m.jsonNumber(path + ".var_hypergeometric", r.get("var_hypergeometric"), out.get("variance"),
        EXACT);
    m.jsonNumber(path + ".chisq", r.get("chisq"), out.get("chisq"), EXACT);
    m.jsonNumber(path + ".df", r.get("df"), out.get("df"), 0);
    m.jsonNumber(path + ".p", r.get("p"), out.get("p"), EXACT);
    m.jsonNumbers(path + ".obs", r.get("obs"), out.get("observed"), EXACT);
    m.jsonNumbers(path + ".exp", r.get("exp"), out.get("expected"), EXACT);
    m.jsonNumber(path + ".var_binomial", r.get("var_binomial"), out.get("variance_binomial"),
        EXACT);
    m.jsonNumber(path + ".chisq_binomial", r.get("chisq_binomial"), out.get("chisq_binomial"),
        EXACT);
    m.jsonNumber(path + ".chisq_continuity", r.get("chisq_continuity"),
        out.get("chisq_continuity"), EXACT);
    JsonNode table = out.get("table");
    for (String[] f : new String[][] {{"time", "time"}, {"n0", "n0"}, {"n1", "n1"}, {"d0", "d0"},
        {"d1", "d1"}, {"exp1", "expected1"}, {"var_hyp", "variance"}}) {
      m.jsonNumbers(path + "." + f[0], r.get(f[0]), table.get(f[1]), EXACT);
    }
    SurvivalData rows = ReferenceChecks.subset(cp, new Outcome("start", "stop", event, "id"), null,
        null);
    MantelByarTest.Result res = MantelByarTest.test(rows, cp.numeric(group));
    m.number(path + ".o_over_e_ratio", r.get("o_over_e_ratio"), res.observedOverExpectedRatio(),
        EXACT);
    m.number(path + ".p_binomial", r.get("p_binomial"), res.testBinomial().p(), EXACT);
    m.number(path + ".p_continuity", r.get("p_continuity"), res.testContinuity().p(), EXACT);
    // the Cox score tests at beta = 0 (exact ties: the statistic itself; Breslow: binomial)
    JsonNode cross = r.get("crosscheck");
    double[][] x = column(cp.numeric(group));
    for (String ties : List.of("exact", "breslow", "efron")) {
      CoxFit fit = CoxModel.fit(rows, x, List.of(group), CoxModel.Ties.fromName(ties));
      m.number(path + ".crosscheck.coxph_" + ties + "_score", cross.get("coxph_" + ties
          + "_score"), fit.scoreTest().statistic(), EXACT);
    }
  }

  /** The per-patient view: last follow-up and status of the last row. */
  private static void checkPatients(Mismatches m, String path, JsonNode r, CsvTable cp) {
    SurvivalData rows = ReferenceChecks.subset(cp, LFS, null, null);
    double first = java.util.Arrays.stream(cp.numeric("start")).min().orElseThrow();
    org.mrdflow.models.survival.Landmark all =
        org.mrdflow.models.survival.Landmark.select(rows, first);
    m.numbers(path + ".id", r.get("id"),
        all.ids().stream().mapToDouble(Double::parseDouble).toArray(), 0);
    m.numbers(path + ".futime", r.get("futime"), all.data().time(), EXACT);
    m.numbers(path + ".status", r.get("status"), all.data().status());
  }

  /**
   * A landmark block: the CLI's selection (ids, time from L, status, groups at L), its log-rank
   * test and Cox model, then every KM / survdiff / Cox number on the landmark set (returned as a
   * table: ltime, lstatus, the groups, {@code carried} covariates and the cause, if any).
   */
  private static CsvTable checkLandmark(Mismatches m, String path, JsonNode r, CsvTable cp,
      List<String> groups, double landmark, double[] times, List<String> carried) {
    CsvTable set = null;
    for (String g : groups) {
      ObjectNode out = StatsJson.landmark(cp, new StatsJson.LandmarkRequest("start", "stop",
          "event", "id", g, new double[] {landmark}, ConfidenceType.LOG, times));
      JsonNode o = out.get("landmarks").get(0);
      m.jsonNumber(path + ".n", r.get("n"), o.get("n"), 0);
      m.jsonNumbers(path + ".ids", r.get("ids"), o.get("ids"), 0);
      m.jsonNumbers(path + ".ltime", r.get("ltime"), o.get("time"), EXACT);
      m.jsonNumbers(path + ".lstatus", r.get("lstatus"), o.get("status"), 0);
      m.jsonNumbers(path + ".group_" + g, r.get("group_" + g), o.get("group"), 0);
      JsonNode by = r.get("by").get(g);
      JsonNode lr = by.get("survdiff").get("logrank_rho0");
      m.jsonNumber(path + ".by." + g + ".logrank.chisq", lr.get("chisq"),
          o.get("logrank").get("chisq"), EXACT);
      m.jsonNumber(path + ".by." + g + ".logrank.p", lr.get("p"), o.get("logrank").get("p"),
          EXACT);
      JsonNode efron = by.get("cox").get("efron");
      m.jsonNumbers(path + ".by." + g + ".cox.coef", efron.get("coef"), o.get("cox").get("coef"),
          ITERATIVE);
      m.jsonNumbers(path + ".by." + g + ".cox.se", efron.get("se"), o.get("cox").get("se"),
          ITERATIVE);
      if (set == null) {
        set = landmarkTable(cp, o, landmark, groups, carried);
      }
    }
    Outcome y = Outcome.rightCensored("ltime", "lstatus");
    for (String g : groups) {
      JsonNode by = r.get("by").get(g);
      String p = path + ".by." + g;
      checkKaplanMeier(m, p + ".km", by.get("km"), set, y, g, times);
      checkSurvdiff(m, p + ".survdiff", by.get("survdiff"), set, g);
      for (String ties : List.of("efron", "breslow")) {
        checkCox(m, p + ".cox." + ties, by.get("cox").get(ties), set, y, List.of(g),
            CoxModel.Ties.fromName(ties), true);
      }
    }
    return set;
  }

  /** The landmark set as a table, every column read from the row covering (L, L+]. */
  private static CsvTable landmarkTable(CsvTable cp, JsonNode o, double landmark,
      List<String> groups, List<String> carried) {
    SurvivalData rows = ReferenceChecks.subset(cp, LFS, null, null);
    org.mrdflow.models.survival.Landmark set =
        org.mrdflow.models.survival.Landmark.select(rows, landmark);
    List<String> names = new ArrayList<>(List.of("ltime", "lstatus"));
    List<double[]> columns = new ArrayList<>(List.of(set.data().time(),
        java.util.Arrays.stream(set.data().status()).asDoubleStream().toArray()));
    List<String> fromRows = new ArrayList<>(groups);
    fromRows.addAll(carried);
    for (String c : fromRows) {
      names.add(c);
      columns.add(set.valuesAt(cp.numeric(c)));
    }
    if (cp.columnNames().contains("cause")) {
      // the cause is the status of the patient's last row
      SurvivalData causes = ReferenceChecks.subset(cp, new Outcome("start", "stop", "cause", "id"),
          null, null);
      names.add("cause");
      columns.add(java.util.Arrays.stream(
          org.mrdflow.models.survival.Landmark.select(causes, landmark).data().status())
          .asDoubleStream().toArray());
    }
    StringBuilder sb = new StringBuilder(String.join(",", names)).append('\n');
    for (int i = 0; i < set.ids().size(); i++) {
      for (int c = 0; c < columns.size(); c++) {
        sb.append(c == 0 ? "" : ",").append(format(columns.get(c)[i]));
      }
      sb.append('\n');
    }
    return read(new StringReader(sb.toString()), "landmark " + landmark);
  }

  private static void checkSurvdiff(Mismatches m, String path, JsonNode block, CsvTable table,
      String group) {
    SurvivalData data = SurvivalData.of(table.numeric("ltime"), table.numeric("lstatus"));
    Grouping grouping = Grouping.of(table.text(group));
    for (String key : List.of("logrank_rho0", "petopeto_rho1")) {
      JsonNode r = block.get(key);
      LogRankTest.Result res = LogRankTest.test(data, grouping, r.get("rho").asDouble());
      String p = path + "." + key;
      m.numbers(p + ".n", r.get("n"), res.n());
      m.numbers(p + ".obs", r.get("obs"), res.observed(), EXACT);
      m.numbers(p + ".exp", r.get("exp"), res.expected(), EXACT);
      for (int a = 0; a < res.variance().length; a++) {
        m.numbers(p + ".var[" + a + "]", r.get("var").get(a), res.variance()[a], EXACT);
      }
      checkTest(m, p, r, res.test());
    }
  }

  private static void checkTest(Mismatches m, String path, JsonNode r, ChiSquareResult test) {
    m.number(path + ".chisq", r.get("chisq"), test.statistic(), EXACT);
    m.number(path + ".df", r.get("df"), test.df(), 0);
    m.number(path + ".p", r.get("p"), test.p(), EXACT);
  }

  /** cuminc / Gray's test by HSCT at L and crr with hsct, mrd_ever, age, from the landmark. */
  private static void checkLandmarkCompeting(Mismatches m, String path, JsonNode r,
      CsvTable set) {
    SurvivalData data = SurvivalData.of(set.numeric("ltime"), set.numeric("cause"));
    Grouping hsct = Grouping.of(set.text("hsct"));
    double[] grid = {0, 30, 90, 180, 365, 730};
    for (int cause = 1; cause <= 2; cause++) {
      for (int g = 0; g < hsct.groupCount(); g++) {
        String key = hsct.labels().get(g) + " " + cause;
        JsonNode at = r.get("at_grid").get(key);
        double[][] ours = CumulativeIncidence.fit(data.subset(hsct.member(g)), cause).at(grid);
        m.numbers(path + ".at_grid." + key + ".est", at.get("est"), ours[0], EXACT);
        m.numbers(path + ".at_grid." + key + ".var", at.get("var"), ours[1], EXACT);
      }
      ChiSquareResult gray = GrayTest.test(data, hsct, cause);
      JsonNode gt = r.get("gray_test");
      m.number(path + ".gray_test.stat[" + cause + "]", gt.get("stat").get(cause - 1),
          gray.statistic(), EXACT);
      m.number(path + ".gray_test.p[" + cause + "]", gt.get("p").get(cause - 1), gray.p(),
          EXACT);
      List<String> terms = List.of("hsct", "mrd_ever", "age");
      double[][] x = new double[data.size()][3];
      for (int j = 0; j < 3; j++) {
        double[] col = set.numeric(terms.get(j));
        for (int i = 0; i < x.length; i++) {
          x[i][j] = col[i];
        }
      }
      FineGrayFit fit = FineGray.fit(data, cause, x, terms);
      JsonNode crr = r.get(cause == 1 ? "crr_relapse" : "crr_nrm");
      String p = path + (cause == 1 ? ".crr_relapse" : ".crr_nrm");
      m.numbers(p + ".coef", crr.get("coef"), fit.coef(), ITERATIVE);
      m.numbers(p + ".se", crr.get("se"), fit.se(), ITERATIVE);
      m.numbers(p + ".p", crr.get("p"), fit.p(), ITERATIVE);
      m.number(p + ".loglik", crr.get("loglik"), fit.loglik(), ITERATIVE);
      m.number(p + ".loglik_null", crr.get("loglik_null"), fit.loglikNull(), ITERATIVE);
    }
  }

  /** Per patient: futime, lstatus and whether any of his rows has {@code treatment} = 1. */
  private static CsvTable everTreated(CsvTable cp, String treatment, String ever) {
    SurvivalData rows = ReferenceChecks.subset(cp, LFS, null, null);
    double first = java.util.Arrays.stream(cp.numeric("start")).min().orElseThrow();
    org.mrdflow.models.survival.Landmark all =
        org.mrdflow.models.survival.Landmark.select(rows, first);
    String[] id = cp.text("id");
    double[] treated = cp.numeric(treatment);
    StringBuilder sb = new StringBuilder("futime,lstatus,").append(ever).append('\n');
    for (int k = 0; k < all.ids().size(); k++) {
      boolean any = false;
      for (int i = 0; i < id.length; i++) {
        any |= id[i].equals(all.ids().get(k)) && treated[i] == 1;
      }
      sb.append(format(all.data().time()[k])).append(',')
          .append(all.data().status()[k] != 0 ? 1 : 0).append(',').append(any ? 1 : 0)
          .append('\n');
    }
    return read(new StringReader(sb.toString()), "naive");
  }

  /** The biased analysis: one row per patient from time 0, grouped by "ever treated". */
  private static void checkNaive(Mismatches m, String path, JsonNode r, CsvTable naive,
      String ever, double[] times) {
    Outcome y = Outcome.rightCensored("futime", "lstatus");
    checkKaplanMeier(m, path + ".km", r.get("km"), naive, y, ever, times);
    ObjectNode km = StatsJson.km(naive, new StatsJson.KmRequest("futime", "lstatus", ever,
        ConfidenceType.LOG, null));
    JsonNode lr = r.get("survdiff").get("logrank_rho0");
    m.jsonNumber(path + ".survdiff.logrank.chisq", lr.get("chisq"), km.get("logrank").get("chisq"),
        EXACT);
    m.jsonNumber(path + ".survdiff.logrank.p", lr.get("p"), km.get("logrank").get("p"), EXACT);
    for (String ties : List.of("efron", "breslow")) {
      checkCox(m, path + ".cox." + ties, r.get("cox").get(ties), naive, y, List.of(ever),
          CoxModel.Ties.fromName(ties), true);
    }
  }

  private static double[] causeColumn(CsvTable cp) {
    double[] relapse = cp.numeric("relapse");
    double[] nrm = cp.numeric("nrm");
    double[] cause = new double[relapse.length];
    for (int i = 0; i < cause.length; i++) {
      cause[i] = relapse[i] + 2 * nrm[i];
    }
    return cause;
  }

  private static CsvTable withColumn(CsvTable table, String name, double[] values) {
    StringBuilder sb = new StringBuilder(String.join(",", table.columnNames())).append(',')
        .append(name).append('\n');
    List<String[]> columns = new ArrayList<>();
    for (String c : table.columnNames()) {
      columns.add(table.text(c));
    }
    for (int r = 0; r < table.rowCount(); r++) {
      for (String[] c : columns) {
        sb.append(c[r] == null ? "NA" : c[r]).append(',');
      }
      sb.append(format(values[r])).append('\n');
    }
    return read(new StringReader(sb.toString()), table.source());
  }

  /** Integers without a decimal point (R's factor labels), others in round-trip form. */
  private static String format(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static double[][] column(double[] v) {
    double[][] x = new double[v.length][1];
    for (int i = 0; i < v.length; i++) {
      x[i][0] = v[i];
    }
    return x;
  }

  private static double[] numbers(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  private static JsonNode resourceJson(String name) {
    try (InputStream in = TimeDependentReferenceTest.class.getResourceAsStream(RESOURCES + name)) {
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CsvTable resourceCsv(String name) {
    try (InputStream in = TimeDependentReferenceTest.class.getResourceAsStream(RESOURCES + name)) {
      return CsvTable.read(new InputStreamReader(in, StandardCharsets.UTF_8), name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CsvTable read(StringReader reader, String source) {
    try {
      return CsvTable.read(reader, source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
