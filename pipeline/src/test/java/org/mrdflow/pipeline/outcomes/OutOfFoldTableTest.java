package org.mrdflow.pipeline.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.models.cohort.CohortSettings;
import org.mrdflow.models.outcomes.OutcomesSettings;
import org.mrdflow.models.risk.CrossValidationSettings;
import org.mrdflow.models.risk.RiskSettings;
import org.mrdflow.pipeline.testing.TestSpark;

/**
 * Every reported risk-model number is recomputed from {@code tables/out_of_fold_predictions} as
 * read back from Parquet, with the formulas written out here (not the code that reported them):
 * IPCW AUC, its conservative standard error and CI, Brier score, weighted calibration slope and
 * calibration-in-the-large, binned calibration, the C-index, and the complete-case counterparts
 * (Mann-Whitney AUC with DeLong's variance, unweighted Brier and calibration).
 */
class OutOfFoldTableTest {

  static final double Z = 1.959963984540054;
  static final double TOL = 1e-9;

  @TempDir static Path dir;

  /** One out-of-fold row as read back. */
  record Oof(String key, int repeat, int fold, double score, Integer label, double days, int status, double weight) {}

  @Test
  void everyReportedMetricIsRecomputableFromTheOutOfFoldTable() throws IOException {
    SparkSession spark = TestSpark.session();
    OutcomesSettings settings =
        new OutcomesSettings(CohortSettings.defaults(), RiskSettings.defaults(), new CrossValidationSettings(3, 2, 11, 4), 11, true);
    OutcomesJob.run(new OutcomesRequest(null, null, 2020L, dir.resolve("run"), settings), spark);
    Path tables = dir.resolve("run/tables");
    Map<String, List<Oof>> byModel = new LinkedHashMap<>();
    for (Row r : spark.read().parquet(tables.resolve("out_of_fold_predictions").toString()).collectAsList()) {
      Double p = r.getAs("predicted_probability");
      Double lp = r.getAs("linear_predictor");
      assertThat(p == null).isNotEqualTo(lp == null);
      byModel.computeIfAbsent(r.<String>getAs("model"), m -> new ArrayList<>()).add(new Oof(r.getAs("patient_key"),
          r.<Integer>getAs("repeat"), r.<Integer>getAs("fold"), p != null ? p : lp, r.getAs("label"), r.<Double>getAs("days"),
          r.<Integer>getAs("status"), r.<Double>getAs("ipcw_weight")));
    }
    List<Row> reported = spark.read().parquet(tables.resolve("risk_models").toString()).collectAsList();
    List<Row> bins = spark.read().parquet(tables.resolve("calibration").toString()).collectAsList();
    assertThat(reported).hasSize(4);
    assertThat(byModel.keySet()).containsExactlyInAnyOrder(
        "logistic_regression", "random_forest", "gradient_boosting", "fine_gray_linear_predictor");
    for (Row m : reported) {
      String model = m.getAs("model");
      List<Oof> rows = byModel.get(model);
      Map<Integer, List<Oof>> repeats = new TreeMap<>();
      rows.forEach(o -> repeats.computeIfAbsent(o.repeat(), k -> new ArrayList<>()).add(o));
      assertThat(repeats.keySet()).containsExactly(1, 2);
      int n = m.<Integer>getAs("patients");
      assertThat(repeats.values()).allSatisfy(r -> assertThat(r).hasSize(n));
      assertThat(rows.stream().filter(o -> o.repeat() == 1 && o.label() != null && o.label() == 1)).hasSize(m.<Integer>getAs("relapses"));
      assertThat(rows.stream().filter(o -> o.repeat() == 1 && o.label() == null)).hasSize(m.<Integer>getAs("censored_before_horizon"));
      boolean probability = !model.equals("fine_gray_linear_predictor");

      double auc = 0, var = 0, brier = 0, slope = 0, large = 0, c = 0;
      double ccAuc = 0, ccVar = 0, ccBrier = 0, ccSlope = 0, ccLarge = 0;
      for (List<Oof> rep : repeats.values()) {
        double[] a = weightedAuc(rep);
        auc += a[0] / 2;
        var += a[1] * a[1] / 2;
        List<Oof> known = rep.stream().filter(o -> o.label() != null).toList();
        double[] cc = delong(known);
        ccAuc += cc[0] / 2;
        ccVar += cc[1] / 2;
        c += harrell(rep) / 2;
        if (probability) {
          brier += rep.stream().mapToDouble(o -> o.label() == null ? 0 : o.weight() * sq(o.label() - o.score())).sum() / n / 2;
          ccBrier += known.stream().mapToDouble(o -> sq(o.label() - o.score())).sum() / known.size() / 2;
          double[] fit = recalibration(known, true);
          slope += fit[1] / 2;
          large += recalibrationInTheLarge(known, true) / 2;
          double[] ccFit = recalibration(known, false);
          ccSlope += ccFit[1] / 2;
          ccLarge += recalibrationInTheLarge(known, false) / 2;
        }
      }
      assertThat(m.<Double>getAs("auc")).as(model + " auc").isCloseTo(auc, within(TOL));
      assertThat(m.<Double>getAs("auc_lower")).as(model + " auc_lower").isCloseTo(Math.max(0, auc - Z * Math.sqrt(var)), within(TOL));
      assertThat(m.<Double>getAs("auc_upper")).as(model + " auc_upper").isCloseTo(Math.min(1, auc + Z * Math.sqrt(var)), within(TOL));
      assertThat(m.<Double>getAs("complete_case_auc")).as(model + " cc auc").isCloseTo(ccAuc, within(TOL));
      assertThat(m.<Double>getAs("complete_case_auc_lower")).isCloseTo(Math.max(0, ccAuc - Z * Math.sqrt(ccVar)), within(TOL));
      assertThat(m.<Double>getAs("complete_case_auc_upper")).isCloseTo(Math.min(1, ccAuc + Z * Math.sqrt(ccVar)), within(TOL));
      assertThat(m.<Double>getAs("concordance")).as(model + " C").isCloseTo(c, within(TOL));
      if (probability) {
        assertThat(m.<Double>getAs("brier")).as(model + " brier").isCloseTo(brier, within(TOL));
        assertThat(m.<Double>getAs("calibration_slope")).as(model + " slope").isCloseTo(slope, within(1e-7));
        assertThat(m.<Double>getAs("calibration_in_the_large")).as(model + " citl").isCloseTo(large, within(1e-7));
        assertThat(m.<Double>getAs("complete_case_brier")).isCloseTo(ccBrier, within(TOL));
        assertThat(m.<Double>getAs("complete_case_calibration_slope")).isCloseTo(ccSlope, within(1e-7));
        assertThat(m.<Double>getAs("complete_case_calibration_in_the_large")).isCloseTo(ccLarge, within(1e-7));
        for (String weighting : List.of("ipcw", "complete_case")) {
          List<double[]> expected = calibrationBins(rows, weighting.equals("ipcw"), 4);
          List<Row> got = bins.stream().filter(b -> b.getAs("model").equals(model) && b.getAs("weighting").equals(weighting))
              .sorted(Comparator.comparingInt(b -> b.<Integer>getAs("bin"))).toList();
          assertThat(got).hasSize(expected.size());
          for (int b = 0; b < got.size(); b++) {
            assertThat(got.get(b).<Integer>getAs("patients")).isEqualTo((int) expected.get(b)[0]);
            assertThat(got.get(b).<Double>getAs("mean_predicted")).isCloseTo(expected.get(b)[1], within(TOL));
            assertThat(got.get(b).<Double>getAs("observed_rate")).isCloseTo(expected.get(b)[2], within(TOL));
          }
        }
      } else {
        assertThat(m.<Double>getAs("brier")).isNull();
      }
    }
  }

