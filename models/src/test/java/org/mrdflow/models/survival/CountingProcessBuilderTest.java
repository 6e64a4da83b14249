package org.mrdflow.models.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mrdflow.models.StatsInputException;
import org.mrdflow.models.data.CsvTable;

/**
 * The builder against R's {@code tmerge}: the reference's counting-process rows of the simulated
 * CAR-T cohort (565 rows, {@code stats-ref/R/06_timedep_datasets.R}) rebuilt from its one row per
 * patient, row by row and column by column, including the documented ties.
 */
class CountingProcessBuilderTest {

  private static final String RESOURCES = "/org/mrdflow/models/reference/timedep/";

  @Test
  void rebuildsTmergesRowsOfTheCarTCohortExactly() throws IOException {
    CsvTable pat = csv("timedep_cart_patients.csv");
    CsvTable expected = csv("timedep_cart_cp.csv");
    CountingProcessRows rows = fromPatients(pat);

    assertThat(rows.size()).isEqualTo(expected.rowCount());
    assertThat(rows.id()).containsExactly(expected.text("id"));
    assertThat(rows.start()).containsExactly(expected.numeric("start"));
    assertThat(rows.stop()).containsExactly(expected.numeric("stop"));
    for (String c : List.of("event", "relapse", "nrm", "hsct", "mrd_pos", "mrd_ever", "age")) {
      assertThat(rows.column(c)).as(c).containsExactly(expected.numeric(c));
    }
  }

  @Test
  void anEventOnTheDayOfAChangeBelongsToTheRowBeforeIt() {
    // died on the transplant day 60: one row (0, 60], untransplanted, with the death
    CountingProcessRows one = CountingProcessBuilder.of(List.of("a"), new double[] {0},
            new double[] {60})
        .event("event", new double[] {60}, new int[] {1})
        .timeDependent("hsct", List.of("a"), new double[] {60}, new double[] {1}, 0)
        .build();
    assertThat(one.stop()).containsExactly(60);
    assertThat(one.column("hsct")).containsExactly(0);
    assertThat(one.column("event")).containsExactly(1);
    // transplanted and MRD measured on day 90, relapse on 400: one split at 90
    CountingProcessRows two = CountingProcessBuilder.of(List.of("b"), new double[] {0},
            new double[] {400})
        .event("event", new double[] {400}, new int[] {1})
        .timeDependent("hsct", List.of("b"), new double[] {90}, new double[] {1}, 0)
        .timeDependent("mrd", List.of("b", "b"), new double[] {28, 90}, new double[] {1, 1}, 0)
        .build();
    assertThat(two.start()).containsExactly(0, 28, 90);
    assertThat(two.stop()).containsExactly(28, 90, 400);
    assertThat(two.column("hsct")).containsExactly(0, 0, 1);
    assertThat(two.column("mrd")).containsExactly(0, 1, 1);
    assertThat(two.column("event")).containsExactly(0, 0, 1);
  }

  @Test
  void inconsistentInputIsATypedError() {
    CountingProcessBuilder b = CountingProcessBuilder.of(List.of("a"), new double[] {0},
        new double[] {10});
    assertThatThrownBy(() -> b.event("event", new double[] {12}, new int[] {1}))
        .isInstanceOf(StatsInputException.class).hasMessageContaining("outside its follow-up");
    assertThatThrownBy(() -> b.timeDependent("mrd", List.of("a", "a"), new double[] {5, 5},
        new double[] {0, 1}, 0)).isInstanceOf(StatsInputException.class)
        .hasMessageContaining("two values on day 5");
    assertThatThrownBy(() -> b.timeDependent("x", List.of("z"), new double[] {5},
        new double[] {1}, 0)).isInstanceOf(StatsInputException.class)
        .hasMessageContaining("without a patient row");
    assertThatThrownBy(() -> CountingProcessBuilder.of(List.of("a"), new double[] {3},
        new double[] {3})).isInstanceOf(StatsInputException.class);
  }

  /** The reference's tmerge calls, in the builder's terms. */
  static CountingProcessRows fromPatients(CsvTable pat) {
    List<String> ids = List.of(pat.text("id"));
    double[] futime = pat.numeric("futime");
    double[] status = pat.numeric("status");
    int n = futime.length;
    int[] any = new int[n];
    int[] relapse = new int[n];
    int[] nrm = new int[n];
    for (int i = 0; i < n; i++) {
      any[i] = status[i] != 0 ? 1 : 0;
      relapse[i] = status[i] == 1 ? 1 : 0;
      nrm[i] = status[i] == 2 ? 1 : 0;
    }
    double[] txDay = pat.numeric("tx_day");
    List<String> txId = new ArrayList<>();
    List<Double> txTime = new ArrayList<>();
    List<String> mId = new ArrayList<>();
    List<Double> mDay = new ArrayList<>();
    List<Double> mValue = new ArrayList<>();
    List<Double> mEver = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(txDay[i])) {
        txId.add(ids.get(i));
        txTime.add(txDay[i]);
      }
      double ever = 0;
      for (String[] marrow : new String[][] {{"28", "mrd_d28"}, {"90", "mrd_d90"},
          {"180", "mrd_d180"}}) {
        double v = pat.numeric(marrow[1])[i];
        if (!Double.isNaN(v)) {
          ever = Math.max(ever, v);
          mId.add(ids.get(i));
          mDay.add(Double.parseDouble(marrow[0]));
          mValue.add(v);
          mEver.add(ever);
        }
      }
    }
    return CountingProcessBuilder.of(ids, new double[n], futime)
        .fixed("age", pat.numeric("age"))
        .event("event", futime, any)
        .event("relapse", futime, relapse)
        .event("nrm", futime, nrm)
        .timeDependent("hsct", txId, doubles(txTime), ones(txTime.size()), 0)
        .timeDependent("mrd_pos", mId, doubles(mDay), doubles(mValue), 0)
        .timeDependent("mrd_ever", mId, doubles(mDay), doubles(mEver), 0)
        .build();
  }

  private static double[] doubles(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] ones(int n) {
    double[] v = new double[n];
    java.util.Arrays.fill(v, 1);
    return v;
  }

  private static CsvTable csv(String name) {
    try (InputStream in = CountingProcessBuilderTest.class.getResourceAsStream(RESOURCES + name)) {
      return CsvTable.read(new InputStreamReader(in, StandardCharsets.UTF_8), name);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
