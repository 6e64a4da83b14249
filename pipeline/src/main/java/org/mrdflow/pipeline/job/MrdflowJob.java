package org.mrdflow.pipeline.job;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.mrdflow.pipeline.PipelineVersion;
import org.mrdflow.pipeline.config.ConfigException;
import org.mrdflow.pipeline.input.InputException;
import org.mrdflow.pipeline.input.InputFile;
import org.mrdflow.pipeline.input.InputLister;
import org.mrdflow.pipeline.input.InputListing;
import org.mrdflow.pipeline.input.Manifest;
import org.mrdflow.pipeline.input.ManifestMatch;
import org.mrdflow.pipeline.input.ManifestRow;
import org.mrdflow.pipeline.privacy.FileNames;
import org.mrdflow.pipeline.privacy.IdentifierPolicy;
import org.mrdflow.pipeline.privacy.KeywordAllowList;
import org.mrdflow.pipeline.report.HtmlReport;
import org.mrdflow.pipeline.report.Provenance;
import org.mrdflow.pipeline.run.RunRequest;
import org.mrdflow.pipeline.run.RunResult;
import org.mrdflow.pipeline.schema.OutcomeRows;
import org.mrdflow.pipeline.schema.Tables;
import scala.Tuple2;

/**
 * The MRDFlow batch job: FCS files in, Parquet tables out. Spark distributes files, not events:
 * each task reads whole files through Hadoop FileSystem and runs {@link SampleTask} on them in
 * plain Java. One Spark pass analyses every file (and streams the per-event table when asked);
 * each task hands back one small outcome row per file, from which the driver writes the
 * per-sample tables, the summary, the report and the provenance without another pass.
 *
 * <p>Everything that can be checked without Spark (run id, input, manifest, key, output) is
 * checked by {@link #prepare} before a SparkSession exists, so a bad invocation fails in
 * seconds, not after Spark's start-up.
 */
public final class MrdflowJob {
  private static final DateTimeFormatter RUN_ID_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final int EXAMPLES = 20;
  /** Rows per output file of the small tables: keeps files few without one giant file. */
  private static final long ROWS_PER_FILE = 1_000_000;
  /** populations rows per sample, roughly (the MRD strategy's population count): sizes output files. */
  private static final int POPULATIONS_PER_SAMPLE = 20;
  /** Report rows: analysed samples first, then FAILED ones, each by source path. */
  private static final Comparator<Row> REPORT_ORDER = Comparator
      .comparing((Row r) -> SampleTask.STATUS_OK.equals(sample(r).getAs("status")) ? 0 : 1)
      .thenComparing(r -> sample(r).<String>getAs("source_path"));

  private final SparkSession spark;
  private final SampleAnalyzer analyzer;

  public MrdflowJob(SparkSession spark, SampleAnalyzer analyzer) {
    this.spark = spark;
    this.analyzer = analyzer;
  }

  /**
   * A run checked and planned before Spark starts: its id, its listed inputs, how outputs name
   * them, and the manifest already matched and pseudonymized.
   */
  public record Prepared(
      RunRequest request,
      String runId,
      LocalDate runDate,
      Instant started,
      InputListing listing,
      ManifestMatch match,
      IdentifierPolicy policy,
      FileNames names,
      List<PlannedSample> planned) {}

  /**
   * Everything a run checks before it needs Spark: the run id, the input listing, the manifest
   * and the key policy, and that the output folder can be written. Plain Java and Hadoop
   * FileSystem: call it before creating the SparkSession.
   *
   * @throws InputException when the input or manifest cannot be used
   * @throws ConfigException when identifiers would leak (manifest with identifiers, no key)
   * @throws IOException when the output cannot be written
   */
  public static Prepared prepare(RunRequest request, Configuration hadoopConf)
      throws InputException, ConfigException, IOException {
    Instant started = Instant.now();
    String runId = request.runId() != null ? request.runId() : RUN_ID_FORMAT.format(started);
    if (!Warehouse.isValidRunId(runId)) {
      throw new InputException("run id '" + runId + "': use letters, digits, '.', '_' and '-' (not first)");
    }
    IdentifierPolicy policy = new IdentifierPolicy(Optional.ofNullable(request.pseudonymizer()),
        request.keepIdentifiersInClear(), request.config().privacy().manifestExtraAllowList(),
        request.collectionDates());
    FileNames names = request.keepFileNames() ? FileNames.inClear()
        : request.pseudonymizer() != null ? FileNames.pseudonymized(request.pseudonymizer())
        : FileNames.pseudonymizedForThisRunOnly();
    Manifest manifest = null;
    if (request.manifest() != null) {
      // Read here, on the driver: the identifiers it holds never reach an executor.
      manifest = Manifest.read(hadoopConf, request.manifest());
      policy.check(manifest);
    }
    InputListing listing = new InputLister(hadoopConf).list(request.input());
    if (listing.files().isEmpty()) {
      throw new InputException(request.input() + ": no FCS files found ("
          + listing.ignored().size() + " other files ignored)");
    }
    Path outputPath = new Path(request.output());
    new Warehouse(outputPath.getFileSystem(hadoopConf), outputPath).checkWritable();
    ManifestMatch match = manifest == null ? null : ManifestMatch.of(manifest, listing.files());
    return new Prepared(request, runId, started.atZone(ZoneOffset.UTC).toLocalDate(), started, listing, match,
        policy, names, plan(listing.files(), match, policy, names));
  }

