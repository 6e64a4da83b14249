package org.mrdflow.pipeline.outcomes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mrdflow.models.cohort.MrdMeasurement;
import org.mrdflow.models.cohort.MrdStatus;

/**
 * A signed-off review of one analysis, read from the warehouse's {@code reviews} table (written by
 * the review workstation: review/README.md, "The reviews table"). An analysis is signed off
 * when the last row of its trail (by {@code sequence}) is a {@code sign}: a later override voids
 * a sign-off. Its values are the pipeline's, replaced by the latest override of each field.
 *
 * @param overrides mrd_results column -> the reviewer's value, as text
 */
record ReviewedCall(Map<String, String> overrides) {

  static String key(String runId, String sampleId) {
    return runId + "/" + sampleId;
  }

  /** The signed-off analyses of a warehouse, by {@link #key}. */
  static Map<String, ReviewedCall> read(SparkSession spark, Path results) {
    Path dir = results.resolve("reviews");
    if (!Files.isDirectory(dir)) {
      throw new OutcomesInputException(results + ": no 'reviews' table: --use-reviewed needs signed-off reviews"
          + " (the review workstation writes it at each sign-off; `mrdflow review export` rewrites it)");
    }
    List<Row> rows;
    try {
      rows = new ArrayList<>(spark.read().parquet(dir.toString())
          .select("run_id", "sample_id", "sequence", "action", "field", "new_value").collectAsList());
    } catch (RuntimeException e) {
      throw new OutcomesInputException(dir + ": cannot be read as the reviews table: " + OutcomesInputs.firstLine(e), e);
    }
    rows.sort(Comparator.comparingLong(r -> r.<Long>getAs("sequence")));
    Map<String, String> lastAction = new HashMap<>();
    Map<String, Map<String, String>> overrides = new HashMap<>();
    for (Row r : rows) {
      String key = key(r.getAs("run_id"), r.getAs("sample_id"));
      String action = r.getAs("action");
      lastAction.put(key, action);
      if (action.equals("override")) {
        overrides.computeIfAbsent(key, k -> new HashMap<>()).put(r.getAs("field"), r.getAs("new_value"));
      }
    }
    Map<String, ReviewedCall> signed = new HashMap<>();
    lastAction.forEach((key, action) -> {
      if (action.equals("sign")) {
        signed.put(key, new ReviewedCall(overrides.getOrDefault(key, Map.of())));
      }
    });
    return signed;
  }

  /**
   * The measurement with the reviewer's call, MRD fraction, CD19+ share and hCD19 CAR
   * eligibility where they overrode them.
   */
  MrdMeasurement applyTo(MrdMeasurement m) {
    String status = overrides.get("mrd_status");
    String fraction = overrides.get("mrd_fraction");
    String cd19 = overrides.get("cd19_pos_blast_fraction");
    String eligible = overrides.get("hcd19_car_eligible");
    return new MrdMeasurement(m.patientKey(), m.sampleId(), m.collectionDate(), m.timepoint(), m.specimen(),
        fraction == null ? m.mrdFraction() : Double.parseDouble(fraction),
        status == null ? m.status() : MrdStatus.parse(status), m.nucleatedEvents(), m.blastEvents(),
        cd19 == null ? m.cd19PositiveBlastFraction() : Double.parseDouble(cd19), m.bCellAplasia(),
        m.runId(), m.bCellFractionOfLymphocytes(),
        eligible == null ? m.hcd19CarEligible() : Boolean.valueOf(eligible));
  }
}
