package org.mrdflow.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.mrdflow.models.agreement.MrdAgreement;

/**
 * Prints a method comparison's statistics ({@link MrdAgreement}) the same way for {@code
 * compare} (reference: the lab's manual gating) and {@code evaluate} (reference: simulator
 * truth), so synthetic and real validations read alike.
 */
final class AgreementText {
  private AgreementText() {}

  /** The agreement summary as lines of text. */
  static void print(PrintWriter out, MrdAgreement a, String reference) {
    out.printf(Locale.ROOT, "categories at 1e-4 (rows %s, columns automated): %s%n", reference,
        a.categories());
    for (int i = 0; i < 3; i++) {
      out.printf(Locale.ROOT, "  %-18s %5d %5d %5d%n", a.categories().get(i), a.table()[i][0],
          a.table()[i][1], a.table()[i][2]);
    }
    if (a.kappa() != null) {
      out.printf(Locale.ROOT, "Cohen's kappa %.3f (95%% CI %.3f to %.3f)%n", a.kappa().kappa(),
          a.kappa().interval().lower(), a.kappa().interval().upper());
    }
    out.printf(Locale.ROOT, "PPA %.3f (95%% CI %.3f to %.3f), NPA %.3f (95%% CI %.3f to %.3f)%n",
        a.positiveAgreement().estimate(), a.positiveAgreement().lower(),
        a.positiveAgreement().upper(), a.negativeAgreement().estimate(),
        a.negativeAgreement().lower(), a.negativeAgreement().upper());
    if (a.blandAltman() != null) {
      out.printf(Locale.ROOT, "log10 MRD (%d samples detected by both): Bland-Altman bias %.3f "
          + "(%.3f to %.3f), limits %.3f and %.3f%n", a.log10Pairs(),
          a.blandAltman().bias().estimate(), a.blandAltman().bias().lower(),
          a.blandAltman().bias().upper(), a.blandAltman().lowerLimit().estimate(),
          a.blandAltman().upperLimit().estimate());
      out.printf(Locale.ROOT, "  Passing-Bablok slope %.3f (%.3f to %.3f) intercept %.3f; "
          + "Deming slope %.3f (%.3f to %.3f) intercept %.3f%n",
          a.passingBablok().slope().estimate(), a.passingBablok().slope().lower(),
          a.passingBablok().slope().upper(), a.passingBablok().intercept().estimate(),
          a.deming().slope().estimate(), a.deming().slope().lower(),
          a.deming().slope().upper(), a.deming().intercept().estimate());
    }
    out.printf(Locale.ROOT, "hCD19 CAR-T eligibility: %d of %d judged by both agree%n",
        a.eligibilityAgreed(), a.eligibilityJudged());
  }
}
