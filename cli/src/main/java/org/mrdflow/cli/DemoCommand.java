package org.mrdflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.mrdflow.pipeline.config.ConfigException;
import org.mrdflow.pipeline.config.RunConfig;
import org.mrdflow.pipeline.privacy.Pseudonymizer;
import org.mrdflow.pipeline.run.RunRequest;
import org.mrdflow.simulation.MarrowSimulator;
import org.mrdflow.simulation.SampleSpec;
import org.mrdflow.simulation.Scenario;
import org.mrdflow.simulation.SimulationFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mrdflow demo}: simulate a small batch of marrows, run the job locally, show the outputs. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Simulate a small batch of bone marrows (normal, regenerating, B-cell aplasia,",
      "CD19-negative escape, mixed clones, 1e-4 and low cellularity) with a manifest",
      "of synthetic patients, run the Spark job locally and print where the Parquet",
      "tables and the HTML report are."
    })
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--out", defaultValue = "mrdflow-demo", paramLabel = "DIR",
      description = "Folder for the simulated files and the warehouse (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*]).")
  String master;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path fcs = out.resolve("fcs");
    Path manifest = out.resolve("manifest.csv");
    RunConfig config;
    try {
      simulate(fcs, manifest, stdout);
      config = RunConfig.load(Installation.home().resolve("conf/mrdflow.yaml"));
    } catch (IOException | ConfigException e) {
      err.println("demo: " + e.getMessage());
      return 2;
    }
    // Synthetic patients: a fresh random key shows pseudonymization without any setup.
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    RunRequest request = new RunRequest(fcs.toString(), out.resolve("warehouse").toString(), manifest.toString(),
        config, "demo", false, false, new Pseudonymizer(key));
    int status = RunCommand.execute(request, master, stdout, err);
    if (status == 0) {
      Path warehouse = out.resolve("warehouse").toAbsolutePath();
      stdout.println();
      stdout.println("Parquet tables: " + warehouse + "/{samples,mrd_results,populations}");
      stdout.println("HTML report:    " + warehouse.resolve("runs/demo/report.html"));
      stdout.println("Query them, e.g. with DuckDB:");
      stdout.println("  SELECT sample_id, mrd_status, mrd_fraction FROM read_parquet('" + warehouse
          + "/mrd_results/**/*.parquet', hive_partitioning = true);");
      stdout.flush();
    }
    return status;
  }

  /** Writes the demo batch unless a previous demo already did (the simulation is deterministic). */
  private static void simulate(Path fcs, Path manifest, PrintWriter stdout) throws IOException {
    List<SampleSpec> specs = Scenario.DEMO.expand(new Scenario.Options(1, null, 1, null, null));
    Files.createDirectories(fcs);
    StringBuilder csv = new StringBuilder("file,patient_id,specimen_id,collection_date,timepoint\n");
    LocalDate day = LocalDate.of(2026, 1, 5);
    for (int i = 0; i < specs.size(); i++) {
      SampleSpec s = specs.get(i);
      if (!Files.exists(fcs.resolve(s.sampleId() + ".fcs"))) {
        stdout.println("demo: simulating " + s.sampleId() + " (" + s.events() + " events)");
        stdout.flush();
        SimulationFiles.write(MarrowSimulator.simulate(s), fcs);
      }
      csv.append(s.sampleId()).append(".fcs,DEMO-PATIENT-").append(i / 2 + 1).append(",DEMO-SPECIMEN-")
          .append(i + 1).append(',').append(day.plusDays(28L * (i % 2))).append(',')
          .append(i % 2 == 0 ? "pre-CAR-T" : "CAR-T +28d").append('\n');
    }
    Files.writeString(manifest, csv);
    try (Stream<Path> files = Files.list(fcs)) {
      stdout.println("demo: " + files.filter(p -> p.toString().endsWith(".fcs")).count() + " FCS files in " + fcs);
    }
  }
}
