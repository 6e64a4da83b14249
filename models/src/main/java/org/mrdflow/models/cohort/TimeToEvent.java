package org.mrdflow.models.cohort;

/**
 * A right-censored time.
 *
 * @param days days from the time origin to the event or to censoring
 * @param event true when the event was observed, false when censored
 */
public record TimeToEvent(double days, boolean event) {}
