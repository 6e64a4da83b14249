package org.mrdflow.models.cohort;

/**
 * The three groups of paper 002 (non-transplant, MRD-positive and MRD-negative before HSCT), plus
 * transplanted patients whose pre-transplant MRD is not known (no marrow in the window, or the last
 * one was INDETERMINATE). Unknown patients are reported, never silently merged into a group.
 */
public enum PreTransplantGroup {
  NO_TRANSPLANT("No transplant"),
  MRD_NEGATIVE("MRD-negative before HSCT"),
  MRD_POSITIVE("MRD-positive before HSCT"),
  MRD_UNKNOWN("MRD unknown before HSCT");

  private final String label;

  PreTransplantGroup(String label) {
    this.label = label;
  }

  /** Human-readable label for tables and plots. */
  public String label() {
    return label;
  }
}
