package org.mrdflow.pipeline.outcomes;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mrdflow.models.cohort.ClinicalTable;
import org.mrdflow.models.cohort.MrdMeasurement;
import org.mrdflow.models.simulate.SimulatedCohort;

/** Writes a simulated cohort's inputs as CSV so a demo run shows what it analysed. */
final class SimulatedInputs {

  private SimulatedInputs() {}

  static void write(SimulatedCohort sim, Path dir) throws IOException {
    Files.createDirectories(dir);
    ClinicalTable.writeCsv(sim.clinical(), dir.resolve("clinical.csv"));
    try (Writer w = Files.newBufferedWriter(dir.resolve("mrd_measurements.csv"))) {
      w.write("patient_key,sample_id,collection_date,timepoint,specimen,mrd_fraction,mrd_status,"
          + "nucleated_events,blast_events,cd19_pos_blast_fraction,b_cell_aplasia\n");
      for (MrdMeasurement m : sim.measurements()) {
        w.write(String.join(",", m.patientKey(), m.sampleId(), m.collectionDate().toString(), m.timepoint(),
            m.specimen(), Double.toString(m.mrdFraction()), m.status().name(), Long.toString(m.nucleatedEvents()),
            Long.toString(m.blastEvents()),
            Double.isNaN(m.cd19PositiveBlastFraction()) ? "" : Double.toString(m.cd19PositiveBlastFraction()),
            m.bCellAplasia() == null ? "" : m.bCellAplasia().toString()));
        w.write('\n');
      }
    }
  }
}
