package org.mrdflow.review.warehouse;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a pipeline warehouse ({@code samples}, {@code mrd_results}, {@code populations} and the
 * {@code runs/<run_id>/} folders; pipeline/README.md "Output layout") with DuckDB: it opens in
 * milliseconds and reads the Hive-partitioned Parquet folders directly, where a Spark session
 * takes 10 s or more to start. Each call opens its own in-memory DuckDB connection, so a run
 * committed while the server runs is seen on the next page.
 */
public final class WarehouseReader {
  /** Run ids as the pipeline accepts them (Warehouse.isValidRunId); anything else is refused before any query. */
  public static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  /** Sample ids are 32 lower-case hex digits (SampleIdentity); older warehouses used 64. */
  public static final Pattern SAMPLE_ID = Pattern.compile("[0-9a-f]{32}|[0-9a-f]{64}");
  private static final Pattern PLOT_FILE = Pattern.compile("[^/\\\\\\x00]+\\.(png|svg)");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The mrd_results columns read here, typed, for a warehouse whose runs analysed nothing yet. */
  private static final String EMPTY_MRD_RESULTS = "SELECT NULL::VARCHAR AS run_id, NULL::VARCHAR AS sample_id,"
      + " NULL::VARCHAR AS mrd_status, NULL::VARCHAR AS status_reason, NULL::DOUBLE AS mrd_fraction,"
      + " NULL::DOUBLE AS sensitivity, NULL::INTEGER AS lod_events, NULL::INTEGER AS lloq_events,"
      + " NULL::BIGINT AS nucleated_events, NULL::BIGINT AS blast_events, NULL::BIGINT AS cd19_pos_blast_events,"
      + " NULL::DOUBLE AS cd19_pos_blast_fraction, NULL::BOOLEAN AS hcd19_car_eligible,"
      + " NULL::BIGINT AS lymphocyte_events, NULL::BIGINT AS b_cell_events,"
      + " NULL::DOUBLE AS b_cell_fraction_of_lymphocytes, NULL::BOOLEAN AS b_cell_aplasia,"
      + " NULL::BIGINT AS hematogone_events, NULL::BOOLEAN AS panel_limited, NULL::VARCHAR[] AS qc_flags,"
      + " NULL::VARCHAR[] AS references_used, NULL::VARCHAR AS gating_strategy_id,"
      + " NULL::VARCHAR AS gating_strategy_sha256 WHERE false";
  private static final String EMPTY_POPULATIONS = "SELECT NULL::VARCHAR AS run_id, NULL::VARCHAR AS sample_id,"
      + " NULL::VARCHAR AS population, NULL::VARCHAR AS parent, NULL::BIGINT AS events,"
      + " NULL::DOUBLE AS fraction_of_parent, NULL::DOUBLE AS fraction_of_nucleated,"
      + " MAP{}::MAP(VARCHAR, DOUBLE) AS marker_medians WHERE false";

  private static final String ANALYSIS_COLUMNS = "s.run_id, CAST(s.run_date AS VARCHAR), s.sample_id, s.file_name,"
      + " s.status, s.error_code, s.error_message, s.fcs_version, s.instrument, s.total_events, s.patient_key,"
      + " s.patient_id, s.specimen_id, CAST(s.collection_date AS VARCHAR), s.timepoint,"
      + " CAST(to_json(s.keywords) AS VARCHAR), m.mrd_status, m.status_reason, m.mrd_fraction, m.sensitivity,"
      + " m.lod_events, m.lloq_events, m.nucleated_events, m.blast_events, m.cd19_pos_blast_events,"
      + " m.cd19_pos_blast_fraction, m.hcd19_car_eligible, m.lymphocyte_events, m.b_cell_events,"
      + " m.b_cell_fraction_of_lymphocytes, m.b_cell_aplasia, m.hematogone_events, m.panel_limited,"
      + " CAST(to_json(m.qc_flags) AS VARCHAR), CAST(to_json(m.references_used) AS VARCHAR), m.gating_strategy_id,"
      + " s.pipeline_version FROM samples s LEFT JOIN mrd_results m ON m.run_id = s.run_id AND m.sample_id = s.sample_id";

  private final Path root;