  /**
   * Prepares and runs a request. Bad files do not make it throw: they become FAILED rows.
   *
   * @throws InputException when the input or manifest cannot be used
   * @throws ConfigException when identifiers would leak (manifest with identifiers, no key)
   * @throws IOException when the output cannot be written
   */
  public RunResult run(RunRequest request, RunListener listener)
      throws InputException, ConfigException, IOException {
    listener.phase("listing " + request.input());
    return run(prepare(request, spark.sparkContext().hadoopConfiguration()), listener);
  }

  /** Runs a prepared request: analysis, tables, report, provenance, commit. */
  public RunResult run(Prepared prepared, RunListener listener) throws IOException {
    RunRequest request = prepared.request();
    String runId = prepared.runId();
    List<PlannedSample> planned = prepared.planned();
    listener.planned(planned.size(), prepared.listing().totalBytes(), prepared.listing().ignored().size());
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    Path outputPath = new Path(request.output());
    FileSystem fs = outputPath.getFileSystem(hadoopConf);
    Warehouse warehouse = new Warehouse(fs, outputPath);
    Set<String> analysedBefore = request.incremental() ? analysedBefore(fs, warehouse) : Set.of();
    Warehouse.Staging staging = warehouse.begin(runId, prepared.runDate());
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      SampleTask task = new SampleTask(analyzer,
          new KeywordAllowList(request.config().privacy().keywordAllowList()),
          request.config().job().maxFileBytes(), PipelineVersion.get(), staging.runFolder().toString(),
          tasksPerJvm(), analysedBefore, runId);
      JavaRDD<PlannedSample> samples = distribute(jsc, planned, request.config().job().tasksPerCore());
      List<String> tables = new ArrayList<>(List.of(Tables.SAMPLES, Tables.MRD_RESULTS, Tables.POPULATIONS));

      listener.phase("analysing " + planned.size() + " files"
          + (request.writeEvents() ? " (writing the per-event table in the same pass)" : ""));
      long start = System.nanoTime();
      List<Row> outcomes = analyse(samples, task, hadoopConf, listener,
          request.writeEvents() ? staging.table(Tables.EVENTS) : null);
      Map<String, String> copies = copies(outcomes);
      if (!copies.isEmpty()) {
        outcomes = withoutCopies(outcomes, copies);
      }
      if (request.writeEvents()) {
        if (!copies.isEmpty()) {
          dropCopiesEvents(fs, staging.table(Tables.EVENTS));
        }
        tables.add(Tables.EVENTS);
      }
      double analysisSeconds = seconds(start);

      listener.phase("writing tables");
      start = System.nanoTime();
      writeTables(outcomes, staging);
      double tablesSeconds = seconds(start);

      listener.phase("writing report");
      start = System.nanoTime();
      RunResult result = summarise(runId, prepared.runDate(), warehouse, outcomes, prepared.match(),
          prepared.listing().ignored().size(), prepared.started(), analysisSeconds, tablesSeconds, planned);
      outcomes.sort(REPORT_ORDER);
      HtmlReport.write(fs, new Path(staging.runFolder(), "report.html"), result, analyzer.rules(),
          outcomes.iterator());
      outcomes.sort(Comparator.comparing(r -> sample(r).<String>getAs("source_path")));
      Instant finished = Instant.now();
      Provenance.write(fs, new Path(staging.runFolder(), "provenance.json"), request, prepared.names(), result,
          finished,
          spark.version(), prepared.policy().keyFingerprint(), tables, outcomes);
      listener.committing(runId);
      warehouse.commit(staging, tables);
      return result.finishedAt(finished, seconds(start));
    } catch (Exception e) {
      // Any failure, Spark's undeclared checked SparkException included, leaves nothing committed.
      warehouse.abort(staging);
      throw e;
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static Row sample(Row outcome) {
    return outcome.getAs("sample");
  }

  /** Tasks that share one JVM's heap: the local threads, or the cores of one executor. */
  private int tasksPerJvm() {
    String master = spark.sparkContext().master();
    if (master.startsWith("local")) {
      return spark.sparkContext().defaultParallelism();
    }
    return spark.sparkContext().getConf().getInt("spark.executor.cores", 1);
  }

  private static List<PlannedSample> plan(List<InputFile> files, ManifestMatch match, IdentifierPolicy policy,
      FileNames names) {
    List<PlannedSample> planned = new ArrayList<>(files.size());
    for (InputFile f : files) {
      ManifestRow row = match == null ? null : match.byFile().get(f.path());
      planned.add(new PlannedSample(f, names.sourcePath(f), names.fileName(f),
          row == null ? null : policy.apply(row), match == null ? null : row != null));
    }
    return planned;
  }

  /**
   * SHA-256 of the contents this warehouse already holds an OK analysis of, made with this
   * analyser's gating strategy and this pipeline version: what an incremental run skips. Read with
   * the warehouse's own join key (run_id, sample_id), so warehouses written before sample_id was
   * content-based are read correctly too.
   */
  private Set<String> analysedBefore(FileSystem fs, Warehouse warehouse) throws IOException {
    Path samplesTable = new Path(warehouse.root(), Tables.SAMPLES);
    Path mrdTable = new Path(warehouse.root(), Tables.MRD_RESULTS);
    if (!fs.exists(samplesTable) || !fs.exists(mrdTable)) {
      return Set.of();
    }
    spark.sparkContext().setJobDescription("mrdflow: contents already analysed (incremental)");
    Dataset<Row> ok = spark.read().parquet(samplesTable.toString())
        .where(col("status").equalTo(SampleTask.STATUS_OK).and(col("file_sha256").isNotNull()))
        .select("run_id", "sample_id", "file_sha256");
    Dataset<Row> same = spark.read().parquet(mrdTable.toString())
        .where(col("pipeline_version").equalTo(PipelineVersion.get())
            .and(col("gating_strategy_sha256").equalTo(analyzer.gatingStrategySha256())))
        .select("run_id", "sample_id");
    Set<String> hashes = new HashSet<>();
    for (Iterator<Row> it = ok.join(same, scala.jdk.javaapi.CollectionConverters.asScala(
        List.of("run_id", "sample_id")).toSeq()).select("file_sha256").distinct().toLocalIterator(); it.hasNext(); ) {
      hashes.add(it.next().getString(0));
    }
    return hashes;
  }

  /**
   * Byte-identical copies within the run, by sample_id: the source_path that keeps the sample
   * (the one that sorts first). Empty when no content was listed twice.
   */
  private static Map<String, String> copies(List<Row> outcomes) {
    Map<String, String> first = new HashMap<>();
    Map<String, String> kept = new HashMap<>();
    for (Row o : outcomes) {
      String id = sample(o).getAs("sample_id");
      String path = sample(o).getAs("source_path");
      if (id == null) {
        continue;
      }
      String earlier = first.putIfAbsent(id, path);
      if (earlier != null) {
        String keep = earlier.compareTo(path) <= 0 ? earlier : path;
        first.put(id, keep);
        kept.put(id, keep);
      }
    }
    return kept;
  }

  /**
   * The other copies become DUPLICATE rows (no sample_id, no mrd_results or populations rows),
   * so sample_id is unique per run and every join is 1:1.
   */
  private static List<Row> withoutCopies(List<Row> outcomes, Map<String, String> keptPath) {
    List<Row> rows = new ArrayList<>(outcomes.size());
    for (Row o : outcomes) {
      String id = sample(o).getAs("sample_id");
      String kept = id == null ? null : keptPath.get(id);
      rows.add(kept == null || kept.equals(sample(o).getAs("source_path")) ? o : OutcomeRows.duplicateOf(o, kept));
    }
    return rows;
  }

  /**
   * The one pass wrote every copy's events under their shared sample_id: keep one copy's
   * (identical bytes give identical rows). Only runs with byte-identical copies pay this pass.
   */
  private void dropCopiesEvents(FileSystem fs, Path eventsTable) throws IOException {
    spark.sparkContext().setJobDescription("mrdflow: per-event table without copies");
    Path once = eventsTable.suffix("-once");
    Dataset<Row> events = spark.read().parquet(eventsTable.toString());
    events.dropDuplicates("sample_id", "event_index").write().mode(SaveMode.ErrorIfExists).parquet(once.toString());
    fs.delete(eventsTable, true);
    if (!fs.rename(once, eventsTable)) {
      throw new IOException("cannot move " + once + " to " + eventsTable);
    }
  }

  /** One partition per size-balanced bin, biggest bins first. */
  private static JavaRDD<PlannedSample> distribute(JavaSparkContext jsc, List<PlannedSample> planned,
      int tasksPerCore) {
    long[] sizes = planned.stream().mapToLong(p -> p.file().bytes()).toArray();
    List<List<Integer>> bins = PartitionPlan.balance(sizes, jsc.defaultParallelism() * tasksPerCore);
    List<Tuple2<Integer, PlannedSample>> keyed = new ArrayList<>(planned.size());
    for (int b = 0; b < bins.size(); b++) {
      for (int i : bins.get(b)) {
        keyed.add(new Tuple2<>(b, planned.get(i)));
      }
    }
    // HashPartitioner sends integer key b to partition b (b < bins): the plan is kept exactly.
    return JavaPairRDD.fromJavaRDD(jsc.parallelize(keyed, bins.size()))
        .partitionBy(new HashPartitioner(bins.size()))
        .values();
  }

  /**
   * The one pass over the files. Each file's outcome row (samples row, mrd_results row,
   * populations rows: a few KB) reaches the driver through an accumulator, which Spark merges
   * once per successful task; with {@code eventsTable} the same pass streams each file's
   * per-event rows to Parquet, one file's events in memory at a time.
   */
  private List<Row> analyse(JavaRDD<PlannedSample> samples, SampleTask task, Configuration hadoopConf,
      RunListener listener, Path eventsTable) {
    LongAccumulator filesDone = spark.sparkContext().longAccumulator("mrdflow files done");
    LongAccumulator eventsDone = spark.sparkContext().longAccumulator("mrdflow events analysed");
    CollectionAccumulator<Row> outcomes = spark.sparkContext().collectionAccumulator("mrdflow outcomes");
    HadoopConf conf = new HadoopConf(hadoopConf);
    Thread poller = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          listener.progress(filesDone.value(), eventsDone.value());
          Thread.sleep(500);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "mrdflow-progress");
    poller.setDaemon(true);
    poller.start();
    try {
      if (eventsTable == null) {
        spark.sparkContext().setJobDescription("mrdflow: analyse files");
        samples.foreachPartition(it -> {
          while (it.hasNext()) {
            SampleTask.Result r = task.run(it.next(), conf.get(), false);
            if (!r.skipped()) {
              outcomes.add(r.outcome());
            }
            filesDone.add(1);
            eventsDone.add(r.events());
          }
        });
      } else {
        spark.sparkContext().setJobDescription("mrdflow: analyse files, per-event table");
        StructType schema = Tables.eventsSchema(analyzer.eventMarkerColumns());
        JavaRDD<Row> rows = samples.mapPartitions(
            it -> new EventRows(it, task, conf, outcomes, filesDone, eventsDone));
        spark.createDataFrame(rows, schema).write().mode(SaveMode.ErrorIfExists).parquet(eventsTable.toString());
      }
    } finally {
      poller.interrupt();
    }
    listener.progress(filesDone.value(), eventsDone.value());
    return new ArrayList<>(outcomes.value());
  }

