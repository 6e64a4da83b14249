package org.mrdflow.pipeline.outcomes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mrdflow.models.outcomes.OutcomeTables.CoefficientRow;
import org.mrdflow.models.outcomes.OutcomeTables.EstimateRow;
import org.mrdflow.models.outcomes.OutcomeTables.GroupRow;
import org.mrdflow.models.outcomes.OutcomeTables.RiskModelRow;
import org.mrdflow.models.outcomes.OutcomeTables.TestRow;
import org.mrdflow.models.outcomes.OutcomesReport;
import org.mrdflow.models.outcomes.OutcomesSettings;

/** The one-page HTML summary of an outcomes run, written for clinicians: plain words, CIs, p-values. */
final class OutcomesHtml {

  private static final Map<String, String> ENDPOINTS =
      Map.of(
          "LFS", "Leukemia-free survival",
          "OS", "Overall survival",
          "CIR", "Cumulative incidence of relapse",
          "NRM", "Non-relapse mortality");

  private OutcomesHtml() {}

  static String render(OutcomesReport r, OutcomesRequest request) {
    OutcomesSettings s = r.settings();
    StringBuilder h = new StringBuilder(32_000);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>MRDFlow outcomes</title>\n<style>")
        .append("body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;color:#222;line-height:1.4}")
        .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}")
        .append("th{background:#f2f2f2}td:first-child,th:first-child{text-align:left}.note{color:#555;font-size:0.9em}")
        .append("img{max-width:100%;border:1px solid #eee;margin:0.5em 0}")
        .append("</style></head><body>\n<h1>Outcomes after CD19 CAR-T by MRD before transplant</h1>\n");
    h.append("<p class=\"note\">")
        .append(request.simulateSeed() != null
            ? "SIMULATED cohort (seed " + request.simulateSeed() + ") shaped like Hu et al. (seed paper 002): 122 patients; "
                + "published 2-year LFS 32.8% (no transplant), 27.6% (MRD-positive), 76.1% (MRD-negative). "
                + "These are the simulation's targets; with 15 to 67 patients per group one simulated cohort typically "
                + "lands within 10 to 20 percentage points of them (two standard errors)."
            : "Results: " + esc(request.results().toString()) + "; clinical table: " + esc(request.clinical().toString()))
        .append("</p>\n");

    h.append("<h2>Definitions</h2><ul>")
        .append("<li><b>LFS</b>: time to relapse or death, whichever comes first. A positive MRD result alone is not a relapse.</li>")
        .append("<li><b>OS</b>: time to death from any cause. <b>NRM</b>: death without relapse. ")
        .append("<b>CIR</b>: relapse, with NRM as a competing event (not censored).</li>")
        .append("<li><b>MRD before HSCT</b>: the last marrow within ").append(s.cohort().preTransplantWindowDays())
        .append(" days before transplant; positive = at least 1 leukemic cell per 10,000 nucleated cells (1e-4).</li>")
        .append("<li>Times from CAR-T infusion unless marked \"after HSCT\" (landmark at transplant, free of the waiting time ")
        .append("before transplant). 95% confidence intervals. An estimate at a time beyond a group's last follow-up is ")
        .append("not estimable and is shown as such.</li></ul>\n");

    h.append("<h2>Patients</h2><table><tr><th>Group</th><th>Patients</th><th>Relapses</th><th>Deaths without relapse</th><th>Deaths</th></tr>");
    for (GroupRow g : r.groups()) {
      if (g.analysis().equals("infusion")) {
        h.append("<tr><td>").append(esc(g.groupLabel())).append("</td><td>").append(g.patients()).append("</td><td>")
            .append(g.relapses()).append("</td><td>").append(g.nonRelapseDeaths()).append("</td><td>").append(g.deaths())
            .append("</td></tr>");
      }
    }
    h.append("</table><p class=\"note\">").append(r.patients()).append(" patients in the clinical table; ")
        .append(r.unknownPreTransplantMrd()).append(" transplanted without a usable pre-HSCT marrow; ")
        .append(r.unmatchedMeasurements()).append(" MRD results of patients not in the clinical table.</p>\n");

