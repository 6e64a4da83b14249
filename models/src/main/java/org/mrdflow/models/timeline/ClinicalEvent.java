package org.mrdflow.models.timeline;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A dated clinical event of a patient's timeline, from the clinical table (models/README.md,
 * "Clinical table").
 *
 * @param type what happened
 * @param date when
 */
public record ClinicalEvent(Type type, LocalDate date) {

  public ClinicalEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(date, "date");
  }

  /** The events a timeline marks; {@link #label()} is the text drawn beside the vertical line. */
  public enum Type {
    /** {@code car_t_infusion_date}: day 0 of the CAR-T course. */
    CAR_T_INFUSION("CAR-T"),
    /** {@code transplant_date}: allogeneic HSCT after CAR-T. */
    HSCT("HSCT"),
    /** {@code relapse_date}: morphological or extramedullary relapse (not MRD positivity). */
    RELAPSE("relapse");

    private final String label;

    Type(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
