package org.mrdflow.pipeline.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
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
import org.apache.spark.storage.StorageLevel;
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
import org.mrdflow.pipeline.privacy.IdentifierPolicy;
import org.mrdflow.pipeline.privacy.KeywordAllowList;
import org.mrdflow.pipeline.report.HtmlReport;
import org.mrdflow.pipeline.report.Provenance;
import org.mrdflow.pipeline.run.RunRequest;
import org.mrdflow.pipeline.run.RunResult;
import org.mrdflow.pipeline.schema.Tables;
import scala.Tuple2;

/**
 * The MRDFlow batch job: FCS files in, Parquet tables out. Spark distributes files, not events:
 * each task reads whole files through Hadoop FileSystem and runs {@link SampleTask} on them in
 * plain Java; the driver only lists, plans, aggregates counts and streams the report, so its
 * memory does not grow with the number of events (and only by a small record per file).
 */
public final class MrdflowJob {
  private static final DateTimeFormatter RUN_ID_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final int EXAMPLES = 20;
  /** Rows per output file of the small tables: keeps files few without one giant file. */
  private static final long ROWS_PER_FILE = 1_000_000;
  /** populations rows per sample, roughly (the MRD strategy's population count): sizes output files. */
  private static final int POPULATIONS_PER_SAMPLE = 20;

  private final SparkSession spark;
  private final SampleAnalyzer analyzer;

  public MrdflowJob(SparkSession spark, SampleAnalyzer analyzer) {
    this.spark = spark;
    this.analyzer = analyzer;
  }

  /**
   * Runs the job. Bad files do not make it throw: they become FAILED rows.
   *
   * @throws InputException when the input or manifest cannot be used
   * @throws ConfigException when identifiers would leak (manifest with identifiers, no key)
   * @throws IOException when the output cannot be written
   */
  public RunResult run(RunRequest request, RunListener listener)
      throws InputException, ConfigException, IOException {
    Instant started = Instant.now();
    String runId = request.runId() != null ? request.runId() : RUN_ID_FORMAT.format(started);
    if (!Warehouse.isValidRunId(runId)) {
      throw new InputException("run id '" + runId + "': use letters, digits, '.', '_' and '-' (not first)");
    }
    LocalDate runDate = started.atZone(ZoneOffset.UTC).toLocalDate();
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();

    listener.phase("listing " + request.input());
    InputListing listing = new InputLister(hadoopConf).list(request.input());
    if (listing.files().isEmpty()) {
      throw new InputException(request.input() + ": no FCS files found ("
          + listing.ignored().size() + " other files ignored)");
    }
    IdentifierPolicy policy = new IdentifierPolicy(Optional.ofNullable(request.pseudonymizer()),
        request.keepIdentifiersInClear(), request.config().privacy().manifestExtraAllowList());
    ManifestMatch match = null;
    if (request.manifest() != null) {
      Manifest manifest = Manifest.read(spark, request.manifest());
      policy.check(manifest);
      match = ManifestMatch.of(manifest, listing.files());
    }
    List<PlannedSample> planned = plan(listing.files(), match, policy);
    listener.planned(planned.size(), listing.totalBytes(), listing.ignored().size());

    Path outputPath = new Path(request.output());
    FileSystem fs = outputPath.getFileSystem(hadoopConf);
    Warehouse warehouse = new Warehouse(fs, outputPath);
    Warehouse.Staging staging = warehouse.begin(runId, runDate);
    JavaRDD<Row> outcomes = null;
    try {
      SampleTask task = new SampleTask(analyzer,
          new KeywordAllowList(request.config().privacy().keywordAllowList()),
          request.config().job().maxFileBytes(), PipelineVersion.get(), staging.runFolder().toString());
      JavaRDD<PlannedSample> samples = distribute(planned, request.config().job().tasksPerCore());

      listener.phase("analysing " + planned.size() + " files");
      long analysisStart = System.nanoTime();
      outcomes = analyse(samples, task, hadoopConf, listener);
      double analysisSeconds = (System.nanoTime() - analysisStart) / 1e9;

      listener.phase("writing tables");
      Dataset<Row> sampleRows = spark.createDataFrame(outcomes.map(r -> r.getStruct(0)), Tables.SAMPLES_SCHEMA);
      Dataset<Row> mrdRows = spark.createDataFrame(
          outcomes.filter(r -> !r.isNullAt(1)).map(r -> r.getStruct(1)), Tables.MRD_RESULTS_SCHEMA);
      Dataset<Row> populationRows = spark.createDataFrame(
          outcomes.flatMap(r -> r.<Row>getList(2).iterator()), Tables.POPULATIONS_SCHEMA);
      int files = Math.max(1, (int) Math.ceil((double) planned.size() * POPULATIONS_PER_SAMPLE / ROWS_PER_FILE));
      write(sampleRows, staging.table(Tables.SAMPLES), files);
      write(mrdRows, staging.table(Tables.MRD_RESULTS), files);
      write(populationRows, staging.table(Tables.POPULATIONS), files);
      List<String> tables = new ArrayList<>(List.of(Tables.SAMPLES, Tables.MRD_RESULTS, Tables.POPULATIONS));
      if (request.writeEvents()) {
        listener.phase("writing per-event table");
        writeEvents(samples, task, hadoopConf, staging.table(Tables.EVENTS));
        tables.add(Tables.EVENTS);
      }

      RunResult result = summarise(runId, runDate, warehouse, sampleRows, mrdRows, match,
          listing.ignored().size(), started, analysisSeconds);
      listener.phase("writing report");
      Path report = new Path(staging.runFolder(), "report.html");
      HtmlReport.write(fs, report, result, sampleRows.join(mrdRows.drop("patient_key", "pipeline_version"),
              sampleRows.col("sample_id").equalTo(mrdRows.col("sample_id")), "left")
          .drop(mrdRows.col("sample_id"))
          .orderBy(col("status").desc(), col("source_path"))
          .toLocalIterator());
      Instant finished = Instant.now();
      Provenance.write(fs, new Path(staging.runFolder(), "provenance.json"), request, result, finished,
          spark.version(), policy.keyFingerprint(), tables,
          sampleRows.select("source_path", "file_bytes", "file_sha256").orderBy("source_path").toLocalIterator(),
          mrdRows.select("gating_strategy_id", "gating_strategy_sha256").distinct().collectAsList());
      warehouse.commit(staging, tables);
      return result.finishedAt(finished);
    } catch (IOException | RuntimeException e) {
      warehouse.abort(staging);
      throw e;
    } finally {
      if (outcomes != null) {
        outcomes.unpersist(false);
      }
    }
  }

