package org.mrdflow.pipeline.outcomes;

import java.nio.file.Path;
import org.mrdflow.models.outcomes.OutcomesSettings;

/**
 * What {@code mrdflow outcomes} is asked to do.
 *
 * @param results pipeline output folder with {@code mrd_results} and {@code samples}; null when
 *     simulating
 * @param clinical clinical table (CSV or Parquet); null when simulating
 * @param simulateSeed seed of a simulated seed-002 cohort used instead of the inputs, or null
 * @param output folder for tables, figures, models and the HTML summary
 * @param settings analysis settings
 * @param useReviewed use only signed-off analyses, with their reviewers' overrides (the warehouse's
 *     {@code reviews} table, written by the review workstation); unsigned ones are left out
 */
public record OutcomesRequest(
    Path results, Path clinical, Long simulateSeed, Path output, OutcomesSettings settings, boolean useReviewed) {

  /** A request on the pipeline's calls as they are, reviewed or not. */
  public OutcomesRequest(Path results, Path clinical, Long simulateSeed, Path output, OutcomesSettings settings) {
    this(results, clinical, simulateSeed, output, settings, false);
  }
}
