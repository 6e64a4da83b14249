package org.mrdflow.fcs;

import java.util.Objects;

/**
 * How to read an FCS file. The defaults ({@link #defaults()}) are strict and return RAW values:
 * integers bit-masked to {@code $PnR} (FCS 3.1 section 3.3.28), no {@code $PnE}, {@code $PnG} or
 * {@code $TIMESTEP} scaling. Leniency is opt-in by name; flowCore's {@code read.FCS} defaults are
 * {@link #flowCoreDefaults()}.
 *
 * @param emptyValueMode how a doubled delimiter in TEXT is read (see {@link EmptyValueMode})
 * @param ignoreOffsetDiscrepancy when the HEADER and TEXT data offsets disagree and NEITHER
 *     segment matches {@code $TOT} x bytes per event, read {@code $TOT} events from the start of
 *     the HEADER segment (the TEXT one when HEADER is blank) instead of failing, as long as the
 *     file holds them. Disagreements that one segment resolves are always resolved, with a notice.
 * @param linearize decode {@code $PnE = f1,f2} (f1 &gt; 0) on integer channels to {@code
 *     10^(f1 * x / $PnR) * f2} (f2 = 0 read as 1), as flowCore's {@code transformation =
 *     "linearize"}; float channels are left alone
 * @param truncateAtRange clamp values above {@code $PnR} to {@code $PnR} before linearizing, as
 *     flowCore's {@code truncate_max_range = TRUE}
 * @param applyGain divide linear ({@code $PnE = 0,0}) channels by {@code $PnG}, the scale value
 *     of FCS 3.1 section 3.3.25 (flowCore's read.FCS never applies {@code $PnG})
 * @param applyTimestep multiply the channel named {@code Time} by {@code $TIMESTEP}
 */
public record FcsReadOptions(
    EmptyValueMode emptyValueMode,
    boolean ignoreOffsetDiscrepancy,
    boolean linearize,
    boolean truncateAtRange,
    boolean applyGain,
    boolean applyTimestep) {

  /** Readings of a doubled delimiter inside TEXT. */
  public enum EmptyValueMode {
    /**
     * Read by the spec (an escaped delimiter inside a keyword or value), unless that reading
     * merges keywords (a KEY holds a delimiter) and the empty-value reading is well-formed; the
     * dataset's notices say which reading was used.
     */
    AUTO,
    /** Always the spec reading (FCS 3.1 section 3.2.9). */
    SPEC,
    /** A doubled delimiter always ends a keyword or value and the next value is empty. */
    EMPTY
  }

  public FcsReadOptions {
    Objects.requireNonNull(emptyValueMode, "emptyValueMode");
  }

  /** Strict, raw values, empty-value detection on. */
  public static FcsReadOptions defaults() {
    return new FcsReadOptions(EmptyValueMode.AUTO, false, false, false, false, false);
  }

  /**
   * flowCore {@code read.FCS} with its defaults ({@code transformation = "linearize",
   * truncate_max_range = TRUE}): {@code $PnE} decoding and truncation at {@code $PnR}, no gain, no
   * time step.
   */
  public static FcsReadOptions flowCoreDefaults() {
    return defaults().withLinearize(true).withTruncateAtRange(true);
  }

  /** Whether any option changes values away from the raw ones. */
  public boolean transformsValues() {
    return linearize || truncateAtRange || applyGain || applyTimestep;
  }

  public FcsReadOptions withEmptyValueMode(EmptyValueMode mode) {
    return new FcsReadOptions(
        mode, ignoreOffsetDiscrepancy, linearize, truncateAtRange, applyGain, applyTimestep);
  }

  public FcsReadOptions withIgnoreOffsetDiscrepancy(boolean on) {
    return new FcsReadOptions(
        emptyValueMode, on, linearize, truncateAtRange, applyGain, applyTimestep);
  }

  public FcsReadOptions withLinearize(boolean on) {
    return new FcsReadOptions(
        emptyValueMode, ignoreOffsetDiscrepancy, on, truncateAtRange, applyGain, applyTimestep);
  }

  public FcsReadOptions withTruncateAtRange(boolean on) {
    return new FcsReadOptions(
        emptyValueMode, ignoreOffsetDiscrepancy, linearize, on, applyGain, applyTimestep);
  }

  public FcsReadOptions withApplyGain(boolean on) {
    return new FcsReadOptions(
        emptyValueMode, ignoreOffsetDiscrepancy, linearize, truncateAtRange, on, applyTimestep);
  }

  public FcsReadOptions withApplyTimestep(boolean on) {
    return new FcsReadOptions(
        emptyValueMode, ignoreOffsetDiscrepancy, linearize, truncateAtRange, applyGain, on);
  }
}
