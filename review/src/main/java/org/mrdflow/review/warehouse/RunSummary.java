package org.mrdflow.review.warehouse;

/** One run of the warehouse with its counts (files by status, analyses by MRD call). */
public record RunSummary(
    String runId, String runDate, long files, long ok, long failed, long positive, long negative, long indeterminate) {}
