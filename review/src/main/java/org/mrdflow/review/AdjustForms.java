package org.mrdflow.review;

import static org.mrdflow.review.Text.esc;

import java.util.Map;
import org.mrdflow.gating.gate.GeometricGate;
import org.mrdflow.review.store.Role;
import org.mrdflow.review.store.User;
import org.mrdflow.review.warehouse.Analysis;

/**
 * The sample page's "Adjust a gate" section: one form per gate drawn on the plots, its current
 * geometry as editable JSON ({@link GateGeometry}) and a reason. Plain HTML forms, no script,
 * like the rest of the workstation.
 */
final class AdjustForms {
  private AdjustForms() {}

  /**
   * @param gates the adjustable gates with their current geometry, or null when {@code
   *     unavailable} says why there are none
   */
  static String section(Analysis a, ReviewState s, User user, String csrf, Map<String, GeometricGate> gates,
      String unavailable) {
    StringBuilder b = new StringBuilder("<h2 id=\"adjust\">Adjust a gate and re-count</h2>");
    if (gates == null) {
      return b.append("<p class=\"error\" id=\"adjust-unavailable\">").append(esc(unavailable)).append("</p>").toString();
    }
    if (s.signed() && user.role() != Role.DIRECTOR) {
      return b.append("<p>Signed off: only a director may adjust a gate now.</p>").toString();
    }
    b.append("<p>Geometry in the gate's units (logicle 0-1 for markers, linear scatter), one value per dimension in the")
        .append(" order listed: <code>rectangle</code> min/max (null = open), <code>polygon</code> vertices [x, y],")
        .append(" <code>ellipsoid</code> mean, covariance, distance_square. The sample is re-counted with the run's")
        .append(" strategy; the new call and MRD become the reviewed values.")
        .append(s.signed() ? " Voids the sign-offs." : "").append("</p>");
    String target = "/samples/" + Pages.url(a.sampleId()) + "/review?run_id=" + Pages.url(a.runId());
    int i = 0;
    for (Map.Entry<String, GeometricGate> gate : gates.entrySet()) {
      String id = "adjust-" + i++;
      b.append("<form class=\"action adjust\" id=\"").append(id).append("\" method=\"post\" action=\"").append(target)
          .append("\">").append(Pages.csrfField(csrf))
          .append("<input type=\"hidden\" name=\"action\" value=\"adjust\">")
          .append("<input type=\"hidden\" name=\"gate\" value=\"").append(esc(gate.getKey())).append("\">")
          .append("<b>").append(esc(gate.getKey())).append("</b> ")
          .append("<label>Geometry <textarea name=\"geometry\" rows=\"3\" cols=\"100\" required>")
          .append(esc(GateGeometry.toJson(gate.getValue()).toString())).append("</textarea></label>")
          .append("<label>Reason <input name=\"reason\" required></label>")
          .append("<button type=\"submit\">Adjust and re-count</button></form>");
    }
    return b.toString();
  }
}
