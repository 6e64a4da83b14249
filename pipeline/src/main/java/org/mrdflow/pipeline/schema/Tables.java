package org.mrdflow.pipeline.schema;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet tables of an MRDFlow warehouse, defined once (architecture.md, "Parquet contract").
 * Column names are an interface: users and the outcome models query them, so columns may be
 * added but never renamed. Every column carries its description as the Spark field comment, so
 * {@code DESCRIBE} and the Parquet footer document it too.
 *
 * <p>The partition columns {@code run_date} (ISO date the run started, UTC) and {@code run_id}
 * are not stored inside the files: as with Spark's {@code partitionBy}, they are the directory
 * names {@code <table>/run_date=YYYY-MM-DD/run_id=ID/} and appear as columns to any reader with
 * Hive partition discovery (Spark by default, DuckDB with {@code hive_partitioning = true}).
 */
public final class Tables {
  public static final String SAMPLES = "samples";
  public static final String MRD_RESULTS = "mrd_results";
  public static final String POPULATIONS = "populations";
  public static final String EVENTS = "events";
  public static final String PATIENT_TIMELINE = "patient_timeline";

  /** One row per input file, analysed or not. */
  public static final StructType SAMPLES_SCHEMA =
      schema(
          col("sample_id", StringType, true,
              "The sample's identity, from its content: first 16 bytes (hex) of SHA-256 over file_sha256 and the"
                  + " analysed data set; same bytes, same id in any folder or run; unique per run (a byte-identical"
                  + " copy is a DUPLICATE row with null sample_id); null when the file could not be read"),
          col("source_path", StringType, false,
              "The file's keyed pseudonym (file-<hex>), or its full path or URI as listed when the run kept file"
                  + " names in clear (--keep-file-names)"),
          col("file_name", StringType, false,
              "The file's keyed pseudonym, or the last path component of the path when file names were kept in clear"),
          col("file_bytes", LongType, false, "File size in bytes"),
          col("file_sha256", StringType, true, "SHA-256 (hex) of the file's bytes; null when the file could not be read"),
          col("fcs_version", StringType, true, "FCS version from the HEADER, e.g. 3.1; null when the file is not FCS"),
          col("instrument", StringType, true, "$CYT keyword (cytometer); null when absent or not allow-listed"),
          col("total_events", LongType, true, "$TOT: events in the data set analysed"),
          col("keywords", DataTypes.createMapType(StringType, StringType, true), true,
              "TEXT keywords whose names are on the configured allow-list (privacy); others are never copied"),
          col("patient_key", StringType, true,
              "Keyed HMAC-SHA256 (hex) of the manifest patient_id; null when the file has no manifest row"),
          col("specimen_key", StringType, true, "Keyed HMAC-SHA256 (hex) of the manifest specimen_id"),
          col("patient_id", StringType, true,
              "Manifest patient_id in clear: only filled when the run was told to keep identifiers in clear"),
          col("specimen_id", StringType, true,
              "Manifest specimen_id in clear: only filled when the run was told to keep identifiers in clear"),
          col("collection_date", DataTypes.DateType, true, "Manifest collection_date (ISO 8601); its first day of"
              + " month or year, or shifted per patient, with run --collection-date month|year|shift"),
          col("timepoint", StringType, true, "Manifest timepoint label, e.g. 'pre-HSCT', 'CAR-T +28d'"),
          col("manifest_extra", DataTypes.createMapType(StringType, StringType, true), true,
              "Further manifest columns, only those on the configured allow-list"),
          col("manifest_matched", BooleanType, true,
              "True when a manifest row names this file; false when a manifest was given but none matched, null without manifest"),
          col("status", StringType, false, "OK or FAILED"),
          col("error_code", StringType, true, "Stable failure code (pipeline README, 'Error codes'); null when OK"),
          col("error_message", StringType, true, "What went wrong, naming the file as source_path does (never quoting FCS TEXT values); null when OK"),
          col("plot_paths", DataTypes.createArrayType(StringType, false), false,
              "Gating plots of this sample, relative to the run folder runs/<run_id>/"),
          col("pipeline_version", StringType, false, "MRDFlow version that wrote the row"));

