package org.mrdflow.pipeline.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mrdflow.gating.mrd.MrdResult;
import org.mrdflow.gating.mrd.MrdStatus;
import org.mrdflow.gating.mrd.MrdStatusReason;
import org.mrdflow.gating.mrd.PopulationSummary;
import org.mrdflow.pipeline.job.ErrorCode;
import org.mrdflow.pipeline.job.AnalysedSample;
import org.mrdflow.pipeline.job.SampleAnalyzer;
import org.mrdflow.pipeline.job.SampleEvents;
import org.mrdflow.pipeline.job.SampleFailure;

/**
 * Test double of the per-sample analysis over {@link FakeFcs} files: the counts are written in
 * the file, "fail=CODE" makes it fail with that code, "sleep_ms=N" makes it slow, keywords are
 * the lines starting with '$'. A file "plot=yes" yields one plot; "oom=yes" throws an
 * OutOfMemoryError, as a file too large for the task's heap would.
 */
public final class FakeAnalyzer implements SampleAnalyzer {
  private static final long serialVersionUID = 1L;
  /** The strategy hash every result of the double carries. */
  public static final String STRATEGY_SHA256 = "0".repeat(64);

  @Override
  public AnalysedSample analyze(byte[] bytes, String sourceName, String plotLabel, boolean withEvents)
      throws SampleFailure {
    Map<String, String> f = FakeFcs.parse(bytes);
    if (f.containsKey("fail")) {
      throw new SampleFailure(ErrorCode.valueOf(f.get("fail")), sourceName + ": injected " + f.get("fail"));
    }
    if (f.containsKey("oom")) {
      throw new OutOfMemoryError("Java heap space (injected)");
    }
    if (f.containsKey("sleep_ms")) {
      try {
        Thread.sleep(Long.parseLong(f.get("sleep_ms")));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Map<String, String> keywords = new HashMap<>();
    f.forEach((k, v) -> {
      if (k.startsWith("$")) {
        keywords.put(k, v);
      }
    });
    Map<String, byte[]> plots = f.containsKey("plot")
        ? Map.of("blasts.svg", ("<svg xmlns='http://www.w3.org/2000/svg'><title>" + plotLabel + "</title></svg>")
            .getBytes(StandardCharsets.UTF_8))
        : Map.of();
    return new AnalysedSample("3.1", keywords, events(f), result(f), plots, List.of(),
        withEvents ? events(f, bytes) : null);
  }

  /** The result the double computes for a file's fields: what the tables must contain. */
  public static MrdResult result(Map<String, String> f) {
    long events = events(f);
    long nucleated = events * 9 / 10;
    long blasts = Long.parseLong(f.getOrDefault("blasts", "0"));
    double fraction = (double) blasts / nucleated;
    MrdStatus status = blasts >= 20 && 10000 * blasts >= nucleated ? MrdStatus.POSITIVE
        : blasts == 0 && nucleated >= 200_000 ? MrdStatus.NEGATIVE : MrdStatus.INDETERMINATE;
    MrdStatusReason reason = switch (status) {
      case POSITIVE -> MrdStatusReason.POSITIVE_ABOVE_THRESHOLD;
      case NEGATIVE -> MrdStatusReason.NOT_DETECTED;
      case INDETERMINATE -> blasts == 0 ? MrdStatusReason.INSUFFICIENT_SENSITIVITY
          : MrdStatusReason.DETECTED_BELOW_LOD;
    };
    List<PopulationSummary> pops = new ArrayList<>();
    pops.add(new PopulationSummary("/nucleated", null, nucleated, 0.9, 1.0, Map.of("CD45", 2.5)));
    pops.add(new PopulationSummary("/nucleated/blasts", "/nucleated", blasts, fraction, fraction,
        blasts == 0 ? Map.of() : Map.of("CD19", 3.0, "CD45", 1.5)));
    return new MrdResult(nucleated, blasts, fraction, status, reason, 20.0 / nucleated, 20, 50,
        blasts, blasts == 0 ? Double.NaN : 1.0, blasts == 0 ? null : Boolean.TRUE,
        nucleated / 10, 0, 0.0, Boolean.TRUE, 0, false, blasts > 0 ? List.of("FAKE_FLAG") : List.of(),
        "fake-strategy", STRATEGY_SHA256, pops, List.of("cd34-progenitors", "t-nk-lymphocytes"),
        0.0, 0.0, 0.01, 0.6, 0.0, null, "file");
  }

  private static SampleEvents events(Map<String, String> f, byte[] bytes) {
    int n = (int) events(f);
    float[][] values = new float[2][n];
    String[] labels = new String[n];
    for (int e = 0; e < n; e++) {
      values[0][e] = e;
      values[1][e] = e * 0.5f;
      labels[e] = e < Long.parseLong(f.getOrDefault("blasts", "0")) ? "/nucleated/blasts" : "/nucleated";
    }
    return new SampleEvents(List.of("cd19", "cd45"), values, labels);
  }

  @Override
  public String gatingStrategySha256() {
    return STRATEGY_SHA256;
  }

  @Override
  public List<String> eventMarkerColumns() {
    return List.of("cd19", "cd45");
  }

  private static long events(Map<String, String> f) {
    return Long.parseLong(f.getOrDefault("events", "1000"));
  }
}
