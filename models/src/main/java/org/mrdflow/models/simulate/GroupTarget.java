package org.mrdflow.models.simulate;

import org.mrdflow.models.cohort.PreTransplantGroup;

/**
 * What the simulator aims at for one pre-transplant group.
 *
 * @param group the group
 * @param patients patients of this group in the reference cohort (its share of the cohort)
 * @param leukemiaFree2y 2-year leukemia-free survival from CAR-T infusion
 * @param relapse2y 2-year cumulative incidence of relapse from CAR-T infusion; the remaining events
 *     ({@code 1 - leukemiaFree2y - relapse2y}) are deaths without relapse
 * @param postRelapseMedianDays median survival after relapse (shapes OS; not a published target)
 */
public record GroupTarget(
    PreTransplantGroup group,
    int patients,
    double leukemiaFree2y,
    double relapse2y,
    double postRelapseMedianDays) {

  public GroupTarget {
    if (!(leukemiaFree2y > 0 && leukemiaFree2y < 1 && relapse2y >= 0 && relapse2y <= 1 - leukemiaFree2y + 1e-12)) {
      throw new IllegalArgumentException(
          group + ": need 0 < LFS < 1 and 0 <= CIR <= 1 - LFS, got LFS " + leukemiaFree2y + ", CIR " + relapse2y);
    }
  }

  /** Fraction of 2-year events that are relapses (cause-specific hazards kept proportional). */
  double relapseShareOfEvents() {
    return Math.min(1, relapse2y / (1 - leukemiaFree2y));
  }
}