  /** One row per successfully analysed sample (status OK). */
  public static final StructType MRD_RESULTS_SCHEMA =
      schema(
          col("sample_id", StringType, false, "Joins samples.sample_id (1:1 within a run: join on run_id and sample_id)"),
          col("patient_key", StringType, true, "As samples.patient_key"),
          col("nucleated_events", LongType, false, "MRD denominator: every singlet event after time QC and debris removal, CD45-negative erythroid included (the domain brief's nucleated cells); when the file has a DNA dye, the dye-positive singlets"),
          col("blast_events", LongType, false, "Leukemic blast events (CD19+ and CD19-negative)"),
          col("mrd_fraction", DoubleType, false, "blast_events / nucleated_events"),
          col("mrd_status", StringType, false, "POSITIVE | NEGATIVE | INDETERMINATE"),
          col("status_reason", StringType, false, "Why the status was given (MrdStatusReason codes)"),
          col("sensitivity", DoubleType, false, "Achieved sensitivity: LOD events / nucleated events"),
          col("lod_events", IntegerType, false, "Limit of detection in events"),
          col("lloq_events", IntegerType, false, "Lower limit of quantification in events"),
          col("cd19_pos_blast_events", LongType, false, "Blasts expressing CD19"),
          col("cd19_pos_blast_fraction", DoubleType, true, "cd19_pos_blast_events / blast_events; null without blasts"),
          col("hcd19_car_eligible", BooleanType, true, "Eligible for a CD19 CAR (CD19+ blast fraction); null with fewer blasts than the LOD or when CD19 expression is not established (qc flag cd19-expression-uncertain)"),
          col("lymphocyte_events", LongType, false, "Denominator of B cells % of lymphocytes: T/NK cells that are not blasts plus normal B cells (not a scatter gate)"),
          col("b_cell_events", LongType, false, "Normal B-cell events (hematogones + mature B)"),
          col("b_cell_fraction_of_lymphocytes", DoubleType, true, "b_cell_events / lymphocyte_events; null without lymphocytes"),
          col("b_cell_aplasia", BooleanType, true, "B-cell aplasia (CAR-T persistence marker); null without lymphocytes"),
          col("hematogone_events", LongType, false, "Hematogone (normal B precursor) events"),
          col("panel_limited", BooleanType, false, "True when a panel marker was missing and the call is limited"),
          col("qc_flags", DataTypes.createArrayType(StringType, false), false, "Quality-control flags raised by the analysis"),
          col("gating_strategy_id", StringType, false, "Identifier of the gating strategy used"),
          col("gating_strategy_sha256", StringType, false, "SHA-256 of the gating strategy definition"),
          col("pipeline_version", StringType, false, "MRDFlow version that wrote the row"),
          col("references_used", DataTypes.createArrayType(StringType, false), false,
              "Reference populations the blast cuts rest on: cd34-progenitors (absent when too few or when they were blasts; the reference is then placed from the T/NK cells, qc flag progenitor-reference-from-t-nk), t-nk-lymphocytes, granulocytes"),
          col("time_qc_removed_fraction", DoubleType, false, "Share of the acquired events removed by the time QC"),
          col("negative_control_positive_fraction", DoubleType, true,
              "Compensation sanity measured on the file: the larger share of T/NK cells above the CD34 and above the CD10 positive level (they express neither); null without T/NK cells"),
          col("progenitor_fraction", DoubleType, true,
              "Hemodilution index: CD34+ CD10- progenitors / nucleated cells that are not blasts; null when the progenitors could not serve as the reference"),
          col("granulocyte_fraction", DoubleType, true,
              "High-SSC cells / nucleated cells that are not blasts (granulocyte depletion); null without such cells"),
          col("saturated_fraction", DoubleType, false, "Nucleated events with FSC or SSC at saturation ($PnR - 1), as a share of nucleated_events: they stay in the denominator and out of lineage gating"),
          col("dna_negative_events", LongType, true, "Singlets below the DNA dye's valley (not nucleated); null when the file has no nucleated-cell dye"),
          col("compensation_source", StringType, false, "Spillover matrix applied: file (its own keyword), lab:<id> (conf/compensation/lab-matrices.yaml) or none (flag uncompensated)"));

