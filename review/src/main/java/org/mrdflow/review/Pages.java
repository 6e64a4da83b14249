package org.mrdflow.review;

import static org.mrdflow.review.Text.count;
import static org.mrdflow.review.Text.esc;
import static org.mrdflow.review.Text.percent;
import static org.mrdflow.review.Text.yesNo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mrdflow.gating.mrd.ReportText;
import org.mrdflow.gating.mrd.MrdRules;
import org.mrdflow.gating.mrd.MrdStatusReason;
import org.mrdflow.review.store.AuditEntry;
import org.mrdflow.review.store.Role;
import org.mrdflow.review.store.User;
import org.mrdflow.review.warehouse.Analysis;
import org.mrdflow.review.warehouse.Population;
import org.mrdflow.review.warehouse.RunSummary;

/**
 * The HTML pages. Every value from the warehouse, the FCS file or a user goes through
 * {@link Text#esc}; URLs carry only run ids, sample ids (content pseudonyms) and filter words.
 * No external resource: the CSS is inline, there is no script.
 */
final class Pages {
  /** The top navigation: one entry per page family. */
  static final List<Map.Entry<String, String>> NAVIGATION =
      List.of(Map.entry("/runs", "Runs"), Map.entry("/patients", "Patients"));

  private static final String CSS = """
      body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}
      header{display:flex;gap:1.5em;align-items:center;background:#1f3b57;color:#fff;padding:.6em 1.2em}
      header a{color:#fff;font-weight:600;text-decoration:none}header .user{margin-left:auto}
      header form{display:inline}main{padding:1em 1.5em;max-width:1400px}
      table{border-collapse:collapse;background:#fff;margin:.5em 0 1.5em}
      th,td{border:1px solid #d0d7de;padding:.25em .6em;text-align:left;vertical-align:top}
      th{background:#eef2f6}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      .POSITIVE{color:#b00020;font-weight:700}.NEGATIVE{color:#1b6e20;font-weight:700}.INDETERMINATE{color:#8a5a00;font-weight:700}
      .FAILED{color:#b00020}.flag{display:inline-block;background:#fff3cd;border:1px solid #e0c36c;border-radius:3px;padding:0 .3em;margin:1px}
      .state{display:inline-block;border-radius:3px;padding:0 .4em;background:#e6e6e6}
      .state.signed,.state.countersigned{background:#d4edda}.state.overridden{background:#fde2e1}.state.accepted{background:#dbe9f7}
      .overridden-value{background:#fde2e1}.error{background:#fde2e1;border:1px solid #b00020;padding:.5em 1em}
      .cards{display:flex;flex-wrap:wrap;gap:1em}.card{background:#fff;border:1px solid #d0d7de;padding:.6em 1em;min-width:280px}
      figure{display:inline-block;margin:.5em;background:#fff;border:1px solid #d0d7de;padding:.5em}
      figure img{max-width:100%;height:auto}form.action{background:#fff;border:1px solid #d0d7de;padding:.6em 1em;margin:.5em 0}
      label{display:inline-block;margin-right:1em}textarea{width:32em;height:3em;vertical-align:top}
      #audit td:nth-child(7),#audit td:nth-child(8){overflow-wrap:anywhere;max-width:28em}
      """;

  private Pages() {}

  static String page(String title, User user, String csrf, String body) {
    StringBuilder h = new StringBuilder(4096);
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
        .append(" - MRDFlow review</title><style>").append(CSS).append("</style></head><body><header>");
    h.append("<span>MRDFlow review</span>");
    if (user != null) {
      for (Map.Entry<String, String> nav : NAVIGATION) {
        h.append("<a href=\"").append(nav.getKey()).append("\">").append(esc(nav.getValue())).append("</a>");
      }
      h.append("<span class=\"user\">").append(esc(user.name())).append(" (").append(user.role().id()).append(")</span>")
          .append("<form method=\"post\" action=\"/logout\">").append(csrfField(csrf))
          .append("<button type=\"submit\">Sign out</button></form>");
    }
    h.append("</header><main><h1>").append(esc(title)).append("</h1>").append(body).append("</main></body></html>");
    return h.toString();
  }

