package org.mrdflow.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mrdflow.fcs.FcsDataset;
import org.mrdflow.fcs.FcsException;
import org.mrdflow.fcs.FcsFile;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.events.FcsEvents;
import org.mrdflow.gating.gate.GeometricGate;
import org.mrdflow.gating.mrd.MrdAnalysis;
import org.mrdflow.gating.mrd.MrdPlots;
import org.mrdflow.gating.mrd.MrdResult;
import org.mrdflow.review.store.AuditEntry;
import org.mrdflow.review.warehouse.Analysis;
import org.mrdflow.review.warehouse.SampleSource;
import org.mrdflow.review.warehouse.WarehouseReader;

/**
 * Re-counting a sample with gates moved by reviewers: the {@code adjust} action's machinery.
 * The sample's FCS file is found under {@code --input} by its SHA-256, read as the batch reads
 * it ({@link FcsEvents#SCALE}, data set 0), and analysed by the run's own strategy (found
 * through provenance.json and checked against {@code gating_strategy_sha256}) with every
 * adjustment of its trail in place ({@link MrdAnalysis#analyzeWithEvents(FcsDataset, String,
 * Map)}). The adjustable gates are the ones the plots draw ({@link MrdPlots#drawnGates}).
 */
final class GateAdjustments {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WarehouseReader warehouse;
  /** Null when the server was started without {@code --input}. */
  private final FcsFolder input;
  /** One analysis per strategy (by SHA-256); thread-safe and reusable. */
  private final Map<String, MrdAnalysis> analyses = new ConcurrentHashMap<>();
  /** Drawn gates per analysis and adjustment state (run, sample, last adjust sequence). */
  private final Map<List<Object>, Map<String, GeometricGate>> gates = new ConcurrentHashMap<>();

  GateAdjustments(WarehouseReader warehouse, Path input) {
    this.warehouse = warehouse;
    this.input = input == null ? null : new FcsFolder(input);
  }

  /** A re-count: the moved gate before and after, and the analysis with it in place. */
  record Recount(String gateId, GeometricGate oldGeometry, GeometricGate newGeometry, MrdResult result) {}

  /**
   * The gates a reviewer may move, with their geometry as the trail's adjustments left it, by
   * applied population id in strategy order.
   *
   * @throws ReviewException 409 when the sample cannot be re-analysed here (no --input, no file
   *     with its SHA-256, the run's strategy not readable or changed)
   */
  Map<String, GeometricGate> gates(Analysis a, List<AuditEntry> trail) {
    List<AuditEntry> adjustments = adjustments(trail);
    List<Object> key = List.of(a.runId(), a.sampleId(), adjustments.isEmpty() ? -1L : adjustments.get(adjustments.size() - 1).sequence());
    Map<String, GeometricGate> cached = gates.get(key);
    if (cached != null) {
      return cached;
    }
    // replacements() reads the trail's geometry against the unadjusted gates (key -1)
    Map<String, GeometricGate> current = MrdPlots.drawnGates(analyze(a,
        adjustments.isEmpty() ? Map.of() : replacements(a, adjustments, null, null)).gating());
    gates.put(key, current);
    return current;
  }

  /**
   * Re-counts the sample with {@code gateId} moved to {@code geometry} (and the trail's earlier
   * adjustments kept).
   *
   * @throws ReviewException 400 for an unknown gate or bad geometry, 409 as {@link #gates}
   */
  Recount recount(Analysis a, List<AuditEntry> trail, String gateId, JsonNode geometry) {
    Map<String, GeometricGate> current = gates(a, trail);
    GeometricGate old = current.get(gateId);
    if (old == null) {
      throw new ReviewException(400, "gate must be one of the gates drawn on the plots: " + String.join(", ", current.keySet())
          + "; not '" + Text.shorten(gateId) + "'");
    }
    GeometricGate moved = GateGeometry.parse(gateId, old, geometry);
    if (moved.equals(old)) {
      throw new ReviewException(400, "gate " + gateId + " has this geometry already");
    }
    MrdAnalysis.SampleAnalysis recounted = analyze(a, replacements(a, adjustments(trail), gateId, moved));
    return new Recount(gateId, old, moved, recounted.result());
  }

  private static List<AuditEntry> adjustments(List<AuditEntry> trail) {
    return trail.stream().filter(e -> e.action().equals(ReviewState.ADJUST)).toList();
  }

  /** The latest geometry of every gate adjusted in {@code adjustments}, plus {@code gateId} -> {@code moved}. */
  private Map<String, GeometricGate> replacements(Analysis a, List<AuditEntry> adjustments, String gateId,
      GeometricGate moved) {
    Map<String, GeometricGate> base = gates(a, List.of());
    Map<String, GeometricGate> out = new LinkedHashMap<>();
    for (AuditEntry e : adjustments) {
      GeometricGate original = base.get(e.field());
      if (original == null) {
        throw new ReviewException(409, "cannot re-count: adjusted gate " + e.field() + " (audit #" + e.sequence()
            + ") is not a gate of this sample any more");
      }
      out.put(e.field(), GateGeometry.parse(e.field(), original, geometryOf(e.newValue())));
    }
    if (gateId != null) {
      out.put(gateId, moved);
    }
    return out;
  }

  /** The geometry stored in an adjust row's value ({@link AdjustedCounts#auditValue}). */
  static JsonNode geometryOf(String auditValue) {
    try {
      return JSON.readTree(auditValue).get("geometry");
    } catch (IOException e) {
      throw new IllegalStateException("adjust row value is not JSON: " + Text.shorten(auditValue), e);
    }
  }

  private MrdAnalysis.SampleAnalysis analyze(Analysis a, Map<String, GeometricGate> replacements) {
    if (input == null) {
      throw new ReviewException(409, "adjust unavailable: the server was started without --input (the folder of the run's FCS files)");
    }
    SampleSource source = warehouse.source(a.runId(), a.sampleId())
        .orElseThrow(() -> new ReviewException(404, "no sample " + a.sampleId() + " in run " + a.runId()));
    Path file = input.find(source.fileSha256()).orElseThrow(() -> new ReviewException(409,
        "adjust unavailable: FCS file not found under --input (no file there has this sample's SHA-256)"));
    RunStrategy strategy = RunStrategy.of(warehouse.provenance(a.runId()));
    if (strategy.config() == null) {
      throw new ReviewException(409, "adjust unavailable: " + strategy.source());
    }
    if (!strategy.config().strategySha256().equals(source.strategySha256())) {
      throw new ReviewException(409, "adjust unavailable: " + strategy.source() + " is not the strategy the run applied"
          + " (its SHA-256 differs from gating_strategy_sha256)");
    }
    MrdAnalysis analysis = analyses.computeIfAbsent(source.strategySha256(), sha -> new MrdAnalysis(strategy.config()));
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ReviewException(409, "adjust unavailable: the sample's FCS file cannot be read: " + e.getMessage());
    }
    if (!sha256(bytes).equalsIgnoreCase(source.fileSha256())) {
      throw new ReviewException(409, "adjust unavailable: the sample's FCS file changed while it was read");
    }
    try {
      FcsDataset dataset = FcsFile.read(bytes, a.name(), FcsEvents.SCALE).first().decodeAll();
      return analysis.analyzeWithEvents(dataset, a.name(), replacements);
    } catch (FcsException | GatingException e) {
      throw new ReviewException(409, "cannot re-count: " + e.getMessage());
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return FcsFolder.sha256(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array cannot fail to be read
    }
  }
}