  /** samples, mrd_results and populations from the outcome rows, into staging. */
  private void writeTables(List<Row> outcomes, Warehouse.Staging staging) {
    List<Row> sampleRows = new ArrayList<>(outcomes.size());
    List<Row> mrdRows = new ArrayList<>(outcomes.size());
    List<Row> populationRows = new ArrayList<>(outcomes.size() * POPULATIONS_PER_SAMPLE);
    for (Row o : outcomes) {
      sampleRows.add(o.getAs("sample"));
      if (o.getAs("mrd") != null) {
        mrdRows.add(o.getAs("mrd"));
      }
      populationRows.addAll(o.getList(o.fieldIndex("populations")));
    }
    spark.sparkContext().setJobDescription("mrdflow: write tables");
    write(sampleRows, Tables.SAMPLES_SCHEMA, staging.table(Tables.SAMPLES));
    write(mrdRows, Tables.MRD_RESULTS_SCHEMA, staging.table(Tables.MRD_RESULTS));
    write(populationRows, Tables.POPULATIONS_SCHEMA, staging.table(Tables.POPULATIONS));
  }

  private void write(List<Row> rows, StructType schema, Path target) {
    int files = Math.max(1, (int) Math.ceil((double) rows.size() / ROWS_PER_FILE));
    spark.createDataFrame(rows, schema).coalesce(files).write().mode(SaveMode.ErrorIfExists)
        .parquet(target.toString());
  }