  static String login(String loginToken, String message) {
    StringBuilder b = new StringBuilder();
    if (message != null) {
      b.append("<p class=\"error\">").append(esc(message)).append("</p>");
    }
    b.append("<form class=\"action\" method=\"post\" action=\"/login\">").append(csrfField(loginToken))
        .append("<p><label>Name <input name=\"name\" id=\"name\" autocomplete=\"username\" required></label></p>")
        .append("<p><label>Password <input name=\"password\" id=\"password\" type=\"password\" autocomplete=\"current-password\" required></label></p>")
        .append("<p><button type=\"submit\" id=\"sign-in\">Sign in</button></p></form>")
        .append("<p>Accounts are made on the server: <code>bin/mrdflow users add --warehouse DIR NAME --role reviewer</code>.</p>");
    return page("Sign in", null, null, b.toString());
  }

  static String runs(List<RunSummary> runs, Map<String, long[]> reviewedAndSigned) {
    StringBuilder b = new StringBuilder();
    if (runs.isEmpty()) {
      b.append("<p>The warehouse has no runs yet.</p>");
    }
    b.append("<table id=\"runs\"><tr><th>Run</th><th>Date</th><th>Files</th><th>OK</th><th>Failed</th><th>Positive</th>")
        .append("<th>Negative</th><th>Indeterminate</th><th>Reviewed</th><th>Signed off</th></tr>");
    for (RunSummary r : runs) {
      long[] rs = reviewedAndSigned.getOrDefault(r.runId(), new long[2]);
      b.append("<tr><td><a href=\"/samples?run_id=").append(url(r.runId())).append("\">").append(esc(r.runId()))
          .append("</a></td><td>").append(esc(r.runDate())).append("</td>")
          .append(num(r.files())).append(num(r.ok())).append(num(r.failed())).append(num(r.positive()))
          .append(num(r.negative())).append(num(r.indeterminate())).append(num(rs[0])).append(num(rs[1])).append("</tr>");
    }
    return b.append("</table>").toString();
  }

  /** The filters of the sample list, as typed in its URL. */
  record Filters(String status, String call, String qcFlag, String review) {
    boolean keep(Analysis a, ReviewState s) {
      return (status == null || status.equals(a.status()))
          && (call == null || call.equals(effective(a, s, ReviewField.MRD_STATUS)))
          && (qcFlag == null || a.qcFlags().contains(qcFlag))
          && (review == null || review.equals(s.status().id()));
    }
  }

  static String samples(String runId, List<Analysis> all, Map<String, ReviewState> states, Filters f) {
    Set<String> flags = new TreeSet<>();
    all.forEach(a -> flags.addAll(a.qcFlags()));
    StringBuilder b = new StringBuilder();
    b.append("<form class=\"action\" method=\"get\" action=\"/samples\" id=\"filters\"><input type=\"hidden\" name=\"run_id\" value=\"")
        .append(esc(runId)).append("\">")
        .append(select("status", "Status", List.of("OK", "FAILED"), f.status()))
        .append(select("call", "Call", List.of("POSITIVE", "NEGATIVE", "INDETERMINATE"), f.call()))
        .append(select("qc_flag", "QC flag", List.copyOf(flags), f.qcFlag()))
        .append(select("review", "Review", List.of("unreviewed", "accepted", "overridden", "signed", "countersigned"), f.review()))
        .append("<button type=\"submit\">Filter</button></form>");
    b.append("<table id=\"samples\"><tr><th>Sample</th><th>Status</th><th>Call</th><th>MRD</th><th>Sensitivity</th>")
        .append("<th>Blasts</th><th>Nucleated</th><th>CD19+ share of blasts</th><th>hCD19 CAR-T eligible</th>")
        .append("<th>B-cell aplasia</th><th>QC flags</th><th>Review</th></tr>");
    int shown = 0;
    for (Analysis a : all) {
      ReviewState s = states.getOrDefault(a.sampleId(), ReviewState.of(List.of()));
      if (!f.keep(a, s)) {
        continue;
      }
      shown++;
      b.append("<tr><td>");
      if (a.sampleId() != null) {
        b.append("<a href=\"").append(sampleUrl(a)).append("\">").append(esc(a.name())).append("</a>");
      } else {
        b.append(esc(a.name()));
      }
      b.append("</td><td class=\"").append(esc(a.status())).append("\">").append(esc(a.status()));
      if (a.errorCode() != null) {
        b.append(" (<span title=\"").append(esc(ReportText.failure(a.errorCode()))).append("\">").append(esc(a.errorCode()))
            .append("</span>)");
      }
      b.append("</td>");
      if (a.analysed()) {
        String call = effective(a, s, ReviewField.MRD_STATUS);
        b.append(cell(call, s, ReviewField.MRD_STATUS, "class=\"" + esc(call) + "\""))
            .append(cell(percent(parse(effective(a, s, ReviewField.MRD_FRACTION))), s, ReviewField.MRD_FRACTION, "class=\"n\""))
            .append("<td class=\"n\">").append(percent(a.sensitivity())).append("</td>")
            .append(num(a.blastEvents())).append(num(a.nucleatedEvents()))
            .append(cell(percent(parse(effective(a, s, ReviewField.CD19_POS_BLAST_FRACTION))), s,
                ReviewField.CD19_POS_BLAST_FRACTION, "class=\"n\""))
            .append(cell(yesNo(bool(effective(a, s, ReviewField.HCD19_CAR_ELIGIBLE))), s, ReviewField.HCD19_CAR_ELIGIBLE, ""))
            .append("<td>").append(yesNo(a.bCellAplasia())).append("</td><td>").append(flags(a.qcFlags())).append("</td>");
      } else {
        b.append("<td colspan=\"9\">").append(failureInWords(a)).append("</td>");
      }
      b.append("<td>").append(a.analysed() ? state(s) : "").append("</td></tr>");
    }
    b.append("</table><p>").append(shown).append(" of ").append(all.size()).append(" samples shown.</p>");
    return b.toString();
  }

