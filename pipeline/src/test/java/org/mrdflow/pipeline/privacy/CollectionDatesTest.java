package org.mrdflow.pipeline.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CollectionDatesTest {
  private static final Pseudonymizer KEY =
      new Pseudonymizer("a-test-key-of-32-characters-long".getBytes(StandardCharsets.UTF_8));
  private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
  private static final LocalDate MAY_20 = LocalDate.of(2026, 5, 20);

  @Test
  void exactMonthAndYearKeepTheDateOrItsFirstDayOfMonthOrYear() {
    LocalDate date = LocalDate.of(2026, 11, 27);
    assertThat(CollectionDates.EXACT.write(date, "P-1", null)).isEqualTo(date);
    assertThat(CollectionDates.MONTH.write(date, "P-1", null)).isEqualTo(LocalDate.of(2026, 11, 1));
    assertThat(CollectionDates.YEAR.write(date, "P-1", null)).isEqualTo(LocalDate.of(2026, 1, 1));
    assertThat(CollectionDates.YEAR.write(null, "P-1", null)).isNull();
  }

  /**
   * Expected dates from Python's hmac module (not this code): for each patient,
   * {@code b = int.from_bytes(hmac.new(key, b"mrdflow collection date shift v1|" + id, sha256).digest()[:8],
   * "big", signed=True)}, days = 1 + b % 182 (Python's % is a floor modulo), negated when b < 0.
   * P-1: b = 3873575308470839463, +38 days; P-2: b = -8206183237024074093, -28 days.
   */
  @Test
  void shiftMovesEveryDateOfAPatientByTheSameKeyedNumberOfDays() {
    assertThat(CollectionDates.SHIFT.write(MARCH_1, "P-1", KEY)).isEqualTo(LocalDate.of(2026, 4, 8));
    assertThat(CollectionDates.SHIFT.write(MAY_20, "P-1", KEY)).isEqualTo(LocalDate.of(2026, 6, 27));
    assertThat(CollectionDates.SHIFT.write(MARCH_1, "P-2", KEY)).isEqualTo(LocalDate.of(2026, 2, 1));
    assertThat(CollectionDates.SHIFT.write(MAY_20, "P-2", KEY)).isEqualTo(LocalDate.of(2026, 4, 22));
  }

  @Test
  void shiftsAreNeverZeroAtMostHalfAYearEitherWayAndDifferBetweenPatients() {
    Set<Long> shifts = new HashSet<>();
    for (int p = 0; p < 500; p++) {
      LocalDate shifted = CollectionDates.SHIFT.write(MARCH_1, "PATIENT-" + p, KEY);
      long days = ChronoUnit.DAYS.between(MARCH_1, shifted);
      assertThat(Math.abs(days)).isBetween(1L, (long) CollectionDates.MAX_SHIFT_DAYS);
      shifts.add(days);
    }
    // 500 keyed draws from 364 values: about 272 distinct expected if they spread evenly
    assertThat(shifts).hasSizeGreaterThan(250).anyMatch(d -> d < 0).anyMatch(d -> d > 0);
  }

  @Test
  void anotherKeyGivesAnotherShiftAndARowWithoutPatientGetsNoShiftedDate() {
    Pseudonymizer other = new Pseudonymizer("another-key-of-32-characters-xyz".getBytes(StandardCharsets.UTF_8));
    assertThat(CollectionDates.SHIFT.write(MARCH_1, "P-1", other))
        .isNotEqualTo(CollectionDates.SHIFT.write(MARCH_1, "P-1", KEY));
    assertThat(CollectionDates.SHIFT.write(MARCH_1, null, KEY)).isNull();
  }
}
