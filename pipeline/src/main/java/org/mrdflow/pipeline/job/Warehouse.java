package org.mrdflow.pipeline.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The output folder of MRDFlow runs and how a run becomes visible in it.
 *
 * <pre>
 * &lt;output&gt;/samples/run_date=YYYY-MM-DD/run_id=ID/part-*.parquet      (also mrd_results, populations, events)
 * &lt;output&gt;/runs/ID/{provenance.json, report.html, plots/}
 * &lt;output&gt;/_staging/ID@NONCE/                                     (invisible to readers: leading '_')
 * </pre>
 *
 * <p>A run writes everything under its staging folder. To commit, it first writes a journal
 * ({@code _COMMIT}, itself created by rename so it is all or nothing), then moves each table's
 * partition folder into place with one directory rename (atomic on local file systems and HDFS),
 * replacing that run id's earlier partition, and moves the run folder last. A run killed before
 * the journal leaves only staging, which no reader looks at; one killed after it is completed
 * ("rolled forward") by the next run on the same output. Readers never see a half-written table.
 */
public final class Warehouse {
  public static final String STAGING = "_staging";
  public static final String RUNS = "runs";
  private static final String JOURNAL = "_COMMIT";
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  /** Staging folders without a journal older than this are abandoned runs and are removed. */
  private static final long ABANDONED_AFTER_MS = 24L * 3600 * 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileSystem fs;
  private final Path root;

  public Warehouse(FileSystem fs, Path root) {
    this.fs = fs;
    this.root = fs.makeQualified(root);
  }

  public Path root() {
    return root;
  }

  /** Whether {@code runId} is usable as a folder name on every file system. */
  public static boolean isValidRunId(String runId) {
    return RUN_ID.matcher(runId).matches();
  }

  public Path tablePartition(String table, LocalDate runDate, String runId) {
    return new Path(new Path(new Path(root, table), "run_date=" + runDate), "run_id=" + runId);
  }

  public Path runFolder(String runId) {
    return new Path(new Path(root, RUNS), runId);
  }

  /** A run's private staging area. */
  public final class Staging {
    private final Path dir;
    private final String runId;
    private final LocalDate runDate;

    private Staging(Path dir, String runId, LocalDate runDate) {
      this.dir = dir;
      this.runId = runId;
      this.runDate = runDate;
    }

    public Path dir() {
      return dir;
    }

    /** Where the job writes a table's rows for this run. */
    public Path table(String table) {
      return new Path(new Path(new Path(new Path(dir, "tables"), table), "run_date=" + runDate), "run_id=" + runId);
    }

    /** The future runs/ID folder (provenance, report, plots). */
    public Path runFolder() {
      return new Path(dir, "run");
    }
  }

  /**
   * Prepares the output for a run: completes journaled commits left by killed runs, removes
   * earlier unjournaled attempts of the same run id and abandoned staging, and creates staging.
   */
  public Staging begin(String runId, LocalDate runDate) throws IOException {
    if (!isValidRunId(runId)) {
      throw new IllegalArgumentException("run id '" + runId + "' must match " + RUN_ID.pattern());
    }
    recover(runId);
    Path dir = new Path(new Path(root, STAGING), runId + "@" + UUID.randomUUID().toString().substring(0, 8));
    if (!fs.mkdirs(dir)) {
      throw new IOException(dir + ": cannot create staging folder");
    }
    return new Staging(dir, runId, runDate);
  }

  /**
   * Checks, before any work, that runs can be written here: creates the folder if needed and
   * writes and deletes a probe file in the staging area.
   *
   * @throws IOException naming the folder when it cannot be created or written
   */
  public void checkWritable() throws IOException {
    Path probe = new Path(new Path(root, STAGING), ".probe-" + UUID.randomUUID());
    try {
      fs.create(probe, false).close();
      fs.delete(probe, false);
    } catch (IOException e) {
      throw new IOException(root + ": output folder is not writable (" + e.getMessage() + ")", e);
    }
  }

  /** Makes the staged tables and run folder visible, replacing any earlier run with this id. */
  public void commit(Staging staging, List<String> tables) throws IOException {
    Journal journal = new Journal(staging.runId, staging.runDate.toString(), List.copyOf(tables));
    Path tmp = new Path(staging.dir, JOURNAL + ".tmp");
    try (OutputStream out = fs.create(tmp, true)) {
      JSON.writeValue(out, journal);
    }
    if (!fs.rename(tmp, new Path(staging.dir, JOURNAL))) {
      throw new IOException(staging.dir + ": cannot write commit journal");
    }
    apply(staging.dir, journal);
  }

