package org.mrdflow.models.survival;

/**
 * The Kaplan-Meier curve read at a requested time, as R's
 * {@code summary(survfit, times =, extend = TRUE)}.
 *
 * @param time the requested time
 * @param nRisk subjects at risk at {@code time} (follow-up {@code >= time}); 0 past the data
 * @param nEvent events in the interval since the previous requested time (first: since 0)
 * @param nCensor censorings in that interval
 * @param surv survival at {@code time} (right-continuous)
 * @param stdErr standard error of {@code -log S} (Greenwood)
 * @param seSurv standard error of S, {@code surv * stdErr}
 * @param lower lower confidence limit
 * @param upper upper confidence limit
 */
public record SurvivalAtTime(double time, int nRisk, int nEvent, int nCensor, double surv,
    double stdErr, double seSurv, double lower, double upper) {}
