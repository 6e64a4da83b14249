package org.mrdflow.models.cohort;

/**
 * How the cohort is derived.
 *
 * @param preTransplantWindowDays the pre-transplant MRD status is the call of the last marrow
 *     collected at most this many days before (or on) the transplant date. Paper 002 asked for a
 *     report within 1 week before HSCT; many centres take the pre-conditioning marrow 2 to 4 weeks
 *     before, hence the default of 30 days [conv].
 */
public record CohortSettings(int preTransplantWindowDays) {

  public static final int DEFAULT_PRE_TRANSPLANT_WINDOW_DAYS = 30;

  public CohortSettings {
    if (preTransplantWindowDays < 0) {
      throw new IllegalArgumentException(
          "preTransplantWindowDays must be >= 0, got " + preTransplantWindowDays);
    }
  }

  public static CohortSettings defaults() {
    return new CohortSettings(DEFAULT_PRE_TRANSPLANT_WINDOW_DAYS);
  }
}
