package org.mrdflow.review.warehouse;

/**
 * What one analysis was made from.
 *
 * @param fileSha256 SHA-256 (hex) of the FCS file's bytes ({@code samples.file_sha256})
 * @param strategySha256 SHA-256 of the gating strategy the run applied
 *     ({@code mrd_results.gating_strategy_sha256}); null for a sample that was not analysed
 */
public record SampleSource(String fileSha256, String strategySha256) {}