  /** One row per gated population per analysed sample. */
  public static final StructType POPULATIONS_SCHEMA =
      schema(
          col("sample_id", StringType, false, "Joins samples.sample_id (1:1 within a run: join on run_id and sample_id)"),
          col("population", StringType, false,
              "Population path in the gating strategy, as `mrdflow gate` prints it, e.g. /time-ok/cells/nucleated/ssc-low/blasts"),
          col("parent", StringType, true,
              "Parent population path in the strategy (not necessarily a row itself); null for the root"),
          col("events", LongType, false, "Events in the population"),
          col("fraction_of_parent", DoubleType, true, "events / parent events; null when the parent is empty"),
          col("fraction_of_nucleated", DoubleType, true, "events / nucleated_events (the MRD denominator, erythroid included); null when there are none"),
          col("marker_medians", DataTypes.createMapType(StringType, DoubleType, false), false,
              "Median of each marker on the gating (transformed) scale; empty for an empty population"));

  /**
   * Each patient's MRD course, derived over every run of the warehouse by {@code mrdflow timeline}
   * (models' {@code PatientTimelines}): one row per analysed sample and one per clinical event, not
   * partitioned (the whole table is replaced at once).
   */
  public static final StructType PATIENT_TIMELINE_SCHEMA =
      schema(
          col("patient_key", StringType, false, "As samples.patient_key (pseudonymized)"),
          col("sequence", IntegerType, false, "Position in the patient's timeline, from 1: by date, a day's samples before its clinical events"),
          col("row_type", StringType, false, "SAMPLE, or the clinical event: CAR_T_INFUSION, HSCT, RELAPSE"),
          col("sample_id", StringType, true, "As mrd_results.sample_id; null on event rows"),
          col("run_id", StringType, true, "The run whose analysis of the sample this is (the latest, when a content was analysed in several runs); null on event rows"),
          col("collection_date", DataTypes.DateType, true, "As samples.collection_date (under the run's --collection-date policy); null on event rows"),
          col("collection_date_policy", StringType, true, "exact, month, year or shift: the --collection-date policy of the run (provenance.json); null on event rows"),
          col("event_date", DataTypes.DateType, true, "Date of the clinical event (clinical table); null on sample rows"),
          col("days_from_first_sample", IntegerType, false, "Days from the patient's first sample (negative for an event before it)"),
          col("days_from_car_t", IntegerType, true, "Days from the CAR-T infusion; null without a clinical row for the patient"),
          col("timepoint", StringType, true, "As samples.timepoint"),
          col("specimen", StringType, true, "Specimen type from the manifest (manifest_extra specimen_type or specimen), null when unknown (counted as marrow)"),
          col("mrd_fraction", DoubleType, true, "As mrd_results.mrd_fraction"),
          col("mrd_status", StringType, true, "As mrd_results.mrd_status"),
          col("nucleated_events", LongType, true, "As mrd_results.nucleated_events (the MRD denominator)"),
          col("blast_events", LongType, true, "As mrd_results.blast_events"),
          col("b_cell_fraction_of_lymphocytes", DoubleType, true, "As mrd_results.b_cell_fraction_of_lymphocytes"),
          col("b_cell_aplasia", BooleanType, true, "As mrd_results.b_cell_aplasia"),
          col("cd19_pos_blast_fraction", DoubleType, true, "As mrd_results.cd19_pos_blast_fraction"),
          col("hcd19_car_eligible", BooleanType, true, "As mrd_results.hcd19_car_eligible"),
          col("mrd_conversion", BooleanType, true, "This marrow is POSITIVE after a NEGATIVE one (INDETERMINATE counts as neither); null on event rows"),
          col("loss_of_b_cell_aplasia", BooleanType, true, "This marrow has normal B cells after B-cell aplasia, after CAR-T and before HSCT; null on event rows"),
          col("early_loss_of_b_cell_aplasia", BooleanType, true, "On the loss-of-aplasia row: within 63 days of the infusion (paper 001); null elsewhere and when the infusion date is unknown"),
          col("cd19_negative_emergence", BooleanType, true, "This marrow's blasts are not CD19-positive (not hCD19-eligible, or under 5% CD19+) after earlier CD19-positive disease; null on event rows"),
          col("mrd_before_hsct", BooleanType, true, "This is the last marrow on or before the HSCT date; null on event rows"),
          col("flags", DataTypes.createArrayType(StringType, false), false,
              "The flags this row shows, one sentence each with dates and values; on the HSCT row, that no marrow preceded it"));

