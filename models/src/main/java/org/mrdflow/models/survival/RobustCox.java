package org.mrdflow.models.survival;

import org.mrdflow.models.ChiSquareResult;
import org.mrdflow.models.CoefficientTable;

/**
 * A Cox fit's coefficients with the robust covariance clustered by subject
 * ({@code coxph(... + cluster(id))}): {@code table()} gives the robust SEs, z, p and hazard-ratio
 * limits.
 *
 * @param table coefficients with the robust covariance
 * @param clusters number of clusters (subjects)
 * @param waldTest Wald test with the robust covariance
 * @param scoreTest the robust score test at beta = 0 (R's {@code robscore})
 */
public record RobustCox(CoefficientTable table, int clusters, ChiSquareResult waldTest,
    ChiSquareResult scoreTest) {}