  /** Everything about one analysis, its plots, review actions and audit trail. */
  static String sample(Analysis a, List<Analysis> otherRuns, ReviewState s, List<Population> populations, List<Path> plots,
      RunRules rules, User user, String csrf, String error, String adjustSection) {
    StringBuilder b = new StringBuilder();
    if (error != null) {
      b.append("<p class=\"error\" id=\"error\">").append(esc(error)).append("</p>");
    }
    b.append("<div class=\"cards\"><div class=\"card\"><h2>Sample</h2><table>")
        .append(row("Name (as the run kept it)", esc(a.name())))
        .append(row("sample_id", "<code>" + esc(a.sampleId()) + "</code>"))
        .append(row("Run", "<a href=\"/samples?run_id=" + url(a.runId()) + "\">" + esc(a.runId()) + "</a> (" + esc(a.runDate()) + ")"));
    if (a.patientId() != null) {
      b.append(row("Patient (kept in clear)", esc(a.patientId())));
    }
    if (a.specimenId() != null) {
      b.append(row("Specimen (kept in clear)", esc(a.specimenId())));
    }
    b.append(row("Patient key", a.patientKey() == null ? "" : "<code>" + esc(a.patientKey().substring(0, Math.min(12, a.patientKey().length()))) + "...</code>"))
        .append(row("Collected / timepoint", esc(a.collectionDate()) + " " + esc(a.timepoint())))
        .append(row("FCS / instrument / events", esc(a.fcsVersion()) + " / " + esc(a.instrument()) + " / " + count(a.totalEvents())))
        .append(row("Status", "<span class=\"" + esc(a.status()) + "\">" + esc(a.status()) + "</span> " + esc(a.errorCode())));
    if (a.errorCode() != null || a.errorMessage() != null) {
      b.append(row("Error", failureInWords(a)));
    }
    b.append("</table></div>");
    if (a.analysed()) {
      b.append("<div class=\"card\"><h2>Call</h2><table id=\"call\"><tr><th></th><th>pipeline</th><th>reviewed</th></tr>");
      for (ReviewField f : ReviewField.values()) {
        String pipeline = f.warehouseValue(a);
        String reviewed = s.overrides().get(f);
        b.append("<tr><th>").append(esc(f.label())).append("</th><td>").append(shown(f, pipeline)).append("</td><td")
            .append(reviewed == null ? ">" : " class=\"overridden-value\">").append(reviewed == null ? "" : shown(f, reviewed))
            .append("</td></tr>");
      }
      b.append("</table><table>")
          .append(row("Status reason", reasonInWords(a, s, rules.rules())))
          .append(row("Blasts / nucleated", count(a.blastEvents()) + " / " + count(a.nucleatedEvents())))
          .append(row("Sensitivity (LOD / nucleated)", percent(a.sensitivity())))
          .append(row("LOD / LLOQ", a.lodEvents() + " / " + a.lloqEvents() + " events"))
          .append(row("CD19+ blasts", count(a.cd19PosBlastEvents())))
          .append(row("B cells % of lymphocytes", percent(a.bCellFractionOfLymphocytes()) + " (" + count(a.bCellEvents())
              + " of " + count(a.lymphocyteEvents()) + ")"))
          .append(row("B-cell aplasia", yesNo(a.bCellAplasia())))
          .append(row("Hematogones", count(a.hematogoneEvents())))
          .append(row("Panel limited", yesNo(a.panelLimited())))
          .append(row("QC flags", flagsInWords(a.qcFlags())))
          .append(row("References used", esc(String.join(", ", a.referencesUsed()))))
          .append(row("Gating strategy", esc(a.gatingStrategyId()) + ", MRDFlow " + esc(a.pipelineVersion())))
          .append("</table></div>");
      MrdRules r = rules.rules();
      b.append("<div class=\"card\"><h2>Thresholds</h2><table id=\"thresholds\">");
      if (r != null) {
        b.append(row("MRD positive at", "&ge; " + percent(r.mrdThreshold()) + " of nucleated cells, with &ge; LOD blasts"))
            .append(row("LOD / LLOQ", r.lodEvents() + " / " + r.lloqEvents() + " events"))
            .append(row("hCD19 CAR-T eligible at", "&ge; " + percent(r.car19EligibleFraction()) + " CD19+ blasts"))
            .append(row("B-cell aplasia below", String.format(Locale.ROOT, "%.3g %% B cells of lymphocytes", r.bCellAplasiaPercent())));
      }
      b.append(row("Source", esc(rules.source()))).append("</table></div>");
    }
    b.append("</div>");
    if (otherRuns.size() > 1) {
      b.append("<p>This content was analysed in ").append(otherRuns.size()).append(" runs: ");
      for (Analysis o : otherRuns) {
        b.append(o.runId().equals(a.runId()) ? "<b>" + esc(o.runId()) + "</b>" : "<a href=\"" + sampleUrl(o) + "\">" + esc(o.runId()) + "</a>")
            .append(" ");
      }
      b.append("</p>");
    }
    if (a.analysed()) {
      b.append("<h2 id=\"review\">Review</h2><p>State: ").append(state(s)).append("</p>");
      b.append("<p><a id=\"report-pdf\" href=\"/samples/").append(url(a.sampleId())).append("/report.pdf?run_id=")
          .append(url(a.runId())).append("\">Printable report (PDF)</a>: one page for the medical record, with the")
          .append(" reviewed values and the sign-offs as they stand.</p>");
      b.append(actions(a, s, user, csrf));
      b.append("<h2>Audit trail</h2>").append(audit(s.trail()));
      b.append(adjustSection);
      b.append("<h2 id=\"plots\">Plots</h2>");
      if (plots.isEmpty()) {
        b.append("<p>No plot files in this run's folder for this sample.</p>");
      }
      for (int i = 0; i < plots.size(); i++) {
        String name = plots.get(i).getFileName().toString();
        b.append("<figure><img src=\"/plots/").append(url(a.runId())).append('/').append(url(a.sampleId())).append('/').append(i)
            .append("\" alt=\"").append(esc(name)).append("\"><figcaption>").append(esc(name)).append("</figcaption></figure>");
      }
      b.append("<h2>Populations</h2><table id=\"populations\"><tr><th>Population</th><th>Events</th><th>% of parent</th>")
          .append("<th>% of nucleated</th><th>Marker medians (gating scale)</th></tr>");
      for (Population p : populations) {
        b.append("<tr><td>").append(esc(p.path())).append("</td>").append(num(p.events())).append("<td class=\"n\">")
            .append(percent(p.fractionOfParent())).append("</td><td class=\"n\">").append(percent(p.fractionOfNucleated()))
            .append("</td><td>");
        if (p.markerMedians() != null) {
          p.markerMedians().forEach((m, v) -> b.append(esc(m)).append(String.format(Locale.ROOT, " %.3f; ", v)));
        }
        b.append("</td></tr>");
      }
      b.append("</table>");
    }
    if (a.keywords() != null && !a.keywords().isEmpty()) {
      b.append("<h2>FCS keywords (allow-listed)</h2><table id=\"keywords\">");
      a.keywords().forEach((k, v) -> b.append(row(esc(k), esc(v))));
      b.append("</table>");
    }
    return page(a.name() == null ? "Sample" : a.name(), user, csrf, b.toString());
  }