  private Tables() {}

  /**
   * The {@code events} table for a panel: sample, event index, population label, then one float
   * column per marker (compensated and transformed, on the gating scale), named in lower case.
   */
  public static StructType eventsSchema(List<String> markerColumns) {
    List<StructField> fields = new ArrayList<>();
    fields.add(col("sample_id", StringType, false, "Joins samples.sample_id"));
    fields.add(col("event_index", IntegerType, false, "0-based event position in the FCS DATA segment"));
    fields.add(col("population", StringType, false, "Deepest gated population path the event belongs to"));
    for (String marker : markerColumns) {
      fields.add(col(marker, FloatType, true, "Compensated and transformed value of " + marker));
    }
    return new StructType(fields.toArray(StructField[]::new));
  }

  /**
   * What one Spark task produces per file and the job stages before splitting it into tables:
   * the samples row, the mrd_results row (null when FAILED) and the populations rows.
   */
  public static final StructType OUTCOME_SCHEMA =
      schema(
          col("sample", SAMPLES_SCHEMA, false, "samples row"),
          col("mrd", MRD_RESULTS_SCHEMA, true, "mrd_results row; null when the sample FAILED"),
          col("populations", DataTypes.createArrayType(POPULATIONS_SCHEMA, false), false, "populations rows"));

  /** A builder for one row of {@code schema}, filled by column name. */
  public static RowBuilder row(StructType schema) {
    return new RowBuilder(schema);
  }

  /**
   * Fills one row by column name and hands it over in the schema's column order (with the schema,
   * so readers use names too), so the code
   * that maps results to columns never depends on positions. Every column must be set (null
   * explicitly where allowed): a column added to the schema and forgotten here fails the first
   * row, not silently shifts the others.
   */
  public static final class RowBuilder {
    private final StructType schema;
    private final Object[] values;
    private final boolean[] set;

    private RowBuilder(StructType schema) {
      this.schema = schema;
      this.values = new Object[schema.size()];
      this.set = new boolean[schema.size()];
    }

    /** @throws IllegalArgumentException for a column the schema does not have, or set twice */
    public RowBuilder set(String column, Object value) {
      if (!schema.getFieldIndex(column).isDefined()) {
        throw new IllegalArgumentException("no column '" + column + "' in " + schema.simpleString());
      }
      int i = schema.fieldIndex(column);
      if (set[i]) {
        throw new IllegalArgumentException("column '" + column + "' set twice");
      }
      set[i] = true;
      values[i] = value;
      return this;
    }

    /** @throws IllegalStateException when a column is unset, or null but not nullable */
    public Row build() {
      for (int i = 0; i < values.length; i++) {
        StructField f = schema.fields()[i];
        if (!set[i]) {
          throw new IllegalStateException("column '" + f.name() + "' not set");
        }
        if (values[i] == null && !f.nullable()) {
          throw new IllegalStateException("column '" + f.name() + "' is not nullable");
        }
      }
      return new GenericRowWithSchema(values.clone(), schema);
    }
  }

  private static StructType schema(StructField... fields) {
    return new StructType(fields);
  }

  private static StructField col(String name, DataType type, boolean nullable, String doc) {
    Metadata md = new MetadataBuilder().putString("comment", doc).build();
    return new StructField(name, type, nullable, md);
  }
}
