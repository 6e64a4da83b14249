package org.mrdflow.review;

import static org.mrdflow.review.Text.esc;
import static org.mrdflow.review.Text.percent;
import static org.mrdflow.review.Text.yesNo;

import java.util.List;
import org.mrdflow.models.cohort.MrdMeasurement;
import org.mrdflow.models.timeline.ClinicalEvent;
import org.mrdflow.models.timeline.PatientTimeline;
import org.mrdflow.models.timeline.TimelineFlag;
import org.mrdflow.review.Patients.Course;
import org.mrdflow.review.store.User;
import org.mrdflow.review.warehouse.Analysis;

/**
 * The "Patients" page family: the patient list and one patient's timeline (the figure of models'
 * {@code TimelineFigure}, the flags in words, the samples with links to their pages). Patients are
 * shown and addressed by their pseudonymized patient_key only.
 */
final class PatientPages {
  private PatientPages() {}

  static String list(List<Course> courses) {
    StringBuilder b = new StringBuilder();
    if (courses.isEmpty()) {
      b.append("<p id=\"no-patients\">No analysed sample has a patient key and a collection date: give the run a"
          + " manifest with <code>patient_id</code> and <code>collection_date</code> (pipeline/README.md).</p>");
      return b.toString();
    }
    b.append("<table id=\"patients\"><tr><th>Patient key</th><th>Samples</th><th>First / last sample</th>")
        .append("<th>CAR-T infusion</th><th>Latest call</th><th>Flags</th><th>Reviewed samples</th></tr>");
    for (Course c : courses) {
      PatientTimeline t = c.timeline();
      MrdMeasurement last = t.samples().get(t.samples().size() - 1);
      b.append("<tr><td>").append(link(t.patientKey())).append("</td><td class=\"n\">").append(t.samples().size())
          .append("</td><td>").append(esc(t.firstSampleDate())).append(" / ").append(esc(last.collectionDate()))
          .append("</td><td>").append(t.carTInfusionDate() == null ? "unknown" : esc(t.carTInfusionDate()))
          .append("</td><td class=\"").append(last.status().name()).append("\">").append(last.status().name())
          .append("</td><td>");
      t.flags().stream().map(f -> f.type().label()).distinct()
          .forEach(label -> b.append("<span class=\"flag\">").append(esc(label)).append("</span>"));
      b.append("</td><td class=\"n\">").append(c.states().values().stream().filter(s -> !s.trail().isEmpty()).count())
          .append("</td></tr>");
    }
    return b.append("</table>").toString();
  }

  static String patient(Course c) {
    PatientTimeline t = c.timeline();
    StringBuilder b = new StringBuilder();
    b.append("<figure id=\"timeline-figure\"><img src=\"/patients/").append(Pages.url(t.patientKey())).append("/timeline.png\" alt=\"")
        .append("MRD, B cells and CD19+ share of blasts over time\"><figcaption>MRD (log, 1e-4 line), B cells % of")
        .append(" lymphocytes (3 % aplasia line) and CD19+ share of blasts; reviewed values where a reviewer")
        .append(" corrected them.</figcaption></figure>");
    b.append("<h2>Flags</h2><ul id=\"flags\">");
    if (t.flags().isEmpty()) {
      b.append("<li>No MRD conversion, loss of B-cell aplasia or CD19-negative blasts")
          .append(t.clinical() == null ? "" : ", no transplant").append(".</li>");
    }
    for (TimelineFlag f : t.flags()) {
      b.append("<li><span class=\"flag\">").append(esc(f.type().label())).append("</span> ").append(esc(f.description()))
          .append("</li>");
    }
    b.append("</ul><h2>Clinical events</h2>");
    if (t.events().isEmpty()) {
      b.append("<p id=\"no-events\">None known: the warehouse has no clinical event for this patient (they come from"
          + " <code>bin/mrdflow timeline --clinical FILE</code>, which writes them into <code>patient_timeline</code>);"
          + " days are counted from the first sample.</p>");
    } else {
      b.append("<table id=\"events\"><tr><th>Event</th><th>Date</th><th>Day from CAR-T</th></tr>");
      for (ClinicalEvent e : t.events()) {
        b.append("<tr><td>").append(esc(e.type().label())).append("</td><td>").append(esc(e.date())).append("</td><td class=\"n\">")
            .append(t.daysFromCarT(e.date())).append("</td></tr>");
      }
      b.append("</table>");
    }
    b.append("<h2>Samples</h2><table id=\"timeline-samples\"><tr><th>Collected</th><th>Day</th><th>Timepoint</th>")
        .append("<th>Specimen</th><th>Sample</th><th>Call</th><th>MRD</th><th>B cells % of lymphocytes</th>")
        .append("<th>B-cell aplasia</th><th>CD19+ share of blasts</th><th>hCD19 CAR-T eligible</th><th>Review</th></tr>");
    for (MrdMeasurement m : t.samples()) {
      Analysis a = c.analysis(m);
      ReviewState s = c.state(m);
      Long day = t.daysFromCarT(m.collectionDate());
      b.append("<tr><td>").append(esc(m.collectionDate())).append("</td><td class=\"n\">")
          .append(day != null ? day : t.daysFromFirstSample(m.collectionDate())).append("</td><td>").append(esc(m.timepoint()))
          .append("</td><td>").append(m.specimen() == null ? "marrow (not given)" : esc(m.specimen())).append("</td><td><a href=\"")
          .append(Pages.sampleUrl(a)).append("\">").append(esc(a.name())).append("</a></td>")
          .append(reviewed(s, ReviewField.MRD_STATUS, "<span class=\"" + m.status().name() + "\">" + m.status().name() + "</span>"))
          .append(reviewed(s, ReviewField.MRD_FRACTION, percent(finite(m.mrdFraction()))))
          .append("<td class=\"n\">").append(percent(finite(m.bCellFractionOfLymphocytes()))).append("</td><td>")
          .append(yesNo(m.bCellAplasia())).append("</td>")
          .append(reviewed(s, ReviewField.CD19_POS_BLAST_FRACTION, percent(finite(m.cd19PositiveBlastFraction()))))
          .append(reviewed(s, ReviewField.HCD19_CAR_ELIGIBLE, yesNo(m.hcd19CarEligible())))
          .append("<td>").append(esc(s.status().id())).append("</td></tr>");
    }
    b.append("</table><p>Values marked * were corrected in review; the flags and the figure use them. The x axis")
        .append(t.carTInfusionDate() == null ? " counts days from the first sample." : " counts days from the CAR-T infusion.")
        .append("</p>");
    return b.toString();
  }

  /** The title of a patient's page: the start of the key, as the figure names the patient. */
  static String title(String patientKey) {
    return "Patient " + patientKey.substring(0, Math.min(12, patientKey.length()));
  }

  /** A link to the patient's page, or the key as text when it is not a key the URL may carry. */
  private static String link(String patientKey) {
    String shown = "<code>" + esc(patientKey.substring(0, Math.min(12, patientKey.length()))) + "</code>";
    return Patients.PATIENT_KEY.matcher(patientKey).matches()
        ? "<a href=\"/patients/" + Pages.url(patientKey) + "\">" + shown + "</a>" : shown;
  }

  private static String reviewed(ReviewState s, ReviewField f, String html) {
    boolean overridden = s.overrides().containsKey(f);
    return "<td" + (overridden ? " class=\"overridden-value\" title=\"corrected in review\">" : ">") + html
        + (overridden ? " *" : "") + "</td>";
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