  /** @throws WarehouseException when {@code root} has no samples table */
  public WarehouseReader(Path root) {
    this.root = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(this.root.resolve("samples"))) {
      throw new WarehouseException(root + ": not a pipeline warehouse (no 'samples' table folder); give the"
          + " --output folder of `mrdflow run` (the demo's is mrdflow-demo/warehouse)", null);
    }
  }

  public Path root() {
    return root;
  }

  /** Every run, newest first, with its counts. */
  public List<RunSummary> runs() {
    String sql = "SELECT s.run_id, CAST(max(s.run_date) AS VARCHAR), count(*), count(*) FILTER (WHERE s.status = 'OK'),"
        + " count(*) FILTER (WHERE s.status = 'FAILED'), count(m.sample_id) FILTER (WHERE m.mrd_status = 'POSITIVE'),"
        + " count(m.sample_id) FILTER (WHERE m.mrd_status = 'NEGATIVE'),"
        + " count(m.sample_id) FILTER (WHERE m.mrd_status = 'INDETERMINATE')"
        + " FROM samples s LEFT JOIN mrd_results m ON m.run_id = s.run_id AND m.sample_id = s.sample_id"
        + " GROUP BY s.run_id ORDER BY 2 DESC, 1 DESC";
    return query(sql, List.of(), rs -> new RunSummary(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)));
  }

  /** Every sample of a run (analysed or not), by name. */
  public List<Analysis> analyses(String runId) {
    return query("SELECT " + ANALYSIS_COLUMNS + " WHERE s.run_id = ? ORDER BY s.file_name, s.sample_id", List.of(runId),
        WarehouseReader::analysis);
  }

  /** Every analysis of a sample's content, newest run first. */
  public List<Analysis> analysesOfSample(String sampleId) {
    return query("SELECT " + ANALYSIS_COLUMNS + " WHERE s.sample_id = ? ORDER BY 2 DESC, 1 DESC", List.of(sampleId),
        WarehouseReader::analysis);
  }

  /** The sample's analysis in {@code runId}, or in its newest run when {@code runId} is null. */
  public Optional<Analysis> analysis(String sampleId, String runId) {
    return analysesOfSample(sampleId).stream().filter(a -> runId == null || a.runId().equals(runId)).findFirst();
  }

  /**
   * The analysed samples that belong to a patient's timeline: OK, with a patient_key and a
   * collection date; one analysis per file content, its newest run's, as {@code outcomes} and
   * {@code timeline} read them (pipeline/README.md, "patient_timeline"). By patient, then date.
   */
  public List<PatientSample> patientSamples() {
    String sql = "SELECT " + ANALYSIS_COLUMNS.replace(" FROM samples s", ", coalesce(s.manifest_extra['specimen_type'],"
        + " s.manifest_extra['specimen']) FROM samples s")
        + " WHERE s.status = 'OK' AND m.sample_id IS NOT NULL AND s.patient_key IS NOT NULL"
        + " AND s.collection_date IS NOT NULL"
        + " QUALIFY row_number() OVER (PARTITION BY coalesce(s.file_sha256, s.sample_id)"
        + " ORDER BY s.run_date DESC, s.run_id DESC) = 1"
        + " ORDER BY s.patient_key, s.collection_date, s.sample_id";
    return query(sql, List.of(), rs -> new PatientSample(analysis(rs), rs.getString(38)));
  }

  /**
   * The clinical events (CAR-T infusion, HSCT, relapse dates) by patient_key, from the event rows
   * of the {@code patient_timeline} table that {@code mrdflow timeline --clinical} (and the demo)
   * writes; empty without that table. The warehouse keeps no clinical table of its own.
   */
  public Map<String, Map<String, LocalDate>> clinicalEvents() {
    Path folder = root.resolve("patient_timeline");
    if (!hasParquet(folder)) {
      return Map.of();
    }
    String sql = "SELECT patient_key, row_type, CAST(event_date AS VARCHAR) FROM read_parquet("
        + sqlText(folder.resolve("*.parquet").toString()) + ") WHERE row_type <> 'SAMPLE' AND event_date IS NOT NULL";
    Map<String, Map<String, LocalDate>> events = new TreeMap<>();
    for (String[] row : query(sql, List.of(), rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})) {
      events.computeIfAbsent(row[0], k -> new TreeMap<>()).put(row[1], LocalDate.parse(row[2]));
    }
    return events;
  }

  /**
   * What an analysis was made from: its file's SHA-256 ({@code samples.file_sha256}) and its
   * strategy's ({@code mrd_results.gating_strategy_sha256}); empty when the run has no such
   * sample.
   */
  public Optional<SampleSource> source(String runId, String sampleId) {
    return query("SELECT s.file_sha256, m.gating_strategy_sha256 FROM samples s LEFT JOIN mrd_results m"
            + " ON m.run_id = s.run_id AND m.sample_id = s.sample_id WHERE s.run_id = ? AND s.sample_id = ?",
        List.of(runId, sampleId), rs -> new SampleSource(rs.getString(1), rs.getString(2))).stream().findFirst();
  }

  /** The populations of an analysis, in strategy path order. */
  public List<Population> populations(String runId, String sampleId) {
    return query("SELECT population, parent, events, fraction_of_parent, fraction_of_nucleated,"
            + " CAST(to_json(marker_medians) AS VARCHAR) FROM populations WHERE run_id = ? AND sample_id = ? ORDER BY population",
        List.of(runId, sampleId),
        rs -> new Population(rs.getString(1), rs.getString(2), rs.getLong(3), nullableDouble(rs, 4), nullableDouble(rs, 5),
            json(rs.getString(6), new TypeReference<Map<String, Double>>() {})));
  }

  /**
   * The plot files of an analysis ({@code runs/<run_id>/plots/<sample_id>/*.png|svg}), by name.
   * Only regular files directly in that folder count: no links out, no sub-folders.
   */
  public List<Path> plots(String runId, String sampleId) {
    if (!RUN_ID.matcher(runId).matches() || !SAMPLE_ID.matcher(sampleId).matches()) {
      return List.of();
    }
    Path folder = root.resolve("runs").resolve(runId).resolve("plots").resolve(sampleId);
    if (!Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .filter(p -> PLOT_FILE.matcher(p.getFileName().toString()).matches())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new WarehouseException(folder + ": cannot list the plots: " + e.getMessage(), e);
    }
  }

  /** The run's provenance.json, or an empty object when the run folder has none. */
  public JsonNode provenance(String runId) {
    Path file = root.resolve("runs").resolve(runId).resolve("provenance.json");
    if (!RUN_ID.matcher(runId).matches() || !Files.isRegularFile(file)) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new WarehouseException(file + ": not readable JSON: " + e.getMessage(), e);
    }
  }

  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String sql, List<String> params, RowMapper<T> mapper) {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TEMP VIEW samples AS " + table("samples", null));
        s.execute("CREATE TEMP VIEW mrd_results AS " + table("mrd_results", EMPTY_MRD_RESULTS));
        s.execute("CREATE TEMP VIEW populations AS " + table("populations", EMPTY_POPULATIONS));
      }
      try (PreparedStatement p = c.prepareStatement(sql)) {
        for (int i = 0; i < params.size(); i++) {
          p.setString(i + 1, params.get(i));
        }
        List<T> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.add(mapper.map(rs));
          }
        }
        return out;
      }
    } catch (SQLException e) {
      throw new WarehouseException(root + ": cannot read the warehouse tables: " + e.getMessage(), e);
    }
  }

  /** All runs of a table, partition columns typed as the pipeline writes them (run_id stays text). */
  private String table(String name, String whenEmpty) throws SQLException {
    Path folder = root.resolve(name);
    if (!hasParquet(folder)) {
      if (whenEmpty == null) {
        throw new SQLException("no Parquet files under " + folder);
      }
      return whenEmpty;
    }
    String glob = folder.resolve("*").resolve("*").resolve("*.parquet").toString();
    return "SELECT * FROM read_parquet(" + sqlText(glob) + ", hive_partitioning = true, union_by_name = true,"
        + " hive_types = {'run_date': DATE, 'run_id': VARCHAR})";
  }

  private static boolean hasParquet(Path folder) {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (Stream<Path> files = Files.find(folder, 3, (p, a) -> a.isRegularFile() && p.toString().endsWith(".parquet"))) {
      return files.findAny().isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  /** A SQL string literal (DuckDB table functions take no bind parameters for paths). */
  static String sqlText(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  private static Analysis analysis(ResultSet rs) throws SQLException {
    return new Analysis(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), nullableLong(rs, 10), rs.getString(11),
        rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15),
        json(rs.getString(16), new TypeReference<Map<String, String>>() {}), rs.getString(17), rs.getString(18),
        nullableDouble(rs, 19), nullableDouble(rs, 20), nullableInt(rs, 21), nullableInt(rs, 22), nullableLong(rs, 23),
        nullableLong(rs, 24), nullableLong(rs, 25), nullableDouble(rs, 26), nullableBoolean(rs, 27),
        nullableLong(rs, 28), nullableLong(rs, 29), nullableDouble(rs, 30), nullableBoolean(rs, 31),
        nullableLong(rs, 32), nullableBoolean(rs, 33),
        listOrEmpty(json(rs.getString(34), new TypeReference<List<String>>() {})),
        listOrEmpty(json(rs.getString(35), new TypeReference<List<String>>() {})), rs.getString(36), rs.getString(37));
  }

  private static <T> List<T> listOrEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static <T> T json(String text, TypeReference<T> type) {
    if (text == null) {
      return null;
    }
    try {
      return JSON.readValue(text, type);
    } catch (IOException e) {
      throw new WarehouseException("unexpected JSON from DuckDB: " + e.getMessage().lines().findFirst().orElse("")
          .toLowerCase(Locale.ROOT), e);
    }
  }

  private static Long nullableLong(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : v;
  }

  private static Integer nullableInt(ResultSet rs, int i) throws SQLException {
    int v = rs.getInt(i);
    return rs.wasNull() ? null : v;
  }

  private static Double nullableDouble(ResultSet rs, int i) throws SQLException {
    double v = rs.getDouble(i);
    return rs.wasNull() ? null : v;
  }

  private static Boolean nullableBoolean(ResultSet rs, int i) throws SQLException {
    boolean v = rs.getBoolean(i);
    return rs.wasNull() ? null : v;
  }
}
