package org.mrdflow.simulation;

/** The six antigens of the B-ALL MRD panel (domain brief section 2), in the simulator's order. */
public enum Marker {
  CD10,
  CD19,
  CD20,
  CD34,
  CD38,
  CD45;

  static final int COUNT = values().length;
}
