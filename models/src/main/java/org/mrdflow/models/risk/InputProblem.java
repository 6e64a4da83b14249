package org.mrdflow.models.risk;

/** Why a feature value of a row to score was refused (the {@code error_code} of predict-risk's errors table). */
public enum InputProblem {
  /** Empty cell or null. */
  MISSING,
  /** Text that is not a number. */
  NOT_A_NUMBER,
  /** NaN or an infinity. */
  NON_FINITE,
  /** Outside the training range widened by {@link FeatureRange#MARGIN}. */
  OUT_OF_RANGE,
  /** A fraction where the training data held only whole numbers (a count or a 0/1 flag). */
  NOT_A_WHOLE_NUMBER
}
