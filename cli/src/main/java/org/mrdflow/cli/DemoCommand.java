package org.mrdflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
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
      "Simulates a small batch of bone marrows (normal, regenerating, B-cell aplasia,",
      "CD19-negative escape, mixed clones, 1e-4 and low cellularity) of four synthetic",
      "patients, with a manifest and a clinical table. Runs the Spark job locally and",
      "derives the patients' timelines (patient_timeline, a figure each). Prints",
      "where the Parquet tables, the HTML report and the figures are, and the",
      "outcomes command that reads them.",
      "The demo pseudonymizes with a fixed, published key (" + DemoCommand.DEMO_KEY + "),",
      "so its patient keys are the same on every machine: never use it for real patients."
    })
public final class DemoCommand implements Callable<Integer> {
  /**
   * The demo's pseudonym key: fixed and published, so the demo's patient_keys (and the clinical
   * table it writes) are the same everywhere. Synthetic patients only.
   */
  static final String DEMO_KEY = "mrdflow-demo-key-public-not-secret";
  private static final LocalDate FIRST_INFUSION = LocalDate.of(2026, 1, 5);

  /**
   * Who each simulated marrow belongs to, with a coherent story per patient: MRD before CD19
   * CAR-T and B-cell aplasia (or escape, or low cellularity) after it; a regenerating marrow
   * after transplant.
   *
   * @param sampleIdPrefix the simulated sample (Scenario.DEMO's ids start with it)
   * @param dayFromInfusion collection day relative to the patient's CAR-T infusion
   */
  private record DemoMarrow(String sampleIdPrefix, int patient, String timepoint, int dayFromInfusion) {}

