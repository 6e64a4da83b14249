package org.mrdflow.fcs;

/**
 * One parameter of a dataset, from its {@code $Pn*} keywords (FCS 3.1 section 3.2.18).
 *
 * @param number 1-based parameter number n
 * @param name {@code $PnN}, the detector/channel short name
 * @param label {@code $PnS} (often the marker), or null when absent
 * @param bits {@code $PnB}; 0 for delimited ASCII ({@code $PnB = *})
 * @param range {@code $PnR}; integer values are bit-masked to the next power of two at or above it
 * @param logDecades f1 of {@code $PnE = f1,f2}; 0 for linear (also when {@code $PnE} is absent)
 * @param logOffset f2 of {@code $PnE = f1,f2}
 * @param gain {@code $PnG}; 1 when absent
 * @param dataType the storage type ({@code $PnDATATYPE} in FCS 3.2, else {@code $DATATYPE})
 */
public record FcsChannel(
    int number,
    String name,
    String label,
    int bits,
    double range,
    double logDecades,
    double logOffset,
    double gain,
    FcsDataType dataType) {

  /** Whether {@code $PnE} declares log amplification (f1 &gt; 0). */
  public boolean isLogAmplified() {
    return logDecades > 0;
  }
}