  private static List<PlannedSample> plan(List<InputFile> files, ManifestMatch match, IdentifierPolicy policy) {
    List<PlannedSample> planned = new ArrayList<>(files.size());
    for (InputFile f : files) {
      if (match == null) {
        planned.add(new PlannedSample(f, null, null));
      } else {
        ManifestRow row = match.byFile().get(f.path());
        planned.add(new PlannedSample(f, row == null ? null : policy.apply(row), row != null));
      }
    }
    return planned;
  }

  /** One partition per size-balanced bin, biggest bins first. */
  private JavaRDD<PlannedSample> distribute(List<PlannedSample> planned, int tasksPerCore) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
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

  private JavaRDD<Row> analyse(JavaRDD<PlannedSample> samples, SampleTask task, Configuration hadoopConf,
      RunListener listener) {
    LongAccumulator filesDone = spark.sparkContext().longAccumulator("mrdflow files done");
    LongAccumulator eventsDone = spark.sparkContext().longAccumulator("mrdflow events analysed");
    HadoopConf conf = new HadoopConf(hadoopConf);
    JavaRDD<Row> outcomes = samples.mapPartitions(it -> {
      List<Row> rows = new ArrayList<>();
      while (it.hasNext()) {
        SampleTask.Result r = task.run(it.next(), conf.get());
        rows.add(r.outcome());
        filesDone.add(1);
        eventsDone.add(r.events());
      }
      return rows.iterator();
    }).persist(StorageLevel.MEMORY_AND_DISK());
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
      spark.sparkContext().setJobDescription("mrdflow: analyse files");
      outcomes.count();
    } finally {
      poller.interrupt();
    }
    listener.progress(filesDone.value(), eventsDone.value());
    return outcomes;
  }

  private static void write(Dataset<Row> rows, Path target, int files) {
    rows.coalesce(files).write().mode(SaveMode.ErrorIfExists).parquet(target.toString());
  }

  /**
   * Second pass for the per-event table: the analysis is re-run (the first pass keeps only
   * per-sample results, so no task ever holds more than one file's events) and rows stream
   * straight to Parquet. Files that failed in the first pass fail again and yield no rows.
   */
  private void writeEvents(JavaRDD<PlannedSample> samples, SampleTask task, Configuration hadoopConf,
      Path target) {
    HadoopConf conf = new HadoopConf(hadoopConf);
    StructType schema = Tables.eventsSchema(analyzer.eventMarkerColumns());
    JavaRDD<Row> rows = samples.mapPartitions(it -> new EventRows(it, task, conf));
    spark.sparkContext().setJobDescription("mrdflow: per-event table");
    spark.createDataFrame(rows, schema).write().mode(SaveMode.ErrorIfExists).parquet(target.toString());
  }

  /** Lazily flattens the events of a partition's files, one file in memory at a time. */
  private static final class EventRows implements Iterator<Row> {
    private final Iterator<PlannedSample> files;
    private final SampleTask task;
    private final HadoopConf conf;
    private SampleEvents current;
    private String currentId;
    private int next;

    EventRows(Iterator<PlannedSample> files, SampleTask task, HadoopConf conf) {
      this.files = files;
      this.task = task;
      this.conf = conf;
    }

    @Override
    public boolean hasNext() {
      while (current == null || next >= current.eventCount()) {
        if (!files.hasNext()) {
          return false;
        }
        PlannedSample p = files.next();
        // A file that fails yields no rows: the first pass recorded it as a FAILED samples row.
        current = task.events(p, conf.get()).orElse(null);
        currentId = SampleTask.sampleId(p.file().relativePath());
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

  private RunResult summarise(String runId, LocalDate runDate, Warehouse warehouse, Dataset<Row> sampleRows,
      Dataset<Row> mrdRows, ManifestMatch match, int ignored, Instant started, double analysisSeconds) {
    Map<String, Long> byCode = new TreeMap<>();
    Map<String, Long> byStatus = new LinkedHashMap<>();
    for (String s : List.of("POSITIVE", "NEGATIVE", "INDETERMINATE")) {
      byStatus.put(s, 0L);
    }
    long ok = 0;
    long failed = 0;
    long events = 0;
    // One aggregation for every count of the summary: a handful of rows reach the driver.
    for (Row r : sampleRows.join(mrdRows.select("sample_id", "mrd_status"), "sample_id", "left")
        .groupBy("status", "error_code", "mrd_status")
        .agg(count(lit(1)), sum("total_events")).collectAsList()) {
      long n = r.getLong(3);
      if (SampleTask.STATUS_OK.equals(r.getString(0))) {
        ok += n;
        events += r.isNullAt(4) ? 0 : r.getLong(4);
        byStatus.merge(r.getString(2), n, Long::sum);
      } else {
        failed += n;
        byCode.put(r.getString(1), n);
      }
    }
    List<String> examples = new ArrayList<>();
    if (failed > 0) {
      for (Row r : sampleRows.where(col("status").equalTo(SampleTask.STATUS_FAILED)).orderBy("source_path")
          .select("error_code", "error_message").limit(EXAMPLES).collectAsList()) {
        examples.add(r.getString(0) + ": " + r.getString(1));
      }
    }
    List<String> unmatched = match == null ? List.of()
        : match.unmatchedFiles().stream().map(InputFile::path).toList();
    List<String> unused = match == null ? List.of()
        : match.unusedRows().stream().map(r -> "row " + r.line() + ": " + r.file()).toList();
    String runFolder = warehouse.runFolder(runId).toString();
    return new RunResult(runId, runDate, warehouse.root().toString(), runFolder + "/report.html",
        runFolder + "/provenance.json", ok + failed, ok, failed, events, byCode, byStatus, examples,
        unmatched, unused, ignored, started, null, analysisSeconds);
  }
}
