package org.mrdflow.models.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mrdflow.models.data.CsvTable;
import org.mrdflow.models.json.StatsJson;
import org.mrdflow.models.reference.SharedReference.Mismatches;
import org.mrdflow.models.tests.ChiSquareTableTest;
import org.mrdflow.models.tests.FisherExactTest;
import org.mrdflow.models.tests.TTest;
import org.mrdflow.models.tests.WilcoxonRankSumTest;

/**
 * Walks {@code stats-ref/ref/basic_tests.json}: two-sided Fisher p-values (2 x 2 and r x c) and
 * odds ratios through the {@code stats fisher} service, chi-square with and without Yates, the
 * four t tests and the Wilcoxon rank-sum test on the lung data.
 */
class BasicTestsReferenceTest {

  private static final double EXACT = 1e-6;
  /**
   * R finds the conditional MLE and the odds-ratio limits with {@code uniroot}'s default
   * tolerance (about 1.2e-4 on its search scale), so R itself is only that accurate there.
   */
  private static final double UNIROOT = 1e-3;

  @Test
  void fisherChiSquareTAndWilcoxonEqualR() {
    JsonNode ref = SharedReference.json("ref/basic_tests.json");
    Mismatches m = new Mismatches();
    for (JsonNode f : ref.get("fisher")) {
      String p = "fisher." + f.get("label").asText();
      ObjectNode out = StatsJson.fisher(counts(f.get("table_rowmajor")), f.get("nrow").asInt());
      JsonNode two = f.get("results").get(0);
      m.jsonNumber(p + ".p", two.get("p"), out.get("p"), EXACT);
      if (f.get("nrow").asInt() == 2 && f.get("ncol").asInt() == 2) {
        m.jsonNumber(p + ".or", two.get("conditional_mle_or"), out.get("odds_ratio"), UNIROOT);
        m.jsonNumber(p + ".lower", two.get("or_ci95").get(0), out.get("lower"), UNIROOT);
        m.jsonNumber(p + ".upper", two.get("or_ci95").get(1), out.get("upper"), UNIROOT);
      }
      long[] flat = counts(f.get("table_rowmajor"));
      int cols = f.get("ncol").asInt();
      long[][] table = new long[f.get("nrow").asInt()][cols];
      for (int i = 0; i < flat.length; i++) {
        table[i / cols][i % cols] = flat[i];
      }
      for (int a = 1; a <= 2; a++) {
        JsonNode r = f.get("results").get(a);
        FisherExactTest.Result res = FisherExactTest.test(table,
            a == 1 ? FisherExactTest.Alternative.LESS : FisherExactTest.Alternative.GREATER, 0.95);
        String q = p + "." + r.get("alternative").asText();
        m.number(q + ".p", r.get("p"), res.p(), EXACT);
        if (!r.get("or_ci95").isNull()) {
          m.number(q + ".lower", r.get("or_ci95").get(0), res.lower(), UNIROOT);
          m.number(q + ".upper", r.get("or_ci95").get(1), res.upper(), UNIROOT);
        }
      }
    }
    for (JsonNode c : ref.get("chisq")) {
      long[] flat = counts(c.get("table_rowmajor"));
      int rows = c.get("nrow").asInt();
      int cols = c.get("ncol").asInt();
      long[][] table = new long[rows][cols];
      for (int i = 0; i < flat.length; i++) {
        table[i / cols][i % cols] = flat[i];
      }
      for (JsonNode r : c.get("results")) {
        ChiSquareTableTest.Result res =
            ChiSquareTableTest.test(table, r.get("correct").asBoolean());
        String p = "chisq." + c.get("label").asText() + ".correct=" + r.get("correct");
        m.number(p + ".statistic", r.get("statistic"), res.test().statistic(), EXACT);
        m.number(p + ".df", r.get("df"), res.test().df(), 0);
        m.number(p + ".p", r.get("p"), res.test().p(), EXACT);
        for (int i = 0; i < flat.length; i++) {
          m.number(p + ".expected[" + i + "]", r.get("expected_rowmajor").get(i),
              res.expected()[i / cols][i % cols], EXACT);
        }
      }
    }
    CsvTable lung = SharedReference.csv("data/lung.csv");
    double[] age = lung.numeric("age");
    double[] sex = lung.numeric("sex");
    double[] male = select(age, sex, 1);
    double[] female = select(age, sex, 2);
    JsonNode t = ref.get("t_tests");
    checkT(m, "welch", t.get("welch_two_sample"), TTest.welch(male, female, 0.95));
    checkT(m, "student", t.get("student_two_sample"), TTest.student(male, female, 0.95));
    checkT(m, "one_sample", t.get("one_sample_mu60"), TTest.oneSample(age, 60, 0.95));
    double[] ph = lung.numeric("ph_karno");
    double[] pat = lung.numeric("pat_karno");
    List<double[]> pairs = new ArrayList<>();
    for (int i = 0; i < ph.length; i++) {
      if (!Double.isNaN(ph[i]) && !Double.isNaN(pat[i])) {
        pairs.add(new double[] {ph[i], pat[i]});
      }
    }
    checkT(m, "paired", t.get("paired_karno"), TTest.paired(
        pairs.stream().mapToDouble(v -> v[0]).toArray(),
        pairs.stream().mapToDouble(v -> v[1]).toArray(), 0.95));
    JsonNode w = ref.get("wilcoxon");
    WilcoxonRankSumTest.Result wr = WilcoxonRankSumTest.test(male, female, false);
    m.number("wilcoxon.W", w.get("statistic_W"), wr.w(), EXACT);
    m.number("wilcoxon.p", w.get("p"), wr.p(), EXACT);
    m.assertNone();
  }

  private static void checkT(Mismatches m, String name, JsonNode r, TTest.Result res) {
    m.number(name + ".statistic", r.get("statistic"), res.statistic(), EXACT);
    m.number(name + ".df", r.get("df"), res.df(), EXACT);
    m.number(name + ".p", r.get("p"), res.p(), EXACT);
    double estimate = r.get("estimate").isArray()
        ? r.get("estimate").get(0).asDouble() - r.get("estimate").get(1).asDouble()
        : r.get("estimate").asDouble();
    m.number(name + ".estimate", com.fasterxml.jackson.databind.node.DoubleNode.valueOf(estimate),
        res.estimate(), EXACT);
    m.number(name + ".lower", r.get("conf_int95").get(0), res.lower(), EXACT);
    m.number(name + ".upper", r.get("conf_int95").get(1), res.upper(), EXACT);
    m.number(name + ".stderr", r.get("stderr"), res.stdErr(), EXACT);
  }

  private static double[] select(double[] values, double[] group, double level) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      if (group[i] == level && !Double.isNaN(values[i])) {
        out.add(values[i]);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static long[] counts(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }
}