  static double sq(double v) {
    return v * v;
  }

  static double psi(double caseScore, double controlScore) {
    return caseScore > controlScore ? 1 : caseScore == controlScore ? 0.5 : 0;
  }

  /** IPCW AUC (weighted Mann-Whitney) and its influence-function SE with the weights held fixed. */
  static double[] weightedAuc(List<Oof> rep) {
    int n = rep.size();
    double num = 0, wCases = 0, wControls = 0;
    for (Oof i : rep) {
      wCases += isLabel(i, 1) ? i.weight() : 0;
      wControls += isLabel(i, 0) ? i.weight() : 0;
      for (Oof j : rep) {
        if (isLabel(i, 1) && isLabel(j, 0)) {
          num += i.weight() * j.weight() * psi(i.score(), j.score());
        }
      }
    }
    double auc = num / (wCases * wControls);
    double a = num / n / n, b = wCases / n, c = wControls / n;
    double[] f = new double[n];
    double mean = 0;
    for (int k = 0; k < n; k++) {
      Oof o = rep.get(k);
      double h = 0;
      for (Oof other : rep) {
        if (isLabel(o, 1) && isLabel(other, 0)) {
          h += o.weight() * other.weight() * psi(o.score(), other.score());
        }
        if (isLabel(o, 0) && isLabel(other, 1)) {
          h += o.weight() * other.weight() * psi(other.score(), o.score());
        }
      }
      double ck = isLabel(o, 1) ? o.weight() : 0, dk = isLabel(o, 0) ? o.weight() : 0;
      f[k] = (h / n - 2 * a) / (b * c) - auc * ((ck - b) / b + (dk - c) / c);
      mean += f[k] / n;
    }
    double ss = 0;
    for (double v : f) {
      ss += sq(v - mean);
    }
    return new double[] {auc, Math.sqrt(ss / (n - 1) / n)};
  }

