package org.mrdflow.gating.flowjo;

/**
 * Something of a workspace that could not be imported, naming the sample and the gate (FlowJo
 * path) it concerns. The rest of the workspace is still imported.
 *
 * @param kind what went wrong
 * @param sample the SampleNode name
 * @param gate the population path ({@code /Lymphocytes/Singlets}), or null for a whole sample
 * @param detail what was found, in words
 */
public record FlowJoImportProblem(Kind kind, String sample, String gate, String detail) {
  public enum Kind {
    /** The sample's FCS file was not found (by URI, file name or $FIL). */
    MISSING_FILE,
    /** A gate or matrix names a parameter the FCS file does not have. */
    UNKNOWN_PARAMETER,
    /** A gate element the importer does not know (spline, curly quad, ...). */
    UNSUPPORTED_GATE,
    /** A transform the importer cannot reproduce, on an axis where it changes the gate. */
    UNSUPPORTED_TRANSFORM,
    /** A gate whose parent or Boolean operand could not be imported. */
    DEPENDS_ON_SKIPPED
  }

  @Override
  public String toString() {
    return kind + ": sample " + sample + (gate == null ? "" : ", gate " + gate) + ": " + detail;
  }
}