  private static String actions(Analysis a, ReviewState s, User user, String csrf) {
    String target = "/samples/" + url(a.sampleId()) + "/review?run_id=" + url(a.runId());
    StringBuilder b = new StringBuilder();
    if (!s.signed()) {
      b.append("<form class=\"action\" id=\"accept\" method=\"post\" action=\"").append(target).append("\">").append(csrfField(csrf))
          .append("<input type=\"hidden\" name=\"action\" value=\"accept\">")
          .append("<label>Comment <input name=\"reason\"></label><button type=\"submit\">Accept the call</button></form>");
    }
    if (!s.signed() || user.role() == Role.DIRECTOR) {
      b.append("<form class=\"action\" id=\"override\" method=\"post\" action=\"").append(target).append("\">").append(csrfField(csrf))
          .append("<input type=\"hidden\" name=\"action\" value=\"override\"><label>Field <select name=\"field\" id=\"override-field\">");
      for (ReviewField f : ReviewField.values()) {
        b.append("<option value=\"").append(f.column()).append("\">").append(esc(f.label())).append("</option>");
      }
      b.append("</select></label><label>New value <input name=\"value\" id=\"override-value\" required"
              + " placeholder=\"POSITIVE, 0.00012 (= 0.012 %), true\"></label>")
          .append("<label>Reason <textarea name=\"reason\" id=\"override-reason\" required></textarea></label>")
          .append("<button type=\"submit\" id=\"override-submit\">Override</button>");
      if (s.signed()) {
        b.append(" <small>(voids the sign-offs)</small>");
      }
      b.append("</form>");
    }
    boolean canSign = !s.signed() || s.secondSign() == null && user.role() == Role.DIRECTOR;
    if (canSign) {
      b.append("<form class=\"action\" id=\"sign\" method=\"post\" action=\"").append(target).append("\">").append(csrfField(csrf))
          .append("<input type=\"hidden\" name=\"action\" value=\"sign\"><label>Comment <input name=\"reason\"></label>")
          .append("<button type=\"submit\" id=\"sign-submit\">")
          .append(s.signed() ? "Second-level sign-off (director)" : "Sign off as " + esc(user.name())).append("</button></form>");
    }
    return b.toString();
  }

