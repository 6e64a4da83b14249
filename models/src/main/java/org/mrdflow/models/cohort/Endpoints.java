package org.mrdflow.models.cohort;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The outcome endpoints of one patient measured from one time origin (domain.md section 5, paper
 * 002 Methods):
 *
 * <ul>
 *   <li>LFS: relapse or death, whichever comes first; MRD positivity alone is not a relapse;
 *   <li>OS: death from any cause;
 *   <li>CIR with NRM competing: the first of relapse (cause 1) or death without relapse (cause 2).
 * </ul>
 *
 * All three are censored at the last follow-up when nothing happened.
 *
 * @param leukemiaFree LFS
 * @param overall OS
 * @param relapseOrNonRelapseDeath CIR/NRM
 */
public record Endpoints(
    TimeToEvent leukemiaFree, TimeToEvent overall, CompetingOutcome relapseOrNonRelapseDeath) {

  /** Days per month for reporting in months (365.25 / 12). */
  public static final double DAYS_PER_MONTH = 365.25 / 12.0;

  /**
   * Derives the endpoints of a consistent clinical row (see {@link CohortBuilder}) from {@code
   * origin}; the caller makes sure the patient is event-free and followed at the origin.
   */
  static Endpoints of(ClinicalRecord c, LocalDate origin) {
    LocalDate relapse = c.relapseDate();
    LocalDate death = c.deathDate();
    LocalDate last = c.lastFollowUpDate();

    TimeToEvent overall =
        death != null ? new TimeToEvent(days(origin, death), true) : new TimeToEvent(days(origin, last), false);

    CompetingOutcome competing;
    TimeToEvent leukemiaFree;
    if (relapse != null) {
      // Relapse is never after death (checked), so it is the first event.
      competing = new CompetingOutcome(days(origin, relapse), CompetingOutcome.RELAPSE);
      leukemiaFree = new TimeToEvent(days(origin, relapse), true);
    } else if (death != null) {
      competing = new CompetingOutcome(days(origin, death), CompetingOutcome.NON_RELAPSE_DEATH);
      leukemiaFree = new TimeToEvent(days(origin, death), true);
    } else {
      competing = new CompetingOutcome(days(origin, last), CompetingOutcome.CENSORED);
      leukemiaFree = new TimeToEvent(days(origin, last), false);
    }
    return new Endpoints(leukemiaFree, overall, competing);
  }

  private static double days(LocalDate from, LocalDate to) {
    return ChronoUnit.DAYS.between(from, to);
  }
}
