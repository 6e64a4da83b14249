package org.mrdflow.gating.mrd;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mrdflow.gating.gatingml.GatingMlException;
import org.mrdflow.gating.gatingml.GatingMlWriter;

/**
 * The MRD gates applied to one sample as a Gating-ML 2.0 document, so a cytometrist can open
 * exactly what MRDFlow did in FlowJo, FlowKit or Cytobank. Every MRD method returned geometry
 * (ranges on scatter, time and markers, the FSC-A/FSC-H ratio as an {@code fratio} dimension,
 * the linear blast scores as half-plane polygons, the grown blast clusters as ellipsoids,
 * Boolean combinations; see {@link org.mrdflow.gating.gate.Region}), and the engine applied
 * exactly that geometry: this is the engine's applied strategy written by
 * {@link GatingMlWriter}, with the sample's channel names and its logicle transforms. Read
 * back and applied, it selects the same events in every population.
 */
public final class MrdGatingMl {
  private MrdGatingMl() {}

  /** Writes the applied strategy of {@code sample}. */
  public static void write(MrdAnalysis.SampleAnalysis sample, Path file) {
    try (OutputStream out = Files.newOutputStream(file)) {
      GatingMlWriter.write(sample.gating(), out);
    } catch (IOException e) {
      throw new GatingMlException(file + ": cannot write: " + e.getMessage(), e);
    }
  }
}
