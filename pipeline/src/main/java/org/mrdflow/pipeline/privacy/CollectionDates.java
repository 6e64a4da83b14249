package org.mrdflow.pipeline.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;

/**
 * How {@code samples.collection_date} is written. A collection date is a quasi-identifier (with a
 * hospital and a diagnosis it can single out a patient; HIPAA Safe Harbor lets only the year
 * through), so a de-identified research warehouse may coarsen or shift it.
 *
 * <ul>
 *   <li>{@link #EXACT}: as the manifest gives it (the default; what {@code outcomes} needs to
 *       place each marrow between infusion, transplant and relapse);
 *   <li>{@link #MONTH}: the first day of its month;
 *   <li>{@link #YEAR}: the first of January of its year;
 *   <li>{@link #SHIFT}: moved by a per-patient number of days, 1 to {@value #MAX_SHIFT_DAYS} either
 *       way, from the keyed HMAC of the patient id: every date of a patient moves by the same days
 *       in every run with the same key, so the intervals between a patient's marrows stay exact.
 *       Needs the pseudonym key (a per-run key would move a patient differently each night), and
 *       a row without patient_id gets no date.
 * </ul>
 */
public enum CollectionDates {
  EXACT,
  MONTH,
  YEAR,
  SHIFT;

  /** Largest shift, in days, either way: half a year, so the season stays unknown. */
  public static final int MAX_SHIFT_DAYS = 182;

  private static final String SHIFT_LABEL = "mrdflow collection date shift v1|";

  /** The option value as typed ({@code exact}, {@code month}, {@code year}, {@code shift}). */
  public String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The date to write for a manifest row.
   *
   * @param key the pseudonym key; only {@link #SHIFT} uses it, and then it must not be null
   */
  public LocalDate write(LocalDate date, String patientId, Pseudonymizer key) {
    if (date == null) {
      return null;
    }
    return switch (this) {
      case EXACT -> date;
      case MONTH -> date.withDayOfMonth(1);
      case YEAR -> date.withDayOfYear(1);
      case SHIFT -> patientId == null ? null : date.plusDays(shiftDays(patientId, key));
    };
  }

  /**
   * The patient's shift: the first 8 bytes of HMAC-SHA256(key, label + patient id) as a signed
   * long; its sign is the direction, its magnitude modulo {@value #MAX_SHIFT_DAYS} plus one the days
   * (never 0, which would leave the true date).
   */
  static long shiftDays(String patientId, Pseudonymizer key) {
    long bits = ByteBuffer.wrap(key.hmac((SHIFT_LABEL + patientId).getBytes(StandardCharsets.UTF_8))).getLong();
    long days = 1 + Math.floorMod(bits, MAX_SHIFT_DAYS);
    return bits < 0 ? -days : days;
  }
}
