package org.mrdflow.review.warehouse;

/**
 * An analysis on a patient's timeline, with the specimen type the manifest gave it.
 *
 * @param specimen the manifest's {@code specimen_type} (or {@code specimen}) column as the run
 *     kept it in {@code samples.manifest_extra}; null when absent (counted as marrow)
 */
public record PatientSample(Analysis analysis, String specimen) {}