  static boolean isLabel(Oof o, int y) {
    return o.label() != null && o.label() == y;
  }

  /** Unweighted AUC and DeLong's variance on rows with a known label. */
  static double[] delong(List<Oof> known) {
    List<Oof> cases = known.stream().filter(o -> o.label() == 1).toList();
    List<Oof> controls = known.stream().filter(o -> o.label() == 0).toList();
    double[] v10 = new double[cases.size()];
    double[] v01 = new double[controls.size()];
    for (int i = 0; i < cases.size(); i++) {
      for (int j = 0; j < controls.size(); j++) {
        double s = psi(cases.get(i).score(), controls.get(j).score());
        v10[i] += s / controls.size();
        v01[j] += s / cases.size();
      }
    }
    double auc = java.util.Arrays.stream(v10).average().orElseThrow();
    return new double[] {auc, variance(v10, auc) / v10.length + variance(v01, auc) / v01.length};
  }

  static double variance(double[] v, double mean) {
    double s = 0;
    for (double x : v) {
      s += sq(x - mean);
    }
    return s / (v.length - 1);
  }

  /**
   * Harrell's C with a competing death never relapsing: usable pairs have the earlier time a relapse
   * (a censoring at that same time comes after it).
   */
  static double harrell(List<Oof> rep) {
    double beyond = rep.stream().mapToDouble(Oof::days).max().orElseThrow() + 1;
    double concordant = 0, usable = 0;
    for (Oof i : rep) {
      if (i.status() != 1) {
        continue;
      }
      for (Oof j : rep) {
        double tj = j.status() == 2 ? beyond : j.days();
        // as survival's concordance: a patient censored at the relapse time was still at risk
        if (tj > i.days() || (tj == i.days() && j.status() == 0)) {
          usable++;
          concordant += psi(i.score(), j.score());
        }
      }
    }
    return concordant / usable;
  }

  static double logit(double p) {
    double c = Math.min(1 - 1e-12, Math.max(1e-12, p));
    return Math.log(c / (1 - c));
  }

  /** Iteratively reweighted least squares for logit P(y) = a + b logit(p), case weights or 1. */
  static double[] recalibration(List<Oof> known, boolean weighted) {
    double a = 0, b = 0;
    for (int it = 0; it < 200; it++) {
      double g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
      for (Oof o : known) {
        double x = logit(o.score());
        double w = weighted ? o.weight() : 1;
        double mu = 1 / (1 + Math.exp(-(a + b * x)));
        g0 += w * (o.label() - mu);
        g1 += w * (o.label() - mu) * x;
        h00 += w * mu * (1 - mu);
        h01 += w * mu * (1 - mu) * x;
        h11 += w * mu * (1 - mu) * x * x;
      }
      double det = h00 * h11 - h01 * h01;
      a += (h11 * g0 - h01 * g1) / det;
      b += (h00 * g1 - h01 * g0) / det;
    }
    return new double[] {a, b};
  }

  static double recalibrationInTheLarge(List<Oof> known, boolean weighted) {
    double a = 0;
    for (int it = 0; it < 200; it++) {
      double g = 0, h = 0;
      for (Oof o : known) {
        double w = weighted ? o.weight() : 1;
        double mu = 1 / (1 + Math.exp(-(a + logit(o.score()))));
        g += w * (o.label() - mu);
        h += w * mu * (1 - mu);
      }
      a += g / h;
    }
    return a;
  }

  /** Bins of the rows with a known label of all repeats pooled: [patients, mean predicted, observed rate]. */
  static List<double[]> calibrationBins(List<Oof> rows, boolean weighted, int groups) {
    List<Oof> known = new ArrayList<>(rows.stream().filter(o -> o.label() != null)
        .sorted(Comparator.comparingInt(Oof::repeat)).toList());
    // a stable sort by score, ties kept in repeat-then-row order (as the report pools them)
    known.sort(Comparator.comparingDouble(Oof::score));
    List<double[]> out = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      int from = (int) ((long) g * known.size() / groups), to = (int) ((long) (g + 1) * known.size() / groups);
      double w = 0, p = 0, y = 0;
      for (Oof o : known.subList(from, to)) {
        double wi = weighted ? o.weight() : 1;
        w += wi;
        p += wi * o.score();
        y += wi * o.label();
      }
      out.add(new double[] {to - from, p / w, y / w});
    }
    return out;
  }
}
