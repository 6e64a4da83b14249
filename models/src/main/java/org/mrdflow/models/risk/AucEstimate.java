package org.mrdflow.models.risk;

/**
 * Area under the ROC curve with its DeLong standard error and a 95% confidence interval.
 *
 * @param auc P(score of a case > score of a control) + 0.5 P(tie)
 * @param standardError DeLong et al. (1988) standard error; NaN with fewer than 2 cases or controls
 * @param lower lower 95% limit, auc - 1.96 SE clipped to [0, 1] (pROC's default "delong" interval)
 * @param upper upper 95% limit
 * @param cases rows with label 1
 * @param controls rows with label 0
 */
public record AucEstimate(
    double auc, double standardError, double lower, double upper, int cases, int controls) {}
