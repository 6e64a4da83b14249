package org.mrdflow.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionPlanTest {

  @Test
  void largestFirstGivesEachFileToTheLightestBin() {
    // By hand, largest first to the lightest bin: 7->A, 5->B, 4->B (9), 3->A (10), 2->B (11),
    // 2->A (12). Loads 12 and 11; no split of total 23 does better than 12.
    long[] sizes = {2, 7, 3, 5, 2, 4};
    List<List<Integer>> bins = PartitionPlan.balance(sizes, 2);
    assertThat(bins).containsExactly(List.of(1, 2, 4), List.of(3, 5, 0));
  }

  @Test
  void thereAreNeverMoreBinsThanFilesAndEveryFileIsPlacedOnce() {
    long[] sizes = {10, 20, 30};
    List<List<Integer>> bins = PartitionPlan.balance(sizes, 8);
    assertThat(bins).hasSize(3);
    assertThat(bins.stream().flatMap(List::stream)).containsExactlyInAnyOrder(0, 1, 2);
  }
}