    timeDependent(h, r);

    estimates(h, r, "infusion", "Naive comparison from CAR-T infusion by group (biased)");
    h.append("<p class=\"note\"><b>Biased by immortal time:</b> a patient must stay alive and leukemia-free until ")
        .append("the transplant to be counted as transplanted, so comparing the groups from CAR-T infusion credits the ")
        .append("transplanted groups with that waiting time; use the time-dependent and landmark analyses above. ")
        .append("Shown for comparison with the seed paper.</p>\n");
    testsTable(h, r, "infusion");
    figure(h, r, "lfs_by_group", "os_by_group", "cir_by_group", "nrm_by_group");

    estimates(h, r, "transplant", "After transplant, by MRD before HSCT");
    testsTable(h, r, "transplant");
    figure(h, r, "lfs_from_transplant", "os_from_transplant", "cir_from_transplant");
    coefficientsTable(h, r);
    riskTable(h, r);

    if (!r.notes().isEmpty()) {
      h.append("<h2>Notes</h2><ul>");
      for (String n : r.notes()) {
        h.append("<li>").append(esc(n)).append("</li>");
      }
      h.append("</ul>\n");
    }
    h.append("<p class=\"note\">Tables (Parquet): tables/. Figures (PNG, SVG): figures/. Risk models (JSON): models/. ")
        .append("Kaplan-Meier with log-log intervals, log-rank tests, Aalen-Johansen cumulative incidence with Gray's test, ")
        .append("Cox (Efron ties) and Fine-Gray models; see models/README.md.</p>\n</body></html>\n");
    return h.toString();
  }

  private static void estimates(StringBuilder h, OutcomesReport r, String analysis, String title) {
    Map<String, Map<String, String>> cells = new LinkedHashMap<>();
    List<String> columns = new ArrayList<>();
    for (EstimateRow e : r.estimates()) {
      if (!e.analysis().equals(analysis)) {
        continue;
      }
      String column = String.format(Locale.ROOT, "%d-year %s", Math.round(e.months() / 12), e.endpoint());
      if (!columns.contains(column)) {
        columns.add(column);
      }
      String cell = !Double.isFinite(e.estimate()) && Double.isFinite(e.followUpMonths())
          ? String.format(Locale.ROOT, "<small>not estimable: follow-up ends at %.1f months</small>", e.followUpMonths())
          : percent(e.estimate()) + (Double.isFinite(e.lower()) && Double.isFinite(e.upper())
              ? "<br><small>(" + percent(e.lower()) + "&ndash;" + percent(e.upper()) + ")</small>" : "");
      cells.computeIfAbsent(e.groupLabel(), k -> new LinkedHashMap<>()).put(column, cell);
    }
    if (cells.isEmpty()) {
      return;
    }
    h.append("<h2>").append(esc(title)).append("</h2><table><tr><th>Group</th>");
    for (String c : columns) {
      h.append("<th>").append(esc(c)).append("</th>");
    }
    h.append("</tr>");
    for (Map.Entry<String, Map<String, String>> row : cells.entrySet()) {
      h.append("<tr><td>").append(esc(row.getKey())).append("</td>");
      for (String c : columns) {
        h.append("<td>").append(row.getValue().getOrDefault(c, "")).append("</td>");
      }
      h.append("</tr>");
    }
    h.append("</table>\n");
  }

  private static void testsTable(StringBuilder h, OutcomesReport r, String analysis) {
    h.append("<table><tr><th>Comparison</th><th>Endpoint</th><th>Test</th><th>p</th></tr>");
    for (TestRow t : r.tests()) {
      if (t.analysis().equals(analysis)) {
        h.append("<tr><td>").append(esc(t.comparison())).append("</td><td>").append(ENDPOINTS.getOrDefault(t.endpoint(), t.endpoint()))
            .append("</td><td>").append(esc(t.test())).append("</td><td>").append(p(t.p())).append("</td></tr>");
      }
    }
    h.append("</table>\n");
  }

  private static void figure(StringBuilder h, OutcomesReport r, String... names) {
    for (String name : names) {
      if (r.figures().containsKey(name)) {
        h.append("<img src=\"figures/").append(name).append(".png\" alt=\"").append(esc(r.figures().get(name).title())).append("\">\n");
      }
    }
  }

  /** Transplant and MRD as time-dependent covariates, Simon-Makuch and landmark curves. */
  private static void timeDependent(StringBuilder h, OutcomesReport r) {
    List<CoefficientRow> rows = r.coefficients().stream()
        .filter(c -> c.analysis().equals("time-dependent") || c.analysis().startsWith("landmark ")
            || c.analysis().equals("naive (biased)"))
        .toList();
    if (rows.isEmpty() && r.tests().stream().noneMatch(t -> t.analysis().equals("time-dependent"))) {
      return;
    }
    h.append("<h2>Transplant and MRD over time (main analysis)</h2><p class=\"note\">Each patient counts as ")
        .append("untransplanted until the day of HSCT and as transplanted afterwards, and carries the result of his last ")
        .append("marrow (MRD-positive or negative) until the next one: hazard ratios from Cox models with time-dependent ")
        .append("covariates (Efron ties; robust SE clustered by patient), the Mantel-Byar test, Simon-Makuch curves ")
        .append("(numbers at risk change as patients switch group) and landmark analyses (patients leukemia-free at the ")
        .append("landmark day, grouped by transplant by then). The naive \"ever transplanted\" ratio is shown only for ")
        .append("contrast: it is biased.</p>")
        .append("<table><tr><th>Factor</th><th>Endpoint</th><th>Analysis</th><th>Hazard ratio (95% CI)</th><th>p</th>")
        .append("<th>Patients / events</th></tr>");
    for (CoefficientRow c : rows) {
      h.append("<tr><td>").append(esc(c.term().replace('_', ' '))).append("</td><td>").append(c.endpoint())
          .append("</td><td>").append(esc(c.analysis().equals("time-dependent") ? c.model() : c.analysis() + ", " + c.model()))
          .append("</td><td>").append(num(c.ratio())).append(" (").append(num(c.lower())).append("&ndash;")
          .append(num(c.upper())).append(")</td><td>").append(p(c.p())).append("</td><td>").append(c.patients())
          .append(" / ").append(c.events()).append("</td></tr>");
    }
    h.append("</table>\n<table><tr><th>Comparison</th><th>Endpoint</th><th>Test</th><th>p</th></tr>");
    for (TestRow t : r.tests()) {
      if (t.analysis().equals("time-dependent") || t.analysis().startsWith("landmark ")) {
        h.append("<tr><td>").append(esc(t.comparison())).append("</td><td>").append(ENDPOINTS.getOrDefault(t.endpoint(), t.endpoint()))
            .append("</td><td>").append(esc(t.test())).append("</td><td>").append(p(t.p())).append("</td></tr>");
      }
    }
    h.append("</table>\n");
    figure(h, r, r.figures().keySet().stream()
        .filter(n -> n.startsWith("lfs_simon_makuch") || n.startsWith("lfs_landmark_")).toArray(String[]::new));
  }

  private static void coefficientsTable(StringBuilder h, OutcomesReport r) {
    List<CoefficientRow> transplant = r.coefficients().stream().filter(c -> c.analysis().equals("transplant")).toList();
    if (transplant.isEmpty()) {
      return;
    }
    h.append("<h2>Risk factors after transplant</h2><p class=\"note\">Hazard ratios (Cox, LFS and OS) and subdistribution ")
        .append("hazard ratios (Fine-Gray, relapse); above 1 = worse. Multivariable: MRD before HSCT, age &ge; 40, ")
        .append("more than one prior relapse (the model of paper 002, Table 2).</p>")
        .append("<table><tr><th>Factor</th><th>Endpoint</th><th>Model</th><th>Ratio (95% CI)</th><th>p</th><th>Patients / events</th></tr>");
    for (CoefficientRow c : transplant) {
      h.append("<tr><td>").append(esc(c.term().replace('_', ' '))).append("</td><td>").append(c.endpoint()).append("</td><td>")
          .append(esc(c.model())).append("</td><td>").append(num(c.ratio())).append(" (").append(num(c.lower())).append("&ndash;")
          .append(num(c.upper())).append(")</td><td>").append(p(c.p())).append("</td><td>").append(c.patients()).append(" / ")
          .append(c.events()).append("</td></tr>");
    }
    h.append("</table>\n");
  }

  private static void riskTable(StringBuilder h, OutcomesReport r) {
    if (r.riskModels().isEmpty()) {
      return;
    }
    OutcomesSettings s = r.settings();
    RiskModelRow first = r.riskModels().get(0);
    h.append("<h2>Predicting relapse</h2><p class=\"note\">Target: relapse within ").append(s.risk().horizonDays())
        .append(" days after a landmark ").append(s.risk().landmarkDays())
        .append(" days after CAR-T, with death without relapse as a competing event (such a death counts as no relapse). ")
        .append(first.patients()).append(" patients were alive, relapse-free and followed at the landmark; all of them are ")
        .append("scored and none is excluded: ").append(first.relapses()).append(" relapsed within the horizon, ")
        .append(first.controls()).append(" did not (").append(first.competingDeaths())
        .append(" of them died without relapse), and ").append(first.censoredBeforeHorizon())
        .append(" were censored before the horizon, so whether they relapse in it is unknown. Their share is carried by ")
        .append("inverse-probability-of-censoring weights (IPCW): each patient whose outcome is known counts 1 / (probability ")
        .append("of still being followed), from the Kaplan-Meier estimate of follow-up. The classifiers are trained and ")
        .append("evaluated with these weights (time-dependent AUC and Brier score, Blanche et al. 2013); the Fine-Gray ")
        .append("comparator uses every patient's follow-up directly. Cross-validated: ")
        .append(first.folds()).append("-fold, ").append(first.repeats()).append(" repeats, seed ").append(first.seed())
        .append(". AUC: chance 0.5, perfect 1. Brier: lower is better. Calibration slope: 1 is ideal, below 1 = over-confident. ")
        .append("C-index: agreement with time to relapse. Every out-of-fold prediction is in tables/out_of_fold_predictions.</p>")
        .append("<table><tr><th>Model</th><th>AUC (95% CI), IPCW</th><th>Brier, IPCW</th><th>Calibration slope, IPCW</th>")
        .append("<th>C-index</th><th>Complete-case AUC</th><th>Complete-case Brier</th></tr>");
    for (RiskModelRow m : r.riskModels()) {
      h.append("<tr><td>").append(esc(m.model().replace('_', ' '))).append("</td><td>").append(num(m.auc())).append(" (")
          .append(num(m.aucLower())).append("&ndash;").append(num(m.aucUpper())).append(")</td><td>").append(num(m.brier()))
          .append("</td><td>").append(num(m.calibrationSlope())).append("</td><td>").append(num(m.concordance()))
          .append("</td><td>").append(num(m.completeCaseAuc())).append("</td><td>").append(num(m.completeCaseBrier()))
          .append("</td></tr>");
    }
    h.append("</table><p class=\"note\">Complete-case columns, for comparison only: unweighted, on the ")
        .append(first.completeCasePatients()).append(" patients whose status at the horizon is known (the ")
        .append(first.censoredBeforeHorizon()).append(" censored before it left out). Leaving them out enriches the sample ")
        .append("in relapses, because relapses end follow-up early and are always known.</p>\n");
  }

  private static String percent(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "&ndash;";
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "&ndash;";
  }

  private static String p(double v) {
    if (!Double.isFinite(v)) {
      return "&ndash;";
    }
    return v < 0.001 ? "&lt; 0.001" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