  private static final List<DemoMarrow> MARROWS = List.of(
      new DemoMarrow("demo-classic-1e-2", 1, "pre-CAR-T", -7),
      new DemoMarrow("demo-aplasia", 1, "CAR-T +28d", 28),
      new DemoMarrow("demo-mixed80-1e-3", 2, "pre-CAR-T", -5),
      new DemoMarrow("demo-cd19neg-1e-3", 2, "CAR-T +28d", 28),
      new DemoMarrow("demo-dil-1e-4", 3, "pre-CAR-T", -6),
      new DemoMarrow("demo-lowcell-neg", 3, "CAR-T +28d", 28),
      new DemoMarrow("demo-normal", 4, "CAR-T +28d", 28),
      new DemoMarrow("demo-regen-hg10", 4, "HSCT +60d", 156));

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
      config = RunConfig.loadDefault(Installation.home());
    } catch (IOException | ConfigException e) {
      err.println("demo: " + e.getMessage());
      return 2;
    }
    Pseudonymizer key = new Pseudonymizer(DEMO_KEY.getBytes(StandardCharsets.UTF_8));
    Path clinical = out.resolve("clinical.csv");
    try {
      writeClinical(clinical, key);
    } catch (IOException e) {
      err.println("demo: " + e.getMessage());
      return 2;
    }
    RunRequest request = new RunRequest(fcs.toString(), out.resolve("warehouse").toString(), manifest.toString(),
        config, "demo", false, false, key);
    int status = RunCommand.execute(request, master, stdout, err);
    if (status == 0) {
      stdout.println();
      status = TimelineCommand.execute(out.resolve("warehouse"), clinical, out.resolve("timeline"), master, stdout, err);
    }
    if (status == 0) {
      Path warehouse = out.resolve("warehouse").toAbsolutePath();
      stdout.println();
      stdout.println("Parquet tables: " + warehouse + "/{samples,mrd_results,populations,patient_timeline}");
      stdout.println("HTML report:    " + warehouse.resolve("runs/demo/report.html"));
      stdout.println("Query them, e.g. with DuckDB:");
      stdout.println("  SELECT sample_id, mrd_status, mrd_fraction FROM read_parquet('" + warehouse
          + "/mrd_results/**/*.parquet', hive_partitioning = true);");
      stdout.println("Outcome models on the demo's 4 patients (clinical table keyed by their patient_key):");
      stdout.println("  bin/mrdflow outcomes --results " + warehouse + " --clinical " + clinical.toAbsolutePath()
          + " --output " + out.resolve("outcomes").toAbsolutePath());
      stdout.println("Review and sign the calls in the browser (review/README.md):");
      stdout.println("  bin/mrdflow users add --warehouse " + warehouse + " NAME --role reviewer");
      stdout.println("  bin/mrdflow review --warehouse " + warehouse + " --input " + fcs.toAbsolutePath());
      stdout.flush();
    }
    return status;
  }

  private static DemoMarrow marrow(String sampleId) {
    return MARROWS.stream().filter(m -> sampleId.startsWith(m.sampleIdPrefix() + "-")).findFirst()
        .orElseThrow(() -> new IllegalStateException("no demo patient for simulated sample " + sampleId));
  }

  private static String patientId(int patient) {
    return "DEMO-PATIENT-" + patient;
  }

  /** Infusions a week apart, so the patients' calendars differ. */
  private static LocalDate infusion(int patient) {
    return FIRST_INFUSION.plusDays(7L * (patient - 1));
  }

  /**
   * The clinical table of the four demo patients in the contract of models/README.md, keyed by
   * the patient_key the run will write (same key, same HMAC): patient 2 relapses with the
   * CD19-negative escape, patient 4 was transplanted; follow-up about 10 months.
   */
  private static void writeClinical(Path clinical, Pseudonymizer key) throws IOException {
    StringBuilder csv = new StringBuilder("patient_key,car_t_infusion_date,transplant_date,relapse_date,"
        + "death_date,last_follow_up_date,age_years,sex,prior_relapses,prior_allo_hsct,poor_risk_cytogenetics,"
        + "ldh_above_uln,platelets_e9_per_l,car_t_source\n");
    String[][] patients = {
        {"", "", "", "300", "34", "F", "1", "false", "false", "false", "160"},
        {"", "75", "", "290", "52", "M", "2", "true", "true", "true", "80"},
        {"", "", "", "310", "19", "M", "1", "false", "false", "false", "210"},
        {"96", "", "", "305", "41", "F", "1", "false", "true", "false", "120"}};
    for (int p = 1; p <= patients.length; p++) {
      String[] v = patients[p - 1];
      LocalDate day0 = infusion(p);
      csv.append(key.pseudonym(patientId(p))).append(',').append(day0).append(',')
          .append(v[0].isEmpty() ? "" : day0.plusDays(Long.parseLong(v[0]))).append(',')
          .append(v[1].isEmpty() ? "" : day0.plusDays(Long.parseLong(v[1]))).append(',')
          .append(v[2]).append(',').append(day0.plusDays(Long.parseLong(v[3]))).append(',')
          .append(String.join(",", List.of(v).subList(4, 11))).append(",AUTOLOGOUS\n");
    }
    Files.createDirectories(clinical.toAbsolutePath().getParent());
    Files.writeString(clinical, csv);
  }

  /** Writes the demo batch unless a previous demo already did (the simulation is deterministic). */
  private static void simulate(Path fcs, Path manifest, PrintWriter stdout) throws IOException {
    List<SampleSpec> specs = Scenario.DEMO.expand(Scenario.DEMO_BATCH);
    Files.createDirectories(fcs);
    StringBuilder csv = new StringBuilder("file,patient_id,specimen_id,collection_date,timepoint\n");
    for (int i = 0; i < specs.size(); i++) {
      SampleSpec s = specs.get(i);
      if (!Files.exists(fcs.resolve(s.sampleId() + ".fcs"))) {
        stdout.println("demo: simulating " + s.sampleId() + " (" + s.events() + " events)");
        stdout.flush();
        SimulationFiles.write(MarrowSimulator.simulate(s), fcs);
      }
      DemoMarrow m = marrow(s.sampleId());
      csv.append(s.sampleId()).append(".fcs,").append(patientId(m.patient())).append(",DEMO-SPECIMEN-")
          .append(i + 1).append(',').append(infusion(m.patient()).plusDays(m.dayFromInfusion())).append(',')
          .append(m.timepoint()).append('\n');
    }
    Files.writeString(manifest, csv);
    try (Stream<Path> files = Files.list(fcs)) {
      stdout.println("demo: " + files.filter(p -> p.toString().endsWith(".fcs")).count() + " FCS files in " + fcs);
    }
  }
}
