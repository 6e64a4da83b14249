package org.mrdflow.fcs;

/** How one parameter's values are stored in DATA ({@code $DATATYPE} or 3.2's {@code $PnDATATYPE}). */
public enum FcsDataType {
  /** Unsigned binary integer of {@code $PnB} bits, bit-masked to {@code $PnR}. */
  INTEGER('I'),
  /** IEEE 754 single precision ({@code $PnB} = 32). */
  FLOAT('F'),
  /** IEEE 754 double precision ({@code $PnB} = 64). */
  DOUBLE('D'),
  /** ASCII decimal, fixed width ({@code $PnB} characters) or delimited ({@code $PnB} = *). */
  ASCII('A');

  private final char code;

  FcsDataType(char code) {
    this.code = code;
  }

  /** The letter used in {@code $DATATYPE}. */
  public char code() {
    return code;
  }

  /** The type for a {@code $DATATYPE} letter (case-insensitive), or null when unknown. */
  static FcsDataType ofCode(String letter) {
    if (letter == null || letter.strip().length() != 1) {
      return null;
    }
    char c = Character.toUpperCase(letter.strip().charAt(0));
    for (FcsDataType t : values()) {
      if (t.code == c) {
        return t;
      }
    }
    return null;
  }
}
