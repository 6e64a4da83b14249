package org.mrdflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mrdflow.models.cohort.CohortSettings;
import org.mrdflow.models.outcomes.OutcomeTables.CoefficientRow;
import org.mrdflow.models.outcomes.OutcomeTables.EstimateRow;
import org.mrdflow.models.outcomes.OutcomeTables.RiskModelRow;
import org.mrdflow.models.outcomes.OutcomesReport;
import org.mrdflow.models.outcomes.OutcomesSettings;
import org.mrdflow.models.risk.CrossValidationSettings;
import org.mrdflow.models.risk.RiskSettings;
import org.mrdflow.pipeline.outcomes.OutcomesInputException;
import org.mrdflow.pipeline.outcomes.OutcomesJob;
import org.mrdflow.pipeline.outcomes.OutcomesRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mrdflow outcomes}: from MRD results and a clinical table to survival analyses and risk models. */
@Command(
    name = "outcomes",
    mixinStandardHelpOptions = true,
    description = {
      "Join mrd_results with a clinical table and derive LFS/OS/CIR/NRM. Transplant and MRD status are",
      "time-dependent covariates (Cox on (start, stop] rows, Simon-Makuch and landmark curves, Mantel-Byar);",
      "the naive comparison from infusion is reported beside them only, marked as biased by immortal time.",
      "Also fits Kaplan-Meier, log-rank, Cox, cumulative incidence, Gray, Fine-Gray and Smile risk models, and",
      "writes Parquet tables, PNG/SVG figures, JSON models and outcomes.html. --simulate runs on a simulated cohort."
    })
public final class OutcomesCommand implements Callable<Integer> {

  @Option(names = "--results", paramLabel = "DIR", description = "Pipeline output folder (with mrd_results and samples).")
  Path results;

  @Option(names = "--clinical", paramLabel = "FILE", description = "Clinical table: .csv or Parquet (columns in models/README.md).")
  Path clinical;

  @Option(names = "--simulate", description = "Analyse a simulated 122-patient cohort shaped like seed paper 002 instead.")
  boolean simulate;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
  Path output;

  @Option(names = "--seed", defaultValue = "2020", description = "Seed of the simulation, the folds and the forest (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--mrd-window-days", defaultValue = "" + CohortSettings.DEFAULT_PRE_TRANSPLANT_WINDOW_DAYS,
      description = "Pre-transplant MRD = last marrow within this many days before HSCT (default ${DEFAULT-VALUE}).")
  int windowDays;

  @Option(names = "--landmark-days", defaultValue = "90", description = "Risk models: landmark after infusion (default ${DEFAULT-VALUE}).")
  int landmarkDays;

  @Option(names = "--horizon-days", defaultValue = "730", description = "Risk models: relapse horizon after the landmark (default ${DEFAULT-VALUE}).")
  int horizonDays;

  @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds (default ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--repeats", defaultValue = "10", description = "Cross-validation repeats (default ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--use-reviewed",
      description = "Use only analyses signed off in the review workstation (the warehouse's reviews table), with the reviewers' overrides; unsigned ones are left out and counted.")
  boolean useReviewed;

  @Option(names = "--no-bands", description = "Draw the curves without confidence limits.")
  boolean noBands;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    if (simulate == (results != null || clinical != null) || (!simulate && (results == null || clinical == null))) {
      err.println("outcomes: give either --results DIR and --clinical FILE, or --simulate (see mrdflow outcomes --help)");
      return 2;
    }
    OutcomesSettings settings;
    try {
      settings = new OutcomesSettings(
          new CohortSettings(windowDays), new RiskSettings(landmarkDays, horizonDays),
          new CrossValidationSettings(folds, repeats, seed, 5), seed, !noBands);
    } catch (IllegalArgumentException e) {
      err.println("outcomes: " + e.getMessage());
      return 2;
    }
    if (useReviewed && simulate) {
      err.println("outcomes: --use-reviewed reads a warehouse's reviews: give --results, not --simulate");
      return 2;
    }
    OutcomesRequest request = new OutcomesRequest(results, clinical, simulate ? seed : null, output, settings, useReviewed);
    // a session already running in this JVM (a caller's, a test's) is used and left running
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark =
        SparkSession.builder().master("local[*]").appName("mrdflow outcomes")
            .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC").getOrCreate();
    try {
      OutcomesJob.Result result = OutcomesJob.run(request, spark);
      if (useReviewed) {
        out.println("reviewed calls only: " + result.notSignedOff() + " analyses left out as not signed off");
      }
      printSummary(out, result.report());
      for (RiskModelRow m : result.report().riskModels()) {
        out.printf(Locale.ROOT, "%-22s AUC %.3f (%.3f-%.3f), C-index %.3f%n", m.model(), m.auc(), m.aucLower(), m.aucUpper(),
            m.concordance());
      }
      out.println("wrote " + result.html() + " (" + result.tables() + " tables, " + result.figures() + " figures, "
          + result.models() + " models)");
      return 0;
    } catch (OutcomesInputException e) {
      err.println("outcomes: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("outcomes: cannot write to " + output + ": " + e.getMessage());
      return 1;
    } finally {
      if (ownSession) {
        spark.stop();
      }
    }
  }

  /**
   * The headline numbers on the terminal, in the HTML's order: LFS hazard ratios of transplant
   * and MRD positivity as time-dependent covariates first; the 2-year LFS of the groups compared
   * from infusion only after them, labelled as biased (a transplanted patient had to survive
   * leukemia-free until the transplant), and "not estimable" past a group's follow-up.
   */
  private static void printSummary(PrintWriter out, OutcomesReport report) {
    for (CoefficientRow c : report.coefficients()) {
      if (c.analysis().equals("time-dependent") && c.endpoint().equals("LFS") && c.model().endsWith("robust SE")) {
        out.printf(Locale.ROOT, "LFS hazard ratio, %-20s %.2f (%.2f-%.2f), p = %.3g; time-dependent Cox, robust SE%n",
            c.term().equals("hsct") ? "transplant:" : c.term().equals("mrd_pos") ? "MRD-positive marrow:" : c.term() + ":",
            c.ratio(), c.lower(), c.upper(), c.p());
      }
    }
    for (EstimateRow e : report.estimates()) {
      if (e.analysis().equals("infusion") && e.months() == 24 && e.endpoint().equals("LFS")) {
        String value = !Double.isFinite(e.estimate())
            ? String.format(Locale.ROOT, "not estimable: follow-up ends at %.1f months", e.followUpMonths())
            : String.format(Locale.ROOT, "%.1f%%", 100 * e.estimate())
                + (Double.isFinite(e.lower()) && Double.isFinite(e.upper())
                    ? String.format(Locale.ROOT, " (%.1f-%.1f)", 100 * e.lower(), 100 * e.upper()) : "");
        out.printf(Locale.ROOT, "2-year LFS %-26s %s, n = %d (naive, from infusion: biased by immortal time)%n",
            e.groupLabel(), value, e.patients());
      }
    }
  }
}
