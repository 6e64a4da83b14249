package org.mrdflow.models.cohort;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The clinical table's column contract (models/README.md, "Clinical table") and its conversion
 * from rows of text values, whatever file format they were read from, and to CSV.
 */
public final class ClinicalTable {

  public static final String PATIENT_KEY = "patient_key";
  public static final String CAR_T_INFUSION_DATE = "car_t_infusion_date";
  public static final String TRANSPLANT_DATE = "transplant_date";
  public static final String RELAPSE_DATE = "relapse_date";
  public static final String DEATH_DATE = "death_date";
  public static final String LAST_FOLLOW_UP_DATE = "last_follow_up_date";
  public static final String AGE_YEARS = "age_years";
  public static final String SEX = "sex";
  public static final String PRIOR_RELAPSES = "prior_relapses";
  public static final String PRIOR_ALLO_HSCT = "prior_allo_hsct";
  public static final String POOR_RISK_CYTOGENETICS = "poor_risk_cytogenetics";
  public static final String LDH_ABOVE_ULN = "ldh_above_uln";
  public static final String PLATELETS = "platelets_e9_per_l";
  public static final String CAR_T_SOURCE = "car_t_source";

  /** All columns in CSV order; all but the three event dates and platelets are required. */
  public static final List<String> COLUMNS =
      List.of(PATIENT_KEY, CAR_T_INFUSION_DATE, TRANSPLANT_DATE, RELAPSE_DATE, DEATH_DATE, LAST_FOLLOW_UP_DATE,
          AGE_YEARS, SEX, PRIOR_RELAPSES, PRIOR_ALLO_HSCT, POOR_RISK_CYTOGENETICS, LDH_ABOVE_ULN, PLATELETS,
          CAR_T_SOURCE);

  private static final List<String> OPTIONAL = List.of(TRANSPLANT_DATE, RELAPSE_DATE, DEATH_DATE, PLATELETS);

  private ClinicalTable() {}

  /**
   * Converts rows (column name to text; null or blank = missing) into records. Consistency between
   * dates is checked later by {@link CohortBuilder}.
   *
   * @param columns the columns the source has, to report missing ones before reading rows
   * @throws ClinicalDataException naming the 1-based row for a value that cannot be parsed
   * @throws IllegalArgumentException naming the column when a required column is absent
   */
  public static List<ClinicalRecord> fromRows(List<String> columns, List<Map<String, String>> rows) {
    for (String required : COLUMNS) {
      if (!OPTIONAL.contains(required) && !columns.contains(required)) {
        throw new IllegalArgumentException("the clinical table has no column '" + required + "'");
      }
    }
    List<ClinicalRecord> records = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      records.add(record(i + 1, rows.get(i)));
    }
    return records;
  }

  private static ClinicalRecord record(int row, Map<String, String> values) {
    String key = text(values, PATIENT_KEY);
    Parser p = new Parser(row, key == null ? "?" : key, values);
    String platelets = text(values, PLATELETS);
    Covariates covariates =
        new Covariates(
            p.number(AGE_YEARS),
            p.parse(SEX, Sex::parse),
            (int) p.wholeNumber(PRIOR_RELAPSES),
            p.bool(PRIOR_ALLO_HSCT),
            p.bool(POOR_RISK_CYTOGENETICS),
            p.bool(LDH_ABOVE_ULN),
            platelets == null ? Double.NaN : p.number(PLATELETS),
            p.parse(CAR_T_SOURCE, CarTSource::parse));
    return new ClinicalRecord(
        key, p.date(CAR_T_INFUSION_DATE), p.date(TRANSPLANT_DATE), p.date(RELAPSE_DATE), p.date(DEATH_DATE),
        p.date(LAST_FOLLOW_UP_DATE), covariates);
  }

  private static String text(Map<String, String> values, String column) {
    String v = values.get(column);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** Writes records as CSV with the {@link #COLUMNS} header (empty cell = missing). */
  public static void writeCsv(List<ClinicalRecord> records, Path path) throws IOException {
    try (Writer w = Files.newBufferedWriter(path)) {
      w.write(String.join(",", COLUMNS));
      w.write('\n');
      for (ClinicalRecord r : records) {
        Covariates c = r.covariates();
        List<String> cells =
            List.of(r.patientKey(), str(r.carTInfusionDate()), str(r.transplantDate()), str(r.relapseDate()),
                str(r.deathDate()), str(r.lastFollowUpDate()), Double.toString(c.ageYears()),
                c.sex().name(), Integer.toString(c.priorRelapses()), Boolean.toString(c.priorAlloHsct()),
                Boolean.toString(c.poorRiskCytogenetics()), Boolean.toString(c.ldhAboveUln()),
                Double.isNaN(c.plateletsPerNanoliter()) ? "" : Double.toString(c.plateletsPerNanoliter()),
                c.carTSource().name());
        w.write(String.join(",", cells));
        w.write('\n');
      }
    }
  }

  private static String str(LocalDate date) {
    return date == null ? "" : date.toString();
  }

  /** Parses one row's cells, naming the row, patient and column on failure. */
  private record Parser(int row, String key, Map<String, String> values) {

    <T> T parse(String column, java.util.function.Function<String, T> parser) {
      String v = required(column);
      try {
        return parser.apply(v);
      } catch (IllegalArgumentException e) {
        throw new ClinicalDataException(row, key, e.getMessage());
      }
    }

    String required(String column) {
      String v = text(values, column);
      if (v == null) {
        throw new ClinicalDataException(row, key, column + " is missing");
      }
      return v;
    }

    LocalDate date(String column) {
      String v = text(values, column);
      if (v == null) {
        return null;
      }
      try {
        return LocalDate.parse(v);
      } catch (DateTimeParseException e) {
        throw new ClinicalDataException(row, key, column + " '" + v + "' is not an ISO date (YYYY-MM-DD)");
      }
    }

    double number(String column) {
      String v = required(column);
      try {
        return Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new ClinicalDataException(row, key, column + " '" + v + "' is not a number");
      }
    }

    long wholeNumber(String column) {
      double d = number(column);
      if (d != Math.rint(d)) {
        throw new ClinicalDataException(row, key, column + " '" + required(column) + "' is not a whole number");
      }
      return (long) d;
    }

    boolean bool(String column) {
      String v = required(column).toLowerCase(Locale.ROOT);
      return switch (v) {
        case "true", "yes", "y", "1" -> true;
        case "false", "no", "n", "0" -> false;
        default -> throw new ClinicalDataException(row, key, column + " '" + v + "' is not true/false/yes/no/1/0");
      };
    }
  }
}
