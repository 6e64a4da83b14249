package org.mrdflow.models.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.mrdflow.models.cohort.CohortBuilder;
import org.mrdflow.models.cohort.CohortSettings;
import org.mrdflow.models.simulate.CohortSimulator;
import org.mrdflow.models.simulate.SimulatedCohort;
import org.mrdflow.models.simulate.SimulationSettings;

/**
 * The IPCW weights and metrics against riskRegression 2022.11.28 ({@code Score}, competing risks,
 * {@code cens.model = "km"}, {@code conservative = TRUE}) and weighted {@code glm}, on the landmark
 * rows of the simulated demo cohort (seed 2020): {@code src/test/resources/risk/ipcw_cohort.csv}
 * holds them, {@code ipcw_reference.R} computed {@code ipcw_reference.csv} from it. Two markers,
 * both functions of the features: a probability {@code p = plogis(-1 + 0.5 (mrd_peak_log10 + 4) +
 * 0.02 (age_years - 40))} and the tied 0/1 {@code transplanted_by_landmark}; horizons 730 (the
 * default) and 365 days after the landmark.
 */
class IpcwReferenceTest {

  static final double REL = 1e-9;

  static RiskData cohort(int horizon) {
    SimulatedCohort sim = CohortSimulator.simulate(SimulationSettings.seed002(2020));
    return RiskFeatures.build(CohortBuilder.build(sim.clinical(), sim.measurements(), CohortSettings.defaults()),
        new RiskSettings(90, horizon));
  }

  static double probability(double[] row) {
    double age = row[RiskFeatures.NAMES.indexOf("age_years")];
    double mrd = row[RiskFeatures.NAMES.indexOf("mrd_peak_log10")];
    return 1 / (1 + Math.exp(-(-1 + 0.5 * (mrd + 4) + 0.02 * (age - 40))));
  }

  static List<String[]> csv(String name) throws IOException {
    try (InputStream in = IpcwReferenceTest.class.getResourceAsStream("/risk/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).map(l -> l.split(",")).toList();
    }
  }

  @Test
  void theFixtureHoldsTheSimulatedCohort() throws IOException {
    RiskData d = cohort(730);
    List<String[]> rows = csv("ipcw_cohort.csv");
    assertThat(rows).hasSize(d.rows());
    for (int i = 0; i < d.rows(); i++) {
      String[] r = rows.get(i);
      assertThat(Double.parseDouble(r[0])).isEqualTo(d.days()[i]);
      assertThat(Integer.parseInt(r[1])).isEqualTo(d.status()[i]);
      assertThat(Double.parseDouble(r[2])).isEqualTo(d.x()[i][RiskFeatures.NAMES.indexOf("age_years")]);
      assertThat(Double.parseDouble(r[3])).isEqualTo(d.x()[i][RiskFeatures.NAMES.indexOf("mrd_peak_log10")]);
      assertThat(Double.parseDouble(r[4])).isEqualTo(d.x()[i][RiskFeatures.NAMES.indexOf("transplanted_by_landmark")]);
    }
    // the cohort has what the weights are for: censoring before the horizon and competing deaths
    assertThat(d.censoredBeforeHorizon()).isGreaterThan(10);
    assertThat(d.competingDeaths()).isGreaterThan(0);
  }

  @Test
  void weightsAucAndBrierEqualRiskRegression() throws IOException {
    Map<String, Double> ref = new HashMap<>();
    Map<Integer, double[]> refWeights = new HashMap<>();
    for (String[] r : csv("ipcw_reference.csv")) {
      if (r[0].equals("weight")) {
        refWeights.computeIfAbsent(Integer.parseInt(r[1]), h -> new double[200])[Integer.parseInt(r[2]) - 1] =
            Double.parseDouble(r[4]);
      } else {
        ref.put(r[0] + "/" + r[1] + "/" + r[3], Double.parseDouble(r[4]));
      }
    }
    int checked = 0;
    for (int horizon : new int[] {730, 365}) {
      RiskData d = cohort(horizon);
      double[] w = Ipcw.weightsOf(d);
      for (int i = 0; i < d.rows(); i++) {
        // R's weights are 1/G; 0 for a patient censored before the horizon
        assertThat(w[i]).as("weight of row %d at %d", i + 1, horizon).isCloseTo(refWeights.get(horizon)[i], within(REL * w[i]));
      }
      int[] y = d.labels();
      double[] p = new double[d.rows()];
      double[] transplanted = new double[d.rows()];
      for (int i = 0; i < d.rows(); i++) {
        p[i] = probability(d.x()[i]);
        transplanted[i] = d.x()[i][RiskFeatures.NAMES.indexOf("transplanted_by_landmark")];
      }
      AucEstimate auc = IpcwMetrics.auc(p, y, w);
      AucEstimate tied = IpcwMetrics.auc(transplanted, y, w);
      Calibration calibration = Calibration.of(p, y, w, 5);
      Map<String, Double> ours = new HashMap<>();
      ours.put("auc/p", auc.auc());
      ours.put("auc_se/p", auc.standardError());
      ours.put("auc/transplanted", tied.auc());
      ours.put("auc_se/transplanted", tied.standardError());
      ours.put("brier/p", IpcwMetrics.brier(p, y, w));
      ours.put("calibration_slope/p", calibration.slope());
      ours.put("calibration_in_the_large/p", calibration.interceptInTheLarge());
      for (Map.Entry<String, Double> e : ours.entrySet()) {
        String[] k = e.getKey().split("/");
        Double expected = ref.get(k[0] + "/" + horizon + "/" + k[1]);
        assertThat(expected).as(e.getKey() + " at " + horizon).isNotNull();
        assertThat(e.getValue()).as(e.getKey() + " at " + horizon).isCloseTo(expected, within(REL * Math.abs(expected)));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(14);
  }

  /** Writes ipcw_cohort.csv: {@code mvn -pl models test -Dtest=IpcwReferenceTest -Dmrdflow.regenerate=DIR}. */
  @Test
  @EnabledIfSystemProperty(named = "mrdflow.regenerate", matches = ".+")
  void regenerateTheCohortFixture() throws IOException {
    RiskData d = cohort(730);
    StringBuilder s = new StringBuilder("days,status,age_years,mrd_peak_log10,transplanted_by_landmark\n");
    for (int i = 0; i < d.rows(); i++) {
      s.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s%n", Double.toString(d.days()[i]), d.status()[i],
          Double.toString(d.x()[i][RiskFeatures.NAMES.indexOf("age_years")]),
          Double.toString(d.x()[i][RiskFeatures.NAMES.indexOf("mrd_peak_log10")]),
          Double.toString(d.x()[i][RiskFeatures.NAMES.indexOf("transplanted_by_landmark")])));
    }
    Files.writeString(Path.of(System.getProperty("mrdflow.regenerate")).resolve("ipcw_cohort.csv"), s.toString());
  }
}
