package org.mrdflow.models.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DiscriminationTest {

  @Test
  void deLongVarianceOfAHandWorkedExample() {
    // Cases 0.9, 0.4; controls 0.5, 0.1. Placements V10 = (1, 0.5), V01 = (0.5, 1): AUC 0.75,
    // S10 = S01 = 0.125, Var = 0.125 / 2 + 0.125 / 2 = 0.125.
    AucEstimate auc = Discrimination.auc(new double[] {0.9, 0.5, 0.4, 0.1}, new int[] {1, 0, 1, 0});
    assertThat(auc.auc()).isEqualTo(0.75);
    assertThat(auc.standardError()).isCloseTo(Math.sqrt(0.125), within(1e-15));
    assertThat(auc.lower()).isCloseTo(0.75 - 1.959963984540054 * Math.sqrt(0.125), within(1e-15));
    assertThat(auc.upper()).isEqualTo(1.0);
  }

  @Test
  void aucOfHanleyAndMcNeilsRatingDataIsThePublished0893() {
    // Hanley & McNeil, Radiology 1982;143:29-36, Table 1: five-point ratings of 58 normal and 51
    // abnormal CT images; the Wilcoxon area is 0.893.
    int[] normal = {33, 6, 6, 11, 2};
    int[] abnormal = {3, 2, 2, 11, 33};
    double[] score = new double[109];
    int[] label = new int[109];
    int i = 0;
    for (int rating = 1; rating <= 5; rating++) {
      for (int k = 0; k < normal[rating - 1]; k++, i++) {
        score[i] = rating;
      }
      for (int k = 0; k < abnormal[rating - 1]; k++, i++) {
        score[i] = rating;
        label[i] = 1;
      }
    }
    assertThat(Discrimination.auc(score, label).auc()).isCloseTo(0.893, within(0.0005));
  }

  @Test
  void aucEqualsTheMannWhitneyStatisticFromMidRanks() {
    SplittableRandom r = new SplittableRandom(42);
    int n = 300;
    double[] score = new double[n];
    int[] label = new int[n];
    for (int i = 0; i < n; i++) {
      label[i] = r.nextInt(3) == 0 ? 1 : 0;
      score[i] = Math.round(10 * r.nextDouble() + 3 * label[i]); // many ties
    }
    // U = R1 - m (m + 1) / 2 with mid-ranks of the pooled sample; AUC = U / (m n).
    Integer[] order = new Integer[n];
    Arrays.setAll(order, k -> k);
    Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
    double[] rank = new double[n];
    for (int start = 0; start < n; ) {
      int end = start;
      while (end + 1 < n && score[order[end + 1]] == score[order[start]]) {
        end++;
      }
      for (int k = start; k <= end; k++) {
        rank[order[k]] = (start + end) / 2.0 + 1;
      }
      start = end + 1;
    }
    double r1 = 0;
    int m = 0;
    for (int k = 0; k < n; k++) {
      if (label[k] == 1) {
        r1 += rank[k];
        m++;
      }
    }
    double u = r1 - m * (m + 1) / 2.0;
    assertThat(Discrimination.auc(score, label).auc()).isCloseTo(u / ((double) m * (n - m)), within(1e-12));
  }

  @Test
  void anOutcomeWithOneClassIsRejected() {
    assertThatThrownBy(() -> Discrimination.auc(new double[] {0.1, 0.2}, new int[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 cases and 0 controls");
  }
}
