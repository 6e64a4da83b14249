package org.mrdflow.pipeline.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.mrdflow.pipeline.input.FcsMagic;
import org.mrdflow.pipeline.input.InputFile;
import org.mrdflow.gating.mrd.MrdPlots;
import org.mrdflow.pipeline.privacy.KeywordAllowList;
import org.mrdflow.pipeline.report.ReportRows;
import org.mrdflow.gating.report.SamplePdf;
import org.mrdflow.gating.report.SampleReport;
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

  /**
   * Memory one file needs while it is analysed, as a multiple of its size: the bytes, the decoded
   * channels, the compensated and transformed copies, masks and labels, and the plot image. A
   * 1M-event, 12-channel float file (48 MB) peaks at about 3x its size; 4x leaves headroom.
   */
  static final int MEMORY_PER_FILE_BYTE = 4;

  private final SampleAnalyzer analyzer;
  private final KeywordAllowList allowList;
  private final long maxFileBytes;
  private final String pipelineVersion;
  /**
   * Folder for plots and per-sample reports (run folder staging): plots/<sample_id>/<plot> and
   * plots/<sample_id>/report.pdf under it. Null: none.
   */
  private final String runFolder;
  /** The run id the per-sample reports name; null when not known. */
  private final String runId;
  /** Tasks that run at once in one JVM: they share its heap. */
  private final int tasksPerJvm;
  /** SHA-256 of contents already analysed in the warehouse (incremental runs): skipped. */
  private final Set<String> alreadyAnalysed;

  public SampleTask(
      SampleAnalyzer analyzer,
      KeywordAllowList allowList,
      long maxFileBytes,
      String pipelineVersion,
      String runFolder,
      int tasksPerJvm) {
    this(analyzer, allowList, maxFileBytes, pipelineVersion, runFolder, tasksPerJvm, Set.of(), null);
  }

  /**
   * @param alreadyAnalysed SHA-256 (hex) of file contents to skip: an incremental run's contents
   *     analysed OK before with this strategy and pipeline version
   * @param runId the run's id, printed on each sample's report (null: not known)
   */
  public SampleTask(
      SampleAnalyzer analyzer,
      KeywordAllowList allowList,
      long maxFileBytes,
      String pipelineVersion,
      String runFolder,
      int tasksPerJvm,
      Set<String> alreadyAnalysed,
      String runId) {
    this.analyzer = analyzer;
    this.runId = runId;
    this.allowList = allowList;
    this.maxFileBytes = maxFileBytes;
    this.pipelineVersion = pipelineVersion;
    this.runFolder = runFolder;
    this.tasksPerJvm = Math.max(1, tasksPerJvm);
    this.alreadyAnalysed = new HashSet<>(alreadyAnalysed);
  }

  /**
   * What one file yields: its outcome row, how many events were analysed and, when asked for,
   * its per-event values (null otherwise, and for a FAILED file). No outcome when the file was
   * skipped (incremental run, content already analysed).
   */
  public record Result(Row outcome, long events, SampleEvents sampleEvents) {
    static final Result SKIPPED = new Result(null, 0, null);

    public boolean skipped() {
      return outcome == null;
    }

    /** The content-based sample id of the outcome; null when skipped or never read. */
    public String sampleId() {
      return outcome == null ? null : outcome.getStruct(0).getAs("sample_id");
    }
  }

  public Result run(PlannedSample planned, Configuration hadoopConf) {
    return run(planned, hadoopConf, false);
  }

  /**
   * Analyses one file. An OutOfMemoryError is caught here, at the file boundary: the file's
   * buffers are dropped and it becomes a FAILED {@code TOO_LARGE} row, instead of a task that
   * Spark retries until the whole batch aborts.
   */
  public Result run(PlannedSample planned, Configuration hadoopConf, boolean withEvents) {
    InputFile file = planned.file();
    try {
      return analyse(planned, hadoopConf, withEvents);
    } catch (OutOfMemoryError e) {
      // Everything the attempt allocated is unreachable once analyse() has unwound.
      return failed(planned, facts(planned, file.bytes(), null), null, new SampleFailure(ErrorCode.TOO_LARGE,
          planned.sourcePath() + ": " + file.bytes() + " bytes do not fit in this task's memory ("
          + heapPerTaskBytes() / (1024 * 1024) + " MB of heap per task); give executors more memory or fewer cores"));
    }
  }

  private Result analyse(PlannedSample planned, Configuration hadoopConf, boolean withEvents) {
    InputFile file = planned.file();
    String shown = planned.sourcePath();
    String tooLarge = sizeProblem(planned);
    if (tooLarge != null) {
      String sha256;
      try {
        sha256 = streamSha256(planned, hadoopConf);
      } catch (SampleFailure f) {
        return failed(planned, facts(planned, file.bytes(), null), null, f);
      }
      return failed(planned, facts(planned, file.bytes(), sha256), null,
          new SampleFailure(ErrorCode.TOO_LARGE, tooLarge));
    }
    byte[] bytes;
    try {
      bytes = read(planned, hadoopConf);
    } catch (SampleFailure f) {
      return failed(planned, facts(planned, file.bytes(), null), null, f);
    }
    String sha256 = SampleIdentity.sha256Hex(bytes);
    if (alreadyAnalysed.contains(sha256)) {
      return Result.SKIPPED;
    }
    FileFacts facts = facts(planned, bytes.length, sha256);
    String sampleId = facts.sampleId();
    String version = headerVersion(bytes);
    if (version == null) {
      return failed(planned, facts, null, new SampleFailure(ErrorCode.NOT_FCS,
          shown + ": not an FCS file (does not start with 'FCS' and a version)"));
    }
    AnalysedSample analysis;
    try {
      analysis = analyzer.analyze(bytes, shown, plotLabel(planned, sampleId), withEvents);
    } catch (SampleFailure f) {
      return failed(planned, facts, version, f);
    } catch (RuntimeException | StackOverflowError e) {
      return failed(planned, facts, version, new SampleFailure(ErrorCode.INTERNAL_ERROR,
          shown + ": unexpected " + describe(e), e));
    }
    List<String> qcFlags = new ArrayList<>(analysis.qcFlags());
    List<String> plotPaths = List.of();
    try {
      plotPaths = writePlots(sampleId, analysis.plots(), hadoopConf);
    } catch (IOException e) {
      // Plots are best-effort: the counts stand, the missing plot is flagged.
      if (!qcFlags.contains(AnalysedSample.PLOT_FAILED)) {
        qcFlags.add(AnalysedSample.PLOT_FAILED);
      }
    }
    Map<String, String> keywords = analysis.keywords();
    FcsFacts fcs = new FcsFacts(analysis.fcsVersion(), allowList.valueOf(keywords, "$CYT"),
        analysis.totalEvents(), allowList.filter(keywords));
    String patientKey = planned.manifest() == null ? null : planned.manifest().patientKey();
    Row sample = OutcomeRows.sample(facts, fcs, planned.manifest(), planned.manifestMatched(),
        STATUS_OK, null, null, plotPaths, pipelineVersion);
    Row mrd = OutcomeRows.mrd(sampleId, patientKey, analysis.result(), qcFlags, pipelineVersion);
    List<Row> populations = OutcomeRows.populations(sampleId, analysis.result().populations());
    Row outcome = OutcomeRows.outcome(sample, mrd, populations);
    if (!writeReport(outcome, analysis.plots().get(MrdPlots.PNG_NAME), hadoopConf)) {
      qcFlags.add(AnalysedSample.REPORT_FAILED);
      outcome = OutcomeRows.outcome(sample,
          OutcomeRows.mrd(sampleId, patientKey, analysis.result(), qcFlags, pipelineVersion), populations);
    }
    return new Result(outcome, analysis.totalEvents(), analysis.events());
  }

  /**
   * Writes the sample's printable one-page report, unsigned, as plots/<sample_id>/report.pdf;
   * false when it could not be drawn or stored (best-effort, as the plots: the counts stand).
   */
  private boolean writeReport(Row outcome, byte[] plotPng, Configuration conf) {
    if (runFolder == null) {
      return true;
    }
    SampleReport report = ReportRows.sampleReport(outcome, runId, analyzer.rules(), plotPng);
    Path target = new Path(runFolder, "plots/" + report.sampleId() + "/" + SamplePdf.NAME);
    try (OutputStream out = target.getFileSystem(conf).create(target, true)) {
      out.write(SamplePdf.render(report, List.of()));
      return true;
    } catch (IOException | RuntimeException | LinkageError e) {
      return false;
    }
  }

  /**
   * How the gating plot's title names the sample: as {@code samples.file_name} does (the keyed
   * pseudonym, or the clear file name with --keep-file-names), so a printed plot can be matched
   * to its specimen, then the start of its sample_id.
   */
  private static String plotLabel(PlannedSample planned, String sampleId) {
    return planned.fileName() + " (sample " + sampleId.substring(0, 8) + ")";
  }

  /** A file's facts as outputs show them; the sample id only when its content was read. */
  private static FileFacts facts(PlannedSample planned, long bytes, String sha256) {
    String sampleId = sha256 == null ? null : SampleIdentity.of(sha256, SampleIdentity.ANALYSED_DATASET);
    return new FileFacts(sampleId, planned.sourcePath(), planned.fileName(), bytes, sha256);
  }

  /**
   * An unexpected exception as a message: its type and where it was thrown, never its message,
   * which may quote data of the file (a library's parse error can hold a TEXT value).
   */
  static String describe(Throwable e) {
    StackTraceElement[] trace = e.getStackTrace();
    return e.getClass().getName() + (trace.length == 0 ? "" : " at " + trace[0]);
  }

  private Result failed(PlannedSample planned, FileFacts facts, String version, SampleFailure f) {
    SampleFailure.ParsedFcs parsed = f.parsed();
    FcsFacts fcs = parsed == null ? new FcsFacts(version, null, null, null)
        : new FcsFacts(parsed.fcsVersion(), allowList.valueOf(parsed.keywords(), "$CYT"), parsed.totalEvents(),
            allowList.filter(parsed.keywords()));
    Row sample = OutcomeRows.sample(facts, fcs, planned.manifest(), planned.manifestMatched(),
        STATUS_FAILED, f.code().name(), f.getMessage(), List.of(), pipelineVersion);
    return new Result(OutcomeRows.outcome(sample, null, List.of()), 0, null);
  }

  /** This JVM's heap shared by the tasks that run in it at once. */
  private long heapPerTaskBytes() {
    return Runtime.getRuntime().maxMemory() / tasksPerJvm;
  }

  /**
   * Why a file is too large to read and analyse, or null: checked before reading (against
   * {@code job.max_file_bytes} and against the heap a task can count on) so a huge file fails
   * cleanly instead of running out of memory.
   */
  private String sizeProblem(PlannedSample planned) {
    long bytes = planned.file().bytes();
    if (bytes > maxFileBytes) {
      return planned.sourcePath() + ": " + bytes + " bytes exceeds job.max_file_bytes = " + maxFileBytes;
    }
    long heap = heapPerTaskBytes();
    if (bytes > heap / MEMORY_PER_FILE_BYTE) {
      return planned.sourcePath() + ": " + bytes + " bytes need about " + MEMORY_PER_FILE_BYTE
          + "x their size in memory, more than the " + heap / (1024 * 1024) + " MB of heap per task ("
          + tasksPerJvm + " tasks share " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
          + " MB); give executors more memory or fewer cores";
    }
    return null;
  }

  /** Reads a whole file (the caller checked its size with {@link #sizeProblem}). */
  byte[] read(PlannedSample planned, Configuration hadoopConf) throws SampleFailure {
    InputFile file = planned.file();
    Path path = new Path(file.path());
    try (InputStream in = path.getFileSystem(hadoopConf).open(path)) {
      byte[] bytes = in.readNBytes((int) file.bytes() + 1);
      if (bytes.length != file.bytes()) {
        throw new SampleFailure(ErrorCode.READ_ERROR, planned.sourcePath() + ": file changed while reading ("
            + file.bytes() + " bytes listed, " + bytes.length + " read)");
      }
      return bytes;
    } catch (IOException e) {
      throw new SampleFailure(ErrorCode.READ_ERROR, planned.sourcePath() + ": cannot read: " + describe(e), e);
    }
  }

  /** SHA-256 of a file too large to hold, read in blocks: its identity without its analysis. */
  private static String streamSha256(PlannedSample planned, Configuration hadoopConf) throws SampleFailure {
    Path path = new Path(planned.file().path());
    MessageDigest digest = SampleIdentity.sha256();
    byte[] block = new byte[1 << 20];
    try (InputStream in = path.getFileSystem(hadoopConf).open(path)) {
      for (int n = in.read(block); n >= 0; n = in.read(block)) {
        digest.update(block, 0, n);
      }
    } catch (IOException e) {
      throw new SampleFailure(ErrorCode.READ_ERROR, planned.sourcePath() + ": cannot read: " + describe(e), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Stores each plot as {@code plots/<sample_id>/<plot>} (e.g. {@code gating.png}): named for what
   * it is, in a folder of the sample's content id, unique within a run even when two nights reuse
   * a clear file name; the file name is in the figure's title, not in the path.
   */
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

}
