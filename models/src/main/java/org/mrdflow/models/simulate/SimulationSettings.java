package org.mrdflow.models.simulate;

import java.util.List;
import org.mrdflow.models.cohort.PreTransplantGroup;

/**
 * Settings of {@link CohortSimulator}.
 *
 * @param patients cohort size; groups get their share of it by largest remainder
 * @param seed the random seed (the only source of randomness)
 * @param minFollowUpDays shortest follow-up from infusion of a patient without death
 * @param maxFollowUpDays longest follow-up from infusion
 * @param targets per-group targets
 * @param plannedTransplants false: transplanted patients are event-free until their HSCT by
 *     construction (the seed paper's groups as observed); true: the transplant is planned and
 *     happens only if the patient is still alive and leukemia-free on that day, facing the
 *     untransplanted group's hazard until then, so the data carry the immortal-time structure
 *     that the naive "ever transplanted" comparison mistakes for a transplant benefit
 */
public record SimulationSettings(
    int patients, long seed, int minFollowUpDays, int maxFollowUpDays, List<GroupTarget> targets,
    boolean plannedTransplants) {

  /** Transplanted patients event-free until HSCT by construction (the seed paper's groups). */
  public SimulationSettings(
      int patients, long seed, int minFollowUpDays, int maxFollowUpDays, List<GroupTarget> targets) {
    this(patients, seed, minFollowUpDays, maxFollowUpDays, targets, false);
  }

  /**
   * Paper 002, Table 3 and Results: 67 non-transplanted, 15 MRD-positive and 40 MRD-negative before
   * HSCT; 2-year LFS 32.8%, 27.6%, 76.1%; 2-year CIR 67.2%, 65.8%, 17.3%.
   */
  public static final List<GroupTarget> SEED_002_TARGETS =
      List.of(
          new GroupTarget(PreTransplantGroup.NO_TRANSPLANT, 67, 0.328, 0.672, 90),
          new GroupTarget(PreTransplantGroup.MRD_POSITIVE, 15, 0.276, 0.658, 300),
          new GroupTarget(PreTransplantGroup.MRD_NEGATIVE, 40, 0.761, 0.173, 200));

  public SimulationSettings {
    if (patients < 1) {
      throw new IllegalArgumentException("patients must be >= 1, got " + patients);
    }
    if (minFollowUpDays < 1 || maxFollowUpDays < minFollowUpDays) {
      throw new IllegalArgumentException(
          "need 1 <= minFollowUpDays <= maxFollowUpDays, got " + minFollowUpDays + ", " + maxFollowUpDays);
    }
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("at least one group target is needed");
    }
  }

  /**
   * The seed-002 cohort: 122 patients followed 100 to 1403 days (the published follow-up range).
   */
  public static SimulationSettings seed002(long seed) {
    return new SimulationSettings(122, seed, 100, 1403, SEED_002_TARGETS);
  }

  /** The same settings with planned transplants (see {@code plannedTransplants}). */
  public SimulationSettings withPlannedTransplants() {
    return new SimulationSettings(patients, seed, minFollowUpDays, maxFollowUpDays, targets, true);
  }
}
