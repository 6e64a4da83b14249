package org.mrdflow.gating.gatingml;

/** Gating-ML 2.0 namespaces (ISAC, 2013) used by the reader and writer. */
final class GatingMl {
  static final String GATING = "http://www.isac-net.org/std/Gating-ML/v2.0/gating";
  static final String TRANSFORMS = "http://www.isac-net.org/std/Gating-ML/v2.0/transformations";
  static final String DATATYPES = "http://www.isac-net.org/std/Gating-ML/v2.0/datatypes";

  private GatingMl() {}
}
