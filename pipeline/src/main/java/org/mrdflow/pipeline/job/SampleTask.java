package org.mrdflow.pipeline.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.mrdflow.pipeline.input.FcsMagic;
import org.mrdflow.pipeline.input.InputFile;
import org.mrdflow.pipeline.privacy.KeywordAllowList;
import org.mrdflow.pipeline.schema.OutcomeRows;
import org.mrdflow.pipeline.schema.OutcomeRows.FcsFacts;
import org.mrdflow.pipeline.schema.OutcomeRows.FileFacts;

/**
 * The work of one file, in plain Java (no Spark calls): read the bytes through Hadoop FileSystem,
 * check the FCS magic, run the per-sample analysis, write its plots, and turn the result, or the
 * failure, into an outcome row. Never throws for a bad file: every failure becomes a FAILED row.
 */
public final class SampleTask implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String STATUS_OK = "OK";
  public static final String STATUS_FAILED = "FAILED";

  private final SampleAnalyzer analyzer;
  private final KeywordAllowList allowList;
  private final long maxFileBytes;
  private final String pipelineVersion;
  /** Folder for plots (run folder staging); plots go to plots/<sample_id>/ under it. Null: none. */
  private final String runFolder;

  public SampleTask(
      SampleAnalyzer analyzer,
      KeywordAllowList allowList,
      long maxFileBytes,
      String pipelineVersion,
      String runFolder) {
    this.analyzer = analyzer;
    this.allowList = allowList;
    this.maxFileBytes = maxFileBytes;
    this.pipelineVersion = pipelineVersion;
    this.runFolder = runFolder;
  }

  /** What one file yields: its outcome row and how many events were analysed. */
  public record Result(Row outcome, long events) {}

  public Result run(PlannedSample planned, Configuration hadoopConf) {
    InputFile file = planned.file();
    String sampleId = sampleId(file.relativePath());
    byte[] bytes;
    try {
      bytes = read(file, hadoopConf);
    } catch (SampleFailure f) {
      FileFacts facts = new FileFacts(sampleId, file.path(), file.fileName(), file.bytes(), null);
      return failed(planned, facts, null, f);
    }
    FileFacts facts = new FileFacts(sampleId, file.path(), file.fileName(), bytes.length, sha256Hex(bytes));
    String version = headerVersion(bytes);
    if (version == null) {
      return failed(planned, facts, null, new SampleFailure(ErrorCode.NOT_FCS,
          file.path() + ": not an FCS file (does not start with 'FCS' and a version)"));
    }
    AnalysedSample analysis;
    try {
      analysis = analyzer.analyze(bytes, file.path());
    } catch (SampleFailure f) {
      return failed(planned, facts, version, f);
    } catch (RuntimeException | StackOverflowError e) {
      return failed(planned, facts, version, new SampleFailure(ErrorCode.INTERNAL_ERROR,
          file.path() + ": unexpected " + e.getClass().getName() + ": " + e.getMessage(), e));
    }
    List<String> plotPaths;
    try {
      plotPaths = writePlots(sampleId, analysis.plots(), hadoopConf);
    } catch (IOException e) {
      return failed(planned, facts, version, new SampleFailure(ErrorCode.INTERNAL_ERROR,
          file.path() + ": cannot write gating plots: " + e.getMessage(), e));
    }
    Map<String, String> keywords = analysis.keywords();
    FcsFacts fcs = new FcsFacts(analysis.fcsVersion(), allowList.valueOf(keywords, "$CYT"),
        analysis.totalEvents(), allowList.filter(keywords));
    String patientKey = planned.manifest() == null ? null : planned.manifest().patientKey();
    Row sample = OutcomeRows.sample(facts, fcs, planned.manifest(), planned.manifestMatched(),
        STATUS_OK, null, null, plotPaths, pipelineVersion);
    Row mrd = OutcomeRows.mrd(sampleId, patientKey, analysis.result(), pipelineVersion);
    List<Row> populations = OutcomeRows.populations(sampleId, analysis.result().populations());
    return new Result(OutcomeRows.outcome(sample, mrd, populations), analysis.totalEvents());
  }

  private Result failed(PlannedSample planned, FileFacts facts, String version, SampleFailure f) {
    SampleFailure.ParsedFcs parsed = f.parsed();
    FcsFacts fcs = parsed == null ? new FcsFacts(version, null, null, null)
        : new FcsFacts(parsed.fcsVersion(), allowList.valueOf(parsed.keywords(), "$CYT"), parsed.totalEvents(),
            allowList.filter(parsed.keywords()));
    Row sample = OutcomeRows.sample(facts, fcs, planned.manifest(), planned.manifestMatched(),
        STATUS_FAILED, f.code().name(), f.getMessage(), List.of(), pipelineVersion);
    return new Result(OutcomeRows.outcome(sample, null, List.of()), 0);
  }

  /**
   * Per-event values of one file for the events table; empty when the file fails (its failure
   * is reported by {@link #run}).
   */
  public Optional<SampleEvents> events(PlannedSample planned, Configuration hadoopConf) {
    InputFile file = planned.file();
    try {
      byte[] bytes = read(file, hadoopConf);
      if (headerVersion(bytes) == null) {
        return Optional.empty();
      }
      return Optional.of(analyzer.analyzeEvents(bytes, file.path()));
    } catch (SampleFailure | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Reads a whole file; size-checked first so a huge file fails cleanly instead of OOM. */
  byte[] read(InputFile file, Configuration hadoopConf) throws SampleFailure {
    if (file.bytes() > maxFileBytes) {
      throw new SampleFailure(ErrorCode.TOO_LARGE, file.path() + ": " + file.bytes()
          + " bytes exceeds job.max_file_bytes = " + maxFileBytes);
    }
    Path path = new Path(file.path());
    try (InputStream in = path.getFileSystem(hadoopConf).open(path)) {
      byte[] bytes = in.readNBytes((int) file.bytes() + 1);
      if (bytes.length != file.bytes()) {
        throw new SampleFailure(ErrorCode.READ_ERROR, file.path() + ": file changed while reading ("
            + file.bytes() + " bytes listed, " + bytes.length + " read)");
      }
      return bytes;
    } catch (IOException e) {
      throw new SampleFailure(ErrorCode.READ_ERROR, file.path() + ": cannot read: " + e.getMessage(), e);
    }
  }

  private List<String> writePlots(String sampleId, Map<String, byte[]> plots, Configuration conf)
      throws IOException {
    if (runFolder == null || plots.isEmpty()) {
      return List.of();
    }
    List<String> paths = new ArrayList<>();
    for (Map.Entry<String, byte[]> plot : new TreeMap<>(plots).entrySet()) {
      String relative = "plots/" + sampleId + "/" + plot.getKey();
      Path target = new Path(runFolder, relative);
      FileSystem fs = target.getFileSystem(conf);
      try (OutputStream out = fs.create(target, true)) {
        out.write(plot.getValue());
      }
      paths.add(relative);
    }
    return paths;
  }

  private static String headerVersion(byte[] bytes) {
    return FcsMagic.version(Arrays.copyOf(bytes, Math.min(bytes.length, FcsMagic.PREFIX_BYTES)));
  }

  /** Stable sample identifier: SHA-256 of the relative path, first 16 bytes in hex. */
  public static String sampleId(String relativePath) {
    byte[] digest = sha256(relativePath.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 16);
  }

  static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