  /**
   * Analyses a partition's files one at a time and flattens each file's events into rows; the
   * file's outcome row goes to the accumulator. Only the current file's events are in memory.
   */
  private static final class EventRows implements Iterator<Row> {
    private final Iterator<PlannedSample> files;
    private final SampleTask task;
    private final HadoopConf conf;
    private final CollectionAccumulator<Row> outcomes;
    private final LongAccumulator filesDone;
    private final LongAccumulator eventsDone;
    private SampleEvents current;
    private String currentId;
    private int next;

    EventRows(Iterator<PlannedSample> files, SampleTask task, HadoopConf conf, CollectionAccumulator<Row> outcomes,
        LongAccumulator filesDone, LongAccumulator eventsDone) {
      this.files = files;
      this.task = task;
      this.conf = conf;
      this.outcomes = outcomes;
      this.filesDone = filesDone;
      this.eventsDone = eventsDone;
    }

    @Override
    public boolean hasNext() {
      while (current == null || next >= current.eventCount()) {
        current = null;
        if (!files.hasNext()) {
          return false;
        }
        SampleTask.Result r = task.run(files.next(), conf.get(), true);
        if (!r.skipped()) {
          outcomes.add(r.outcome());
        }
        filesDone.add(1);
        eventsDone.add(r.events());
        // A FAILED or skipped file has no events: its samples row (or an earlier run's) tells why.
        current = r.sampleEvents();
        currentId = r.sampleId();
        next = 0;
      }
      return true;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int e = next++;
      Object[] values = new Object[3 + current.markers().size()];
      values[0] = currentId;
      values[1] = e;
      values[2] = current.populations()[e];
      for (int m = 0; m < current.markers().size(); m++) {
        values[3 + m] = current.values()[m][e];
      }
      return RowFactory.create(values);
    }
  }

