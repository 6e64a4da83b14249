package org.mrdflow.models.cohort;

import java.util.Objects;

/**
 * Baseline covariates at CAR-T infusion that the seed papers adjust for (domain.md section 5).
 *
 * @param ageYears age at CAR-T infusion
 * @param sex sex
 * @param priorRelapses number of relapses before CAR-T
 * @param priorAlloHsct an allogeneic transplant before CAR-T
 * @param poorRiskCytogenetics BCR-ABL1, KMT2A, TP53, Ph-like, IKZF1, complex karyotype,
 *     hypodiploidy or iAMP21 (paper 002, Table 1 footnote b)
 * @param ldhAboveUln LDH above the upper limit of normal before CAR-T
 * @param plateletsPerNanoliter platelets before CAR-T in 10^9/L; NaN when not measured
 * @param carTSource origin of the CAR-T cells
 */
public record Covariates(
    double ageYears,
    Sex sex,
    int priorRelapses,
    boolean priorAlloHsct,
    boolean poorRiskCytogenetics,
    boolean ldhAboveUln,
    double plateletsPerNanoliter,
    CarTSource carTSource) {

  /** Age cut-off of the seed's multivariable model (paper 002, Table 2). */
  public static final double AGE_CUTOFF_YEARS = 40.0;

  /** Platelet cut-off used when no lab-specific LLN is given (domain.md section 5). */
  public static final double LOW_PLATELETS_PER_NANOLITER = 100.0;

  public Covariates {
    Objects.requireNonNull(sex, "sex");
    Objects.requireNonNull(carTSource, "carTSource");
  }

  /** Age at or above 40 years (paper 002, Table 2). */
  public boolean ageAtLeast40() {
    return ageYears >= AGE_CUTOFF_YEARS;
  }

  /** More than one relapse before CAR-T (paper 002, Table 2). */
  public boolean moreThanOnePriorRelapse() {
    return priorRelapses > 1;
  }

  /** Platelets below 100 x 10^9/L; false when not measured. */
  public boolean lowPlatelets() {
    return plateletsPerNanoliter < LOW_PLATELETS_PER_NANOLITER;
  }
}
