package org.mrdflow.pipeline.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.mrdflow.pipeline.PipelineVersion;
import org.mrdflow.pipeline.privacy.FileNames;
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
   * @param names how outputs name the lab's files and folders
   * @param outcomes outcome rows ({@code Tables.OUTCOME_SCHEMA}), in source path order
   */
  public static void write(FileSystem fs, Path target, RunRequest request, FileNames names, RunResult run, Instant finished,
      String sparkVersion, String keyFingerprint, List<String> tables, List<Row> outcomes)
      throws IOException {
    Map<String, String> strategies = new TreeMap<>();
    for (Row o : outcomes) {
      Row mrd = o.getAs("mrd");
      if (mrd != null) {
        strategies.put(mrd.getAs("gating_strategy_id"), mrd.getAs("gating_strategy_sha256"));
      }
    }
    try (JsonGenerator g = JSON.getFactory().createGenerator((java.io.OutputStream) fs.create(target, true), JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("run_id", run.runId());
      g.writeStringField("run_date", run.runDate().toString());
      g.writeStringField("pipeline_version", PipelineVersion.get());
      g.writeStringField("spark_version", sparkVersion);
      g.writeStringField("java_version", System.getProperty("java.version"));
      // The input root and manifest are paths of the lab's: pseudonyms unless file names are kept.
      g.writeStringField("input", names.argument(request.input()));
      g.writeStringField("manifest", names.argument(request.manifest()));
      g.writeStringField("output", run.output());
      g.writeArrayFieldStart("tables");
      for (String t : tables) {
        g.writeString(t);
      }
      g.writeEndArray();
      g.writeFieldName("config");
      JSON.writeTree(g, request.config().toJson());
      g.writeObjectFieldStart("privacy");
      g.writeStringField("pseudonym_key_fingerprint", keyFingerprint);
      g.writeBooleanField("identifiers_in_clear", request.keepIdentifiersInClear());
      g.writeBooleanField("file_names_in_clear", names.inClearMode());
      g.writeStringField("collection_dates", request.collectionDates().optionValue());
      g.writeEndObject();
      g.writeArrayFieldStart("gating_strategies");
      for (Map.Entry<String, String> s : strategies.entrySet()) {
        g.writeStartObject();
        g.writeStringField("gating_strategy_id", s.getKey());
        g.writeStringField("gating_strategy_sha256", s.getValue());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("timings");
      g.writeStringField("started", run.started().toString());
      g.writeStringField("finished", finished.toString());
      g.writeNumberField("analysis_seconds", run.analysisSeconds());
      g.writeNumberField("total_seconds", (finished.toEpochMilli() - run.started().toEpochMilli()) / 1000.0);
      g.writeEndObject();
      g.writeBooleanField("incremental", request.incremental());
      g.writeNumberField("files_listed", run.filesListed());
      g.writeNumberField("files_analysed", run.files());
      g.writeNumberField("files_skipped", run.filesSkipped());
      g.writeObjectFieldStart("counts");
      g.writeNumberField("files", run.files());
      g.writeNumberField("ok", run.ok());
      g.writeNumberField("failed", run.failed());
      g.writeNumberField("events", run.events());
      g.writeNumberField("ignored_non_fcs_files", run.ignoredFiles());
      g.writeEndObject();
      g.writeArrayFieldStart("inputs");
      for (Row o : outcomes) {
        Row r = o.getAs("sample");
        g.writeStartObject();
        g.writeStringField("source_path", r.getAs("source_path"));
        g.writeNumberField("bytes", (Long) r.getAs("file_bytes"));
        g.writeStringField("sha256", r.getAs("file_sha256"));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }
}
