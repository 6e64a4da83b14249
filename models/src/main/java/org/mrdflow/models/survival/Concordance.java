package org.mrdflow.models.survival;

/**
 * Harrell's concordance between a risk score and survival, counted as R's
 * {@code survival::concordance}: a pair is comparable when the shorter time is an event (a subject
 * censored at the same time as an event is still at risk, so that pair counts too); it is
 * concordant when the shorter time has the higher risk score. Pairs tied on an event time
 * ({@code tiedY}) are not used. On counting-process data the other member of a pair is the row at
 * risk at the event time ({@code start < t <= stop}).
 * C = (concordant + tiedX / 2) / (concordant + discordant + tiedX).
 * Its standard error is the infinitesimal jackknife: the square root of the sum over subjects of
 * the squared derivative of C with respect to the subject's case weight (survival 3.x's
 * default).
 *
 * @param concordant concordant comparable pairs
 * @param discordant discordant comparable pairs
 * @param tiedX comparable pairs with equal risk scores
 * @param tiedY pairs of events at the same time with different scores
 * @param tiedXY pairs of events at the same time with equal scores
 * @param c the concordance index
 * @param se its infinitesimal-jackknife standard error
 */
public record Concordance(double concordant, double discordant, double tiedX, double tiedY,
    double tiedXY, double c, double se) {

  /** Concordance of {@code riskScore} (higher = shorter expected survival) with the data. */
  public static Concordance of(SurvivalData data, double[] riskScore) {
    double[] t = data.time();
    int n = t.length;
    double concordant = 0;
    double discordant = 0;
    double tiedX = 0;
    double tiedY = 0;
    double tiedXY = 0;
    // per subject: concordant, discordant and x-tied comparable pairs it belongs to
    double[] ownConcordant = new double[n];
    double[] ownDiscordant = new double[n];
    double[] ownTied = new double[n];
    for (int i = 0; i < n; i++) {
      if (!data.isEvent(i)) {
        continue;
      }
      for (int j = 0; j < n; j++) {
        if (j == i) {
          continue;
        }
        // j is at risk at i's event time (start < t <= stop) and did not die at the same time
        boolean comparable = data.entry(j) < t[i]
            && (t[j] > t[i] || (t[j] == t[i] && !data.isEvent(j)));
        if (comparable) {
          if (riskScore[i] > riskScore[j]) {
            concordant++;
            ownConcordant[i]++;
            ownConcordant[j]++;
          } else if (riskScore[i] < riskScore[j]) {
            discordant++;
            ownDiscordant[i]++;
            ownDiscordant[j]++;
          } else {
            tiedX++;
            ownTied[i]++;
            ownTied[j]++;
          }
        } else if (t[j] == t[i] && j > i) {
          // both events at the same time, each pair counted once
          if (riskScore[i] == riskScore[j]) {
            tiedXY++;
          } else {
            tiedY++;
          }
        }
      }
    }
    double comparable = concordant + discordant + tiedX;
    double c = (concordant + tiedX / 2) / comparable;
    double variance = 0;
    for (int i = 0; i < n; i++) {
      // d C / d w_i, every pair count being a sum of products w_i w_j
      double influence = (ownConcordant[i] + ownTied[i] / 2
          - c * (ownConcordant[i] + ownDiscordant[i] + ownTied[i])) / comparable;
      variance += influence * influence;
    }
    return new Concordance(concordant, discordant, tiedX, tiedY, tiedXY, c, Math.sqrt(variance));
  }
}
