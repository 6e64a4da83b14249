package org.mrdflow.gating.gate;

import java.util.Objects;

/**
 * One axis of a gate, as in Gating-ML 2.0 section 3.4: which parameter, after which compensation,
 * on which scale.
 *
 * @param parameter a channel ({@code $PnN}), a panel marker (e.g. "CD19"), a compensated
 *     fluorochrome name, or, when {@code ratio} is true, the id of a ratio transform
 * @param ratio whether {@code parameter} names a ratio transform (Gating-ML {@code new-dimension})
 * @param compensation {@link #UNCOMPENSATED}, {@link #FILE_COMPENSATION} or the id of a
 *     spillover matrix declared in the strategy
 * @param transform id of a transform declared in the strategy, or empty for the linear scale
 */
public record Dimension(String parameter, boolean ratio, String compensation, String transform) {
  /** Raw (uncompensated) values: Gating-ML's {@code compensation-ref="uncompensated"}. */
  public static final String UNCOMPENSATED = "uncompensated";
  /** Compensated with the spillover matrix stored in the FCS file, if it has one. */
  public static final String FILE_COMPENSATION = "FCS";

  public Dimension {
    Objects.requireNonNull(parameter, "parameter");
    compensation = compensation == null || compensation.isEmpty() ? UNCOMPENSATED : compensation;
    transform = transform == null ? "" : transform;
  }

  /** A channel or marker on the given compensation and transform. */
  public static Dimension of(String parameter, String compensation, String transform) {
    return new Dimension(parameter, false, compensation, transform);
  }

  public boolean transformed() {
    return !transform.isEmpty();
  }
}
