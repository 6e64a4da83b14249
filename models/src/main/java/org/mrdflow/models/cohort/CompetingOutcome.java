package org.mrdflow.models.cohort;

/**
 * Relapse with non-relapse mortality as the competing event (CIR/NRM, domain.md section 5), coded
 * as cmprsk's {@code fstatus}: 0 censored, 1 relapse, 2 death without relapse.
 *
 * @param days days from the time origin to the first event or to censoring
 * @param cause {@link #CENSORED}, {@link #RELAPSE} or {@link #NON_RELAPSE_DEATH}
 */
public record CompetingOutcome(double days, int cause) {
  public static final int CENSORED = 0;
  public static final int RELAPSE = 1;
  public static final int NON_RELAPSE_DEATH = 2;
}