  /** Drops a run's staging (the run failed before commit). */
  public void abort(Staging staging) throws IOException {
    fs.delete(staging.dir, true);
  }

  /**
   * A private folder for a table derived from the whole warehouse (one not partitioned by run,
   * such as {@code patient_timeline}), to be moved into place by {@link #replaceDerived}. Its name
   * starts with '_', which no run id does, so no run's recovery takes it for its own attempt;
   * like any staging, it is removed after 24 h if abandoned.
   */
  public Path beginDerived(String table) throws IOException {
    Path dir = new Path(new Path(root, STAGING), "_" + table + "@" + UUID.randomUUID().toString().substring(0, 8));
    if (!fs.mkdirs(dir)) {
      throw new IOException(dir + ": cannot create staging folder");
    }
    return new Path(dir, table);
  }

  /**
   * Replaces {@code <root>/<table>} by the folder written under {@link #beginDerived}: the earlier
   * table is moved aside, the new one moved in (two directory renames), then the earlier one and
   * the staging are deleted. A reader sees the earlier table or the new one, never a partial one
   * (between the two renames, for an instant, none).
   */
  public void replaceDerived(String table, Path staged) throws IOException {
    Path target = new Path(root, table);
    Path earlier = new Path(staged.getParent(), "earlier");
    if (fs.exists(target) && !fs.rename(target, earlier)) {
      throw new IOException("cannot move " + target + " aside");
    }
    moveInto(staged, target);
    fs.delete(staged.getParent(), true);
  }

  /** Contents of the commit journal. */
  public record Journal(String runId, String runDate, List<String> tables) {}

  private void recover(String runId) throws IOException {
    Path stagingRoot = new Path(root, STAGING);
    if (!fs.exists(stagingRoot)) {
      return;
    }
    long now = System.currentTimeMillis();
    for (FileStatus s : fs.listStatus(stagingRoot)) {
      Path journal = new Path(s.getPath(), JOURNAL);
      String name = s.getPath().getName();
      String owner = name.contains("@") ? name.substring(0, name.lastIndexOf('@')) : "";
      if (fs.exists(journal)) {
        try (InputStream in = fs.open(journal)) {
          apply(s.getPath(), JSON.readValue(in, Journal.class));
        }
      } else if (owner.equals(runId) || now - s.getModificationTime() > ABANDONED_AFTER_MS) {
        fs.delete(s.getPath(), true);
      }
    }
  }

  /** Idempotent: each step checks whether it is still to do, so a re-apply after a kill is safe. */
  private void apply(Path stagingDir, Journal journal) throws IOException {
    LocalDate runDate = LocalDate.parse(journal.runDate());
    Staging staging = new Staging(stagingDir, journal.runId(), runDate);
    for (String table : journal.tables()) {
      Path source = staging.table(table);
      if (!fs.exists(source)) {
        continue;
      }
      for (Path earlier : partitionsOf(table, journal.runId())) {
        fs.delete(earlier, true);
      }
      moveInto(source, tablePartition(table, runDate, journal.runId()));
    }
    Path runSource = staging.runFolder();
    if (fs.exists(runSource)) {
      fs.delete(runFolder(journal.runId()), true);
      moveInto(runSource, runFolder(journal.runId()));
    }
    fs.delete(stagingDir, true);
  }

  private List<Path> partitionsOf(String table, String runId) throws IOException {
    FileStatus[] found = fs.globStatus(new Path(new Path(new Path(root, table), "run_date=*"), "run_id=" + runId));
    List<Path> paths = new ArrayList<>();
    if (found != null) {
      for (FileStatus f : found) {
        paths.add(f.getPath());
      }
    }
    return paths;
  }

  private void moveInto(Path source, Path target) throws IOException {
    fs.mkdirs(target.getParent());
    // Hadoop's rename moves INTO an existing folder, so the target must not exist (deleted above).
    if (!fs.rename(source, target)) {
      throw new IOException("cannot move " + source + " to " + target);
    }
  }
}
