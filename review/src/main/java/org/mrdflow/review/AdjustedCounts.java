package org.mrdflow.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.mrdflow.gating.gate.GeometricGate;
import org.mrdflow.gating.mrd.MrdResult;
import org.mrdflow.review.warehouse.Analysis;

/**
 * What a gate adjustment re-counts, named as the {@code mrd_results} columns: blasts, nucleated
 * cells, the MRD fraction and call, the CD19+ share of blasts and the hCD19 CAR-T eligibility.
 * An adjust row's old and new value are these with the gate's geometry, as one JSON object:
 * {@code {"geometry": {...}, "blast_events": n, "nucleated_events": n, "mrd_fraction": x,
 * "mrd_status": "...", "cd19_pos_blast_fraction": x|null, "hcd19_car_eligible": b|null}}.
 */
record AdjustedCounts(long blastEvents, long nucleatedEvents, Double mrdFraction, String mrdStatus,
    Double cd19PosBlastFraction, Boolean hcd19CarEligible) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The pipeline's counts of an analysis. */
  static AdjustedCounts of(Analysis a) {
    return new AdjustedCounts(a.blastEvents(), a.nucleatedEvents(), a.mrdFraction(), a.mrdStatus(),
        a.cd19PosBlastFraction(), a.hcd19CarEligible());
  }

  /** The counts of a re-analysis. */
  static AdjustedCounts of(MrdResult r) {
    return new AdjustedCounts(r.blastEvents(), r.nucleatedEvents(), r.mrdFraction(), r.mrdStatus().name(),
        Double.isNaN(r.cd19PosBlastFraction()) ? null : r.cd19PosBlastFraction(), r.hcd19CarEligible());
  }

  /** The counts of an adjust row's value ({@link #auditValue}). */
  static AdjustedCounts ofAuditValue(String value) {
    try {
      JsonNode j = JSON.readTree(value);
      return new AdjustedCounts(j.get("blast_events").asLong(), j.get("nucleated_events").asLong(),
          j.get("mrd_fraction").asDouble(), j.get("mrd_status").asText(),
          j.get("cd19_pos_blast_fraction").isNull() ? null : j.get("cd19_pos_blast_fraction").asDouble(),
          j.get("hcd19_car_eligible").isNull() ? null : j.get("hcd19_car_eligible").asBoolean());
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("adjust row value is not the adjust JSON: " + Text.shorten(value), e);
    }
  }

  /** This re-count with the geometry that gave it, as an adjust row's old or new value. */
  String auditValue(GeometricGate geometry) {
    ObjectNode j = JSON.createObjectNode();
    j.set("geometry", GateGeometry.toJson(geometry));
    j.put("blast_events", blastEvents);
    j.put("nucleated_events", nucleatedEvents);
    j.put("mrd_fraction", mrdFraction);
    j.put("mrd_status", mrdStatus);
    j.put("cd19_pos_blast_fraction", cd19PosBlastFraction);
    j.put("hcd19_car_eligible", hcd19CarEligible);
    return j.toString();
  }

  /** The reviewed field's value in canonical text ({@link ReviewField}); null where the re-count has none. */
  String value(ReviewField field) {
    return switch (field) {
      case MRD_STATUS -> mrdStatus;
      case MRD_FRACTION -> mrdFraction == null ? null : field.canonical(Double.toString(mrdFraction));
      case CD19_POS_BLAST_FRACTION -> cd19PosBlastFraction == null ? null : field.canonical(Double.toString(cd19PosBlastFraction));
      case HCD19_CAR_ELIGIBLE -> hcd19CarEligible == null ? null : hcd19CarEligible.toString();
    };
  }
}