  static String audit(List<AuditEntry> trail) {
    if (trail.isEmpty()) {
      return "<p id=\"audit-empty\">No review action yet.</p>";
    }
    StringBuilder b = new StringBuilder("<table id=\"audit\"><tr><th>#</th><th>Time (UTC)</th><th>Reviewer</th><th>Role</th>"
        + "<th>Action</th><th>Field</th><th>Old</th><th>New</th><th>Reason</th></tr>");
    for (AuditEntry e : trail) {
      b.append("<tr><td class=\"n\">").append(e.sequence()).append("</td><td>").append(esc(e.time().toString()))
          .append("</td><td>").append(esc(e.reviewer())).append("</td><td>").append(e.role().id()).append("</td><td>")
          .append(esc(e.action().equals(ReviewState.SIGN) && "2".equals(e.newValue()) ? "sign (second level)" : e.action()))
          .append("</td><td>").append(esc(e.field())).append("</td><td>").append(esc(e.oldValue())).append("</td><td>")
          .append(e.action().equals(ReviewState.SIGN) ? "" : esc(e.newValue())).append("</td><td>").append(esc(e.reason()))
          .append("</td></tr>");
    }
    return b.append("</table>").toString();
  }

  static String error(int status, String message, User user, String csrf) {
    return page("Error " + status, user, csrf, "<p class=\"error\" id=\"error\">" + esc(message) + "</p>");
  }

  /** The value a reviewer's override gives, else the pipeline's. */
  static String effective(Analysis a, ReviewState s, ReviewField f) {
    String o = s.overrides().get(f);
    return o != null ? o : f.warehouseValue(a);
  }

  static String sampleUrl(Analysis a) {
    return "/samples/" + url(a.sampleId()) + "?run_id=" + url(a.runId());
  }

