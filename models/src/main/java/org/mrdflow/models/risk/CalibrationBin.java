package org.mrdflow.models.risk;

/**
 * One group of a binned calibration table.
 *
 * @param bin 1-based group, by increasing predicted probability
 * @param rows rows in the group
 * @param meanPredicted mean predicted probability
 * @param observedRate observed fraction of relapses
 */
public record CalibrationBin(int bin, int rows, double meanPredicted, double observedRate) {}