  private static RunResult summarise(String runId, LocalDate runDate, Warehouse warehouse, List<Row> outcomes,
      ManifestMatch match, int ignored, Instant started, double analysisSeconds, double tablesSeconds,
      List<PlannedSample> planned) {
    Map<String, Long> byCode = new TreeMap<>();
    Map<String, Long> byStatus = new LinkedHashMap<>();
    for (String s : List.of("POSITIVE", "NEGATIVE", "INDETERMINATE")) {
      byStatus.put(s, 0L);
    }
    long ok = 0;
    long failed = 0;
    long events = 0;
    List<Row> failedSamples = new ArrayList<>();
    for (Row o : outcomes) {
      Row s = sample(o);
      if (SampleTask.STATUS_OK.equals(s.getAs("status"))) {
        ok++;
        Long total = s.getAs("total_events");
        events += total == null ? 0 : total;
        byStatus.merge(((Row) o.getAs("mrd")).getAs("mrd_status"), 1L, Long::sum);
      } else {
        failed++;
        byCode.merge(s.getAs("error_code"), 1L, Long::sum);
        failedSamples.add(s);
      }
    }
    failedSamples.sort(Comparator.comparing(s -> s.<String>getAs("source_path")));
    // The summary is printed on the lab's own terminal: it may name the file in clear too.
    Map<String, String> clear = new HashMap<>();
    planned.forEach(p -> clear.put(p.sourcePath(), p.file().path()));
    List<String> examples = new ArrayList<>();
    for (Row s : failedSamples.subList(0, Math.min(EXAMPLES, failedSamples.size()))) {
      String shown = s.getAs("source_path");
      String path = clear.get(shown);
      examples.add(s.getAs("error_code") + ": " + s.getAs("error_message")
          + (path == null || path.equals(shown) ? "" : "  [" + path + "]"));
    }
    List<String> unmatched = match == null ? List.of()
        : match.unmatchedFiles().stream().map(InputFile::path).toList();
    List<String> unused = match == null ? List.of()
        : match.unusedRows().stream().map(r -> "row " + r.line() + ": " + r.file()).toList();
    String runFolder = warehouse.runFolder(runId).toString();
    return new RunResult(runId, runDate, warehouse.root().toString(), runFolder + "/report.html",
        runFolder + "/provenance.json", ok + failed, ok, failed, events, byCode, byStatus, examples,
        unmatched, unused, ignored, started, null, analysisSeconds, tablesSeconds, 0,
        planned.size(), planned.size() - (ok + failed));
  }
}
