package org.mrdflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsCommandTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** stats-ref's simulated CAR-T cohort: counting-process rows and R's results; skip without. */
  private static Path statsRef() {
    Path dir = Path.of(System.getProperty("mrdflow.shared", "../../shared"), "stats-ref");
    Assumptions.assumeTrue(Files.isDirectory(dir), "shared stats-ref not present");
    return dir;
  }

  @Test
  void survivalPastAGroupsLastFollowUpIsNotEstimable(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("c.csv");
    Files.writeString(csv, "t,e,g\n3,1,0\n8,0,0\n10,1,0\n12,0,0\n14,1,0\n16,0,0\n18,0,0\n"
        + "20,1,0\n22,0,0\n25,0,0\n5,1,1\n7,1,1\n9,0,1\n15,0,1\n");
    CliRun r = CliRun.run("stats", "km", "--input", csv.toString(), "--time", "t", "--event", "e",
        "--group", "g", "--conf-type", "log-log", "--times", "6,12,24,36", "--json");
    assertThat(r.exit()).isZero();
    JsonNode curves = MAPPER.readTree(r.out()).get("curves");
    // R 4.2.2, survival 3.5-3: summary(survfit(Surv(t, e) ~ g, conf.type = "log-log"),
    //   times = c(6, 12, 24, 36), extend = FALSE) gives g=0 at 6, 12, 24 and g=1 at 6, 12 only:
    //   g=0 surv 0.9, 0.7875, 0.4375 (24: lower 0.0764882434516351, upper 0.766554517434429);
    //   g=1 surv 0.75, 0.5 (12: lower 0.0578470829951446, upper 0.844861281190374)
    double[][] surv = {{0.9, 0.7875, 0.4375, Double.NaN}, {0.75, 0.5, Double.NaN, Double.NaN}};
    for (int g = 0; g < 2; g++) {
      JsonNode at = curves.get(g).get("at_times");
      assertThat(at).hasSize(4);
      for (int k = 0; k < 4; k++) {
        if (Double.isNaN(surv[g][k])) {
          assertThat(at.get(k).get("surv").isNull()).as("g%d t%d", g, k).isTrue();
          assertThat(at.get(k).get("lower").isNull()).isTrue();
          assertThat(at.get(k).get("upper").isNull()).isTrue();
        } else {
          assertThat(at.get(k).get("surv").asDouble()).isCloseTo(surv[g][k], within(1e-12));
        }
      }
    }
    assertThat(curves.get(0).get("at_times").get(2).get("lower").asDouble())
        .isCloseTo(0.0764882434516351, within(1e-12));
    assertThat(curves.get(1).get("at_times").get(1).get("upper").asDouble())
        .isCloseTo(0.844861281190374, within(1e-12));
    assertThat(curves.get(0).get("last_follow_up").asDouble()).isEqualTo(25);
    assertThat(curves.get(1).get("last_follow_up").asDouble()).isEqualTo(15);
  }

  @Test
  void countingProcessCommandsPrintRsNumbers() throws Exception {
    Path ref = statsRef();
    String cp = ref.resolve("data/timedep_cart_cp.csv").toString();
    JsonNode r = MAPPER.readTree(ref.resolve("ref/timedep_cart.json").toFile());

    CliRun cox = CliRun.run("stats", "cox", "--input", cp, "--start", "start", "--stop", "stop",
        "--event", "event", "--id", "id", "--covariates", "hsct,mrd_pos,age", "--ties", "efron",
        "--robust", "--json");
    assertThat(cox.exit()).isZero();
    JsonNode c = MAPPER.readTree(cox.out());
    JsonNode rc = r.get("cox").get("lfs_multivariable").get("efron");
    for (int j = 0; j < 3; j++) {
      assertThat(c.get("coef").get(j).asDouble())
          .isCloseTo(rc.get("coef").get(j).asDouble(), within(1e-4 * Math.abs(
              rc.get("coef").get(j).asDouble())));
      double robust = rc.get("robust").get("se_robust").get(j).asDouble();
      assertThat(c.get("robust_se").get(j).asDouble()).isCloseTo(robust, within(1e-4 * robust));
    }
    assertThat(c.get("n").asInt()).isEqualTo(565);

    CliRun km = CliRun.run("stats", "km", "--input", cp, "--start", "start", "--stop", "stop",
        "--event", "event", "--group", "hsct", "--conf-type", "log-log", "--json");
    assertThat(km.exit()).isZero();
    JsonNode k = MAPPER.readTree(km.out());
    JsonNode transplanted = r.get("simon_makuch").get("by_hsct").get("curves").get("hsct=1");
    assertThat(k.get("curves").get(1).get("n_risk")).isEqualTo(transplanted.get("n.risk"));
    assertThat(k.get("logrank").isNull()).isTrue();

    CliRun mb = CliRun.run("stats", "mantel-byar", "--input", cp, "--start", "start", "--stop",
        "stop", "--event", "event", "--group", "hsct", "--json");
    assertThat(mb.exit()).isZero();
    JsonNode m = MAPPER.readTree(mb.out());
    JsonNode rm = r.get("mantel_byar").get("hsct");
    assertThat(m.get("u").asDouble()).isCloseTo(rm.get("U").asDouble(), within(1e-9));
    assertThat(m.get("variance").asDouble())
        .isCloseTo(rm.get("var_hypergeometric").asDouble(), within(1e-9));
    assertThat(m.get("chisq").asDouble()).isCloseTo(rm.get("chisq").asDouble(), within(1e-9));
    assertThat(m.get("df").asInt()).isEqualTo(1);
    assertThat(m.get("p").asDouble()).isCloseTo(rm.get("p").asDouble(), within(1e-9));

    CliRun lm = CliRun.run("stats", "landmark", "--input", cp, "--start", "start", "--stop",
        "stop", "--event", "event", "--id", "id", "--group", "hsct", "--landmark", "90,180",
        "--json");
    assertThat(lm.exit()).isZero();
    JsonNode l = MAPPER.readTree(lm.out()).get("landmarks");
    for (int i = 0; i < 2; i++) {
      JsonNode rl = r.get("landmark").get(i == 0 ? "L90" : "L180");
      assertThat(l.get(i).get("n").asInt()).isEqualTo(rl.get("n").asInt());
      double chisq = rl.get("by").get("hsct").get("survdiff").get("logrank_rho0").get("chisq")
          .asDouble();
      assertThat(l.get(i).get("logrank").get("chisq").asDouble())
          .isCloseTo(chisq, within(1e-9 * chisq));
    }
  }

  @Test
  void robustCoxOnIntervalsWithoutAnIdIsBadInput(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("d.csv");
    Files.writeString(csv, "a,b,e,x\n0,5,1,0\n0,3,0,0\n3,7,1,1\n0,9,0,1\n");
    CliRun r = CliRun.run("stats", "cox", "--input", csv.toString(), "--start", "a", "--stop",
        "b", "--event", "e", "--covariates", "x", "--robust", "--json");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("d.csv").contains("--id");
  }

  @Test
  void fisherPrintsRsTwoSidedPValueForThePublishedTable() throws Exception {
    CliRun r = CliRun.run("stats", "fisher", "--table", "4,6,9,0", "--json");
    assertThat(r.exit()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    // R 4.2.2 fisher.test(matrix(c(4, 6, 9, 0), 2, byrow = TRUE))$p.value (stats-ref)
    assertThat(json.get("p").asDouble()).isCloseTo(0.0108359133126935, within(1e-12));
    assertThat(json.get("odds_ratio").asDouble()).isZero();
    assertThat(json.get("lower").asDouble()).isZero();
  }

  @Test
  void kmOfASmallCohortGivesTheLogLogIntervalOfSeed004(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("a.csv");
    Files.writeString(csv, "t,e\n3,1\n8,0\n10,0\n12,0\n14,0\n16,0\n18,0\n20,0\n22,0\n25,0\n"
        + "27.5,0\n");
    CliRun r = CliRun.run("stats", "km", "--input", csv.toString(), "--time", "t", "--event", "e",
        "--conf-type", "log-log", "--times", "24", "--json");
    assertThat(r.exit()).isZero();
    JsonNode at = new ObjectMapper().readTree(r.out()).get("curves").get(0).get("at_times")
        .get(0);
    // R: summary(survfit(..., conf.type = "log-log"), times = 24): 0.909 (0.508-0.987)
    assertThat(at.get("lower").asDouble()).isCloseTo(0.50808020576993, within(1e-9));
    assertThat(at.get("upper").asDouble()).isCloseTo(0.986673822667823, within(1e-9));
    assertThat(new ObjectMapper().readTree(r.out()).get("logrank").isNull()).isTrue();
  }

  @Test
  void aMissingColumnIsBadInputWithExitCodeTwoAndTheFileNamed(@TempDir Path dir)
      throws Exception {
    Path csv = dir.resolve("b.csv");
    Files.writeString(csv, "t,e\n1,1\n");
    CliRun r = CliRun.run("stats", "cox", "--input", csv.toString(), "--time", "t", "--event", "e",
        "--covariates", "age", "--json");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("b.csv").contains("no column 'age'");
  }
}
