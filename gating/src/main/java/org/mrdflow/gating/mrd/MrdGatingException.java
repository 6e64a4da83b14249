package org.mrdflow.gating.mrd;

import org.mrdflow.gating.GatingException;

/**
 * A sample the automated MRD gating cannot analyse (e.g. no nucleated cells, or too few normal
 * progenitors to calibrate against); the message names the sample and what is missing.
 */
public class MrdGatingException extends GatingException {
  public MrdGatingException(String sourceName, String problem) {
    super(sourceName + ": " + problem);
  }
}
