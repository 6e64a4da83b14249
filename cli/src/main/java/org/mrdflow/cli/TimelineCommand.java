package org.mrdflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.mrdflow.models.plot.TimelineFigure;
import org.mrdflow.models.timeline.PatientTimeline;
import org.mrdflow.models.timeline.TimelineFlag;
import org.mrdflow.pipeline.job.SparkSessions;
import org.mrdflow.pipeline.outcomes.OutcomesInputException;
import org.mrdflow.pipeline.timeline.TimelineJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mrdflow timeline}: each patient's MRD course over all runs of a warehouse, as the patient_timeline table. */
@Command(
    name = "timeline",
    mixinStandardHelpOptions = true,
    description = {
      "Derives each patient's MRD course from every run of a warehouse (samples",
      "whose manifest row gave a patient and a collection date): MRD, B cells %% of",
      "lymphocytes, B-cell aplasia and the CD19+ share of blasts by date, the",
      "CAR-T, HSCT and relapse dates of a clinical table, and the flags MRD",
      "conversion, loss of B-cell aplasia, CD19-negative blasts and MRD before HSCT.",
      "Writes them as the Parquet table patient_timeline in the warehouse,",
      "replacing an earlier one."
    })
public final class TimelineCommand implements Callable<Integer> {

  @Option(names = "--warehouse", required = true, paramLabel = "DIR",
      description = "Pipeline output folder to read (mrd_results and samples) and to write patient_timeline into.")
  Path warehouse;

  @Option(names = "--clinical", paramLabel = "FILE",
      description = "Clinical table (.csv or Parquet, the format outcomes reads; see models/README.md) giving the CAR-T,"
          + " HSCT and relapse dates.")
  Path clinical;

  @Option(names = "--figures", paramLabel = "DIR",
      description = "Also writes each patient's timeline figure into this folder as PNG and SVG, named by the first 12"
          + " digits of the patient key.")
  Path figures;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*]).")
  String master;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return execute(warehouse, clinical, figures, master, spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  /** Runs the command; also the last step of {@code demo}. Exit 0, 2 bad input, 1 output not writable. */
  static int execute(Path warehouse, Path clinical, Path figures, String master, PrintWriter out, PrintWriter err) {
    TimelineJob.Result result;
    try {
      TimelineJob.checkInputs(warehouse, clinical);
      SparkSession spark = SparkSessions.create(master, Installation.home().resolve("conf/spark-defaults.conf"));
      result = TimelineJob.run(spark, warehouse, clinical);
    } catch (OutcomesInputException e) {
      err.println("timeline: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("timeline: " + warehouse + ": " + e.getMessage());
      return 1;
    }
    out.printf("patient_timeline: %d patients, %d rows in %s%n", result.timelines().size(), result.rows(),
        result.table().toAbsolutePath());
    if (result.withoutPatientOrDate() > 0) {
      out.printf("  %d analysed samples without patient_key or collection_date left out%n", result.withoutPatientOrDate());
    }
    for (PatientTimeline t : result.timelines()) {
      out.printf("  patient %s: %d samples%s; %s%n", shortKey(t), t.samples().size(),
          t.clinical() == null ? ", no clinical row" : "",
          t.flags().isEmpty() ? "no flag"
              : t.flags().stream().map(TimelineFlag::description).collect(Collectors.joining(" ")));
    }
    if (figures != null) {
      try {
        Files.createDirectories(figures);
        for (PatientTimeline t : result.timelines()) {
          Files.write(figures.resolve(shortKey(t) + ".png"), TimelineFigure.png(t));
          Files.write(figures.resolve(shortKey(t) + ".svg"), TimelineFigure.svg(t));
        }
      } catch (IOException e) {
        err.println("timeline: cannot write figures to " + figures + ": " + e.getMessage());
        return 1;
      }
      out.printf("figures: %s/<patient>.png, .svg%n", figures.toAbsolutePath());
    }
    out.flush();
    return 0;
  }

  private static String shortKey(PatientTimeline t) {
    return t.patientKey().length() > 12 ? t.patientKey().substring(0, 12) : t.patientKey();
  }
}