  private static String shown(ReviewField f, String value) {
    if (value == null) {
      return "n/a";
    }
    return switch (f) {
      case MRD_STATUS -> "<span class=\"" + esc(value) + "\">" + esc(value) + "</span>";
      case MRD_FRACTION, CD19_POS_BLAST_FRACTION -> percent(parse(value));
      case HCD19_CAR_ELIGIBLE -> yesNo(bool(value));
    };
  }

  private static String cell(String shownValue, ReviewState s, ReviewField f, String attributes) {
    boolean overridden = s.overrides().containsKey(f);
    String classes = attributes;
    if (overridden) {
      classes = attributes.contains("class=\"") ? attributes.replace("class=\"", "class=\"overridden-value ")
          : attributes + " class=\"overridden-value\"";
    }
    return "<td " + classes + (overridden ? " title=\"overridden in review\"" : "") + ">" + esc(shownValue)
        + (overridden ? " *" : "") + "</td>";
  }

  private static String state(ReviewState s) {
    String text = switch (s.status()) {
      case UNREVIEWED -> "unreviewed";
      case ACCEPTED -> "accepted";
      case OVERRIDDEN -> "overridden, not signed";
      case SIGNED -> "signed by " + esc(s.firstSign().reviewer());
      case COUNTERSIGNED -> "signed by " + esc(s.firstSign().reviewer()) + " and " + esc(s.secondSign().reviewer());
    };
    return "<span class=\"state " + s.status().id() + "\">" + text + "</span>";
  }

  /**
   * Why the analysis made its call, in the words of the run's reports ({@link ReportText#reason}
   * with the run's thresholds), then its code; the code alone when the run's rules are not
   * readable here or the reason is newer than this server.
   */
  private static String reasonInWords(Analysis a, ReviewState s, MrdRules rules) {
    String code = "<code>" + esc(a.statusReason()) + "</code>";
    MrdStatusReason reason;
    try {
      reason = MrdStatusReason.valueOf(a.statusReason());
    } catch (IllegalArgumentException | NullPointerException e) {
      return code;
    }
    if (rules == null) {
      return code;
    }
    String words = ReportText.reason(reason, rules);
    return esc(words) + " " + code + (s.overrides().containsKey(ReviewField.MRD_STATUS)
        ? " <small>(the analysis' reason for its call, " + esc(a.mrdStatus()) + "; the reviewer set the call)</small>" : "");
  }

  /** A FAILED file's error code in words (ReportText), then the run's message naming the fault. */
  private static String failureInWords(Analysis a) {
    StringBuilder b = new StringBuilder();
    if (a.errorCode() != null) {
      b.append("<b>").append(esc(ReportText.failure(a.errorCode()))).append("</b> ");
    }
    return b.append(esc(a.errorMessage())).toString();
  }

  /** Flags as short codes, each explained on hover (ReportText: the words report.html and the PDF use). */
  private static String flags(List<String> flags) {
    StringBuilder b = new StringBuilder();
    flags.forEach(f -> b.append("<span class=\"flag\" title=\"").append(esc(ReportText.flag(f))).append("\">")
        .append(esc(f)).append("</span>"));
    return b.toString();
  }

  /** Flags in words, one per line, for the sample page. */
  private static String flagsInWords(List<String> flags) {
    StringBuilder b = new StringBuilder();
    flags.forEach(f -> b.append("<div><span class=\"flag\">").append(esc(f)).append("</span> ")
        .append(esc(ReportText.flag(f))).append("</div>"));
    return b.toString();
  }

  private static String select(String name, String label, List<String> options, String chosen) {
    StringBuilder b = new StringBuilder("<label>").append(esc(label)).append(" <select name=\"").append(name)
        .append("\"><option value=\"\">any</option>");
    for (String o : options) {
      b.append("<option").append(o.equals(chosen) ? " selected" : "").append(">").append(esc(o)).append("</option>");
    }
    return b.append("</select></label>").toString();
  }

  private static String row(String header, String valueHtml) {
    return "<tr><th>" + header + "</th><td>" + valueHtml + "</td></tr>";
  }

  private static String num(Long n) {
    return "<td class=\"n\">" + count(n) + "</td>";
  }

  private static String num(long n) {
    return num(Long.valueOf(n));
  }

  static String csrfField(String token) {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(token) + "\">";
  }

  static String url(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static Double parse(String decimal) {
    return decimal == null ? null : Double.valueOf(decimal);
  }

  private static Boolean bool(String text) {
    return text == null ? null : Boolean.valueOf(text);
  }
}
