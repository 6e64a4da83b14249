package org.mrdflow.pipeline.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.mrdflow.pipeline.PipelineVersion;
import org.mrdflow.pipeline.run.RunRequest;
import org.mrdflow.pipeline.run.RunResult;

/**
 * {@code runs/<run_id>/provenance.json}: what produced a run's rows, so a result can be traced
 * and reproduced years later. The input checksums are streamed, so its size, not the driver's
 * memory, grows with the number of files. No key material: only a fingerprint of the key.
 */
public final class Provenance {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Provenance() {}

  /**
   * @param inputs rows (source_path, file_bytes, file_sha256)
   * @param strategies distinct rows (gating_strategy_id, gating_strategy_sha256)
   */
  public static void write(FileSystem fs, Path target, RunRequest request, RunResult run, Instant finished,
      String sparkVersion, String keyFingerprint, List<String> tables, Iterator<Row> inputs,
      List<Row> strategies) throws IOException {
    try (JsonGenerator g = JSON.getFactory().createGenerator((java.io.OutputStream) fs.create(target, true), JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("run_id", run.runId());
      g.writeStringField("run_date", run.runDate().toString());
      g.writeStringField("pipeline_version", PipelineVersion.get());
      g.writeStringField("spark_version", sparkVersion);
      g.writeStringField("java_version", System.getProperty("java.version"));
      g.writeStringField("input", request.input());
      g.writeStringField("manifest", request.manifest());
      g.writeStringField("output", run.output());
      g.writeArrayFieldStart("tables");
      for (String t : tables) {
        g.writeString(t);
      }
      g.writeEndArray();
      g.writeFieldName("config");
      JSON.writeTree(g, request.config().toJson());
      g.writeObjectFieldStart("privacy");
      g.writeStringField("pseudonym_key_sha256_prefix", keyFingerprint);
      g.writeBooleanField("identifiers_in_clear", request.keepIdentifiersInClear());
      g.writeEndObject();
      g.writeArrayFieldStart("gating_strategies");
      for (Row s : strategies) {
        g.writeStartObject();
        g.writeStringField("gating_strategy_id", s.getString(0));
        g.writeStringField("gating_strategy_sha256", s.getString(1));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("timings");
      g.writeStringField("started", run.started().toString());
      g.writeStringField("finished", finished.toString());
      g.writeNumberField("analysis_seconds", run.analysisSeconds());
      g.writeNumberField("total_seconds", (finished.toEpochMilli() - run.started().toEpochMilli()) / 1000.0);
      g.writeEndObject();
      g.writeObjectFieldStart("counts");
      g.writeNumberField("files", run.files());
      g.writeNumberField("ok", run.ok());
      g.writeNumberField("failed", run.failed());
      g.writeNumberField("events", run.events());
      g.writeNumberField("ignored_non_fcs_files", run.ignoredFiles());
      g.writeEndObject();
      g.writeArrayFieldStart("inputs");
      while (inputs.hasNext()) {
        Row r = inputs.next();
        g.writeStartObject();
        g.writeStringField("source_path", r.getString(0));
        g.writeNumberField("bytes", r.getLong(1));
        g.writeStringField("sha256", r.isNullAt(2) ? null : r.getString(2));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }
}
