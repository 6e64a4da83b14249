package org.mrdflow.gating.mrd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.mrd.RobustStats.Histogram;

/**
 * Automated gating of a B-ALL MRD marrow (domain brief section 3), data-driven per sample: every
 * threshold is a landmark of this sample's own populations (density valleys, negative modes,
 * robust spreads of internal reference populations), never a channel value.
 *
 * <p>Blasts are found as events off the normal B-cell maturation path, measured against normal
 * internal controls in the same channels: normal CD34+ precursors are CD38 bright (so a CD10+
 * cell that is CD38 dim, with CD45 dimmer than normal precursors, is leukemic; Reiter et al.
 * 2019, Cytometry A; Wood 2016 "different-from-normal"), and along normal maturation CD38 falls
 * only as CD10 falls (so the CD38 deficit left after allowing for the CD10 level separates blasts
 * from dim debris and from hematogones). The design note in the module README explains the
 * choices and the known failure modes.
 */
public final class MarrowGating {
  private final MrdGatingSettings settings;

  public MarrowGating(MrdGatingSettings settings) {
    this.settings = settings;
  }

  /**
   * Gates one sample. Never subsamples: every event is classified.
   *
   * @throws MrdGatingException when the sample lacks a population the landmarks need
   */
  public MarrowGatingResult gate(MrdEvents events, String sourceName) {
    int n = events.eventCount();
    double decade = 1.0 / events.decades();
    double minSpread = settings.minSpreadDecades() * decade;
    float[] cd10 = events.marker("CD10");
    float[] cd19 = events.marker("CD19");
    float[] cd20 = events.marker("CD20");
    float[] cd34 = events.marker("CD34");
    float[] cd38 = events.marker("CD38");
    float[] cd45 = events.marker("CD45");
    float[] logFsc = log10(events.fscA());
    float[] logSsc = log10(events.sscA());

    // 1. Time: drop acquisition disturbances (bins with abnormal event rates).
    List<double[]> timeSegments = new ArrayList<>();
    EventMask timeOk = timeQc(events.time(), n, timeSegments);

    // 2. Debris: the density valley between the debris pile at the trigger and the cells.
    double debrisMax = debrisValley(RobustStats.values(logFsc, timeOk));
    EventMask cells = above(logFsc, debrisMax, timeOk);

    // 3. Singlets: doublets have a larger area for their height.
    float[] ratio = new float[n];
    for (int i = 0; i < n; i++) {
      ratio[i] = events.fscH()[i] > 0 ? events.fscA()[i] / events.fscH()[i] : Float.NaN;
    }
    float[] cellRatios = RobustStats.values(ratio, cells);
    double singletRatioMax = RobustStats.median(cellRatios)
        + settings.singletSpreads() * RobustStats.robustSd(cellRatios);
    EventMask nucleated = atMost(ratio, singletRatioMax, cells);
    if (nucleated.cardinality() == 0) {
      throw new MrdGatingException(sourceName, "no nucleated single cells left after time, "
          + "debris and singlet gates (" + n + " events)");
    }

    // 4-5. SSC: the valley between the lymphoid (low-SSC) peak and the granulocyte peak.
    double sscLowMax = sscValley(RobustStats.values(logSsc, nucleated));
    EventMask sscLow = atMost(logSsc, sscLowMax, nucleated);
    EventMask sscHigh = nucleated.andNot(sscLow);

    // Marker-negative modes on low-SSC cells, most of which lack each B-lineage marker.
    double[] neg19 = RobustStats.negativePeak(RobustStats.values(cd19, sscLow));
    double[] neg10 = RobustStats.negativePeak(RobustStats.values(cd10, sscLow));
    double[] neg34 = RobustStats.negativePeak(RobustStats.values(cd34, sscLow));
    double[] neg20 = RobustStats.negativePeak(RobustStats.values(cd20, sscLow));
    double k = settings.positiveSpreads();
    double cd19Negative = neg19[0] + k * neg19[1];
    double cd10Pos = neg10[0] + k * neg10[1];
    double cd34Pos = neg34[0] + k * neg34[1];
    double cd20Pos = neg20[0] + k * neg20[1];

    // Lymphocytes: the brightest CD45 peak of low-SSC cells.
    double[] lymphPeak = brightestPeak(RobustStats.values(cd45, sscLow));
    double lymphCd45Min = lymphPeak[0] - settings.lymphocyteSpreads() * lymphPeak[1];

    // Normal CD34+ CD10- precursors (myeloid progenitors): the CD38-bright, CD45-dim internal
    // control every marrow has, including B-cell aplastic ones after CAR-T.
    EventMask progenitorsAll = sscLow.and(above(cd34, cd34Pos, sscLow))
        .andNot(above(cd10, cd10Pos, sscLow)).andNot(above(cd45, lymphCd45Min, sscLow));
    EventMask landmark = progenitorsAll.andNot(above(cd19, cd19Negative, progenitorsAll));
    if (landmark.cardinality() < settings.minLandmarkEvents()) {
      throw new MrdGatingException(sourceName, "only " + landmark.cardinality()
          + " CD34+ CD10- CD19- progenitors: too few for the CD38/CD45 reference (need "
          + settings.minLandmarkEvents() + ")");
    }
    float[] p38 = RobustStats.values(cd38, landmark);
    float[] p45 = RobustStats.values(cd45, landmark);
    double p38Median = RobustStats.median(p38);
    double p38Sd = Math.max(RobustStats.robustSd(p38), minSpread);
    double p45Median = RobustStats.median(p45);
    double p45Sd = Math.max(RobustStats.robustSd(p45), minSpread);

    // Normal progenitors that are CD38 bright: what spillover spreading does to CD19 and CD10
    // on CD34-bright cells that carry neither.
    float[] cd38Z = standardized(cd38, p38Median, p38Sd);
    EventMask cd38Bright = above(cd38Z, -1.0, progenitorsAll);
    // Median + SDs rather than a high quantile: CD19+ CD34+ blasts (pro-B) can sit among them.
    float[] progenitorCd19 = RobustStats.values(cd19, cd38Bright);
    double cd19Pos = Math.max(cd19Negative, RobustStats.median(progenitorCd19)
        + settings.cd19ProgenitorSpreads() * RobustStats.robustSd(progenitorCd19));

    // CD10 brightness control: band/segmented neutrophils.
    double cd10Bright = Math.max(cd10Pos, RobustStats.quantile(
        RobustStats.values(cd10, sscHigh), settings.cd10BrightQuantile()));

    // Lymphoid scatter window (T/NK lymphocytes).
    EventMask lymphocytesTnk = above(cd45, lymphCd45Min, sscLow)
        .andNot(above(cd19, cd19Pos, sscLow));
    float[] lymphFsc = RobustStats.values(logFsc, lymphocytesTnk);
    float[] lymphSsc = RobustStats.values(logSsc, lymphocytesTnk);
    double fscMed = RobustStats.median(lymphFsc);
    double fscSd = Math.max(RobustStats.robustSd(lymphFsc), 0.005);
    double sscMed = RobustStats.median(lymphSsc);
    double sscSd = Math.max(RobustStats.robustSd(lymphSsc), 0.005);
    double fscMin = fscMed - settings.scatterLowSpreads() * fscSd;
    double fscMax = fscMed + settings.fscHighSpreads() * fscSd;
    double sscMin = sscMed - settings.scatterLowSpreads() * sscSd;
    double sscMax = Math.min(sscLowMax, sscMed + settings.sscHighSpreads() * sscSd);
    EventMask blastScatter = EventMask.none(n);
    for (int i : sscLow.indices()) {
      if (logFsc[i] >= fscMin && logFsc[i] <= fscMax && logSsc[i] >= sscMin
          && logSsc[i] <= sscMax) {
        blastScatter.set(i);
      }
    }

    // 6. B lineage: CD19+ low-SSC cells, plasma cells (CD38 far brighter than precursors,
    // CD10- CD20-) set apart.
    EventMask cd19PosLow = above(cd19, cd19Pos, sscLow);
    EventMask plasma = above(cd38, p38Median + settings.plasmaCd38Spreads() * p38Sd, cd19PosLow)
        .andNot(above(cd10, cd10Pos, cd19PosLow)).andNot(above(cd20, cd20Pos, cd19PosLow));
    EventMask bLineage = cd19PosLow.andNot(plasma);

    // 7-8. Blasts: CD10-bright B lineage and the CD19-negative arm, off the normal path in
    // CD38/CD45. Normal CD34+ progenitors with CD10 spillover spreading stay out through their
    // bright CD38 (the CD38 deficit below).
    EventMask armCandidates = sscLow.andNot(cd19PosLow).and(above(cd10, cd10Bright, sscLow));
    EventMask candidatesAll = bLineage.and(above(cd10, cd10Bright, bLineage)).or(armCandidates)
        .and(blastScatter);
    float[] score = new float[n];
    float[] deficit = new float[n];
    for (int i = candidatesAll.nextSetBit(0); i >= 0; i = candidatesAll.nextSetBit(i + 1)) {
      score[i] = (float) ((p38Median - cd38[i]) / p38Sd + (p45Median - cd45[i]) / p45Sd);
      deficit[i] = (float) ((p38Median - cd38[i] + (cd10[i] - cd10Bright)) / p38Sd);
    }
    EventMask seeds = EventMask.none(n);
    EventMask growable = EventMask.none(n);
    for (int i = candidatesAll.nextSetBit(0); i >= 0; i = candidatesAll.nextSetBit(i + 1)) {
      if (score[i] > settings.coreScore() && deficit[i] > settings.coreCd38Deficit()) {
        seeds.set(i);
      }
      if (score[i] > settings.growScore() && deficit[i] > settings.growCd38Deficit()) {
        growable.set(i);
      }
    }
    // CD10-negative pro-B blasts (KMT2A-like): normal B precursors are CD10 bright while CD34+,
    // so CD19+ CD34+ CD10- CD20- cells with normal-B CD19 (not the CD19 spreading of CD34-bright
    // progenitors) and CD38/CD45 dimmer than normal precursors are off the path too.
    float[] lineageCd19 = RobustStats.values(cd19, bLineage);
    double proBCd19Min = lineageCd19.length == 0 ? Double.POSITIVE_INFINITY
        : Math.max(cd19Pos, RobustStats.median(lineageCd19)
            - settings.proBCd19Spreads() * RobustStats.robustSd(lineageCd19));
    EventMask proB = above(cd34, cd34Pos, blastScatter).and(bLineage)
        .andNot(above(cd10, cd10Pos, blastScatter)).andNot(above(cd20, cd20Pos, blastScatter))
        .andNot(below(cd19, proBCd19Min, blastScatter));
    EventMask proBBlasts = EventMask.none(n);
    for (int i : proB.indices()) {
      double proBScore = (p38Median - cd38[i]) / p38Sd + (p45Median - cd45[i]) / p45Sd;
      if (proBScore > settings.growScore()) {
        proBBlasts.set(i);
      }
    }
    EventMask blasts = seeds;
    MarrowGatingResult.BlastCluster cluster = null;
    if (seeds.cardinality() >= settings.growMinSeeds()) {
      float[][] clusterMarkers = {cd10, cd20, cd34, cd38, cd45};
      cluster = clusterOf(seeds, clusterMarkers, minSpread);
      blasts = seeds.or(withinCluster(growable, cluster, clusterMarkers));
    }
    blasts = blasts.or(proBBlasts);

    // CD19 expression of the blast subclones (Cd19Expression): a single clone expresses CD19
    // when its mean is clearly above the T/NK negatives (CD19-dim clones sit about a decade below normal B); when
    // the blasts split into two clones the upper one must be CD19+ by the B-lineage threshold,
    // else the split is only the spillover spreading of one CD19-negative clone.
    float[] tnkCd19 = RobustStats.values(cd19, lymphocytesTnk);
    double cd19Expressed = RobustStats.median(tnkCd19)
        + 2 * Math.max(RobustStats.robustSd(tnkCd19), minSpread);
    Cd19Expression cd19Expression = Cd19Expression.of(cd19, blasts, cd19Expressed, cd19Pos);

    // Normal B: B lineage that is not leukemic and not a CD34+ CD10- (off-path) event.
    EventMask cd34PosCd10Neg =
        above(cd34, cd34Pos, bLineage).andNot(above(cd10, cd10Pos, bLineage));
    EventMask normalB = bLineage.andNot(blasts).andNot(cd34PosCd10Neg);
    EventMask hematogones = above(cd10, cd10Pos, normalB).or(above(cd34, cd34Pos, normalB));
    EventMask matureB = normalB.andNot(hematogones);
    EventMask lymphocytes = lymphocytesTnk.andNot(blasts).or(normalB);

    // Panel-limited: a CD34+ CD38-dim compartment (CD38 as many SDs below the progenitor median
    // as a seed blast's deficit) without CD19 or CD10, larger than the normal CD34+ CD38- share,
    // is what CD19- CD10- blasts would look like (domain brief section 3.8).
    EventMask stemLike = below(cd38Z, -settings.coreCd38Deficit(),
        progenitorsAll.andNot(above(cd19, cd19Pos, progenitorsAll)));
    int progenitorCount = progenitorsAll.cardinality();
    boolean panelLimited = progenitorCount > 0
        && stemLike.cardinality() > settings.panelLimitedShare() * progenitorCount;

    MarrowGatingResult.Thresholds thresholds = new MarrowGatingResult.Thresholds(
        debrisMax, singletRatioMax, sscLowMax, cd19Pos, cd10Pos, cd10Bright, cd34Pos,
        cd20Pos, lymphCd45Min, p38Median, p38Sd, p45Median, p45Sd, fscMin, fscMax, sscMin,
        sscMax, cd19Expressed, p38Median + settings.plasmaCd38Spreads() * p38Sd,
        settings.coreScore(), settings.coreCd38Deficit(), settings.growScore(),
        settings.growCd38Deficit(), proBCd19Min);
    return new MarrowGatingResult(timeOk, cells, nucleated, sscLow, lymphocytesTnk, lymphocytes,
        progenitorsAll, bLineage, plasma, armCandidates.and(blastScatter), seeds, blasts,
        cd19Expression.positive(), cd19Expression.positiveFraction(), normalB, hematogones,
        matureB, stemLike, panelLimited, thresholds, timeSegments, cluster);
  }

  /** (value - reference median) / reference SD per event: below -t means t SDs dimmer. */
  private static float[] standardized(float[] values, double median, double sd) {
    float[] z = new float[values.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) ((values[i] - median) / sd);
    }
    return z;
  }

  /**
   * Events outside acquisition-rate disturbances; {@code segments} receives the kept time
   * intervals [from, to) when bins were removed (stays empty when all events are kept).
   */
  private EventMask timeQc(float[] time, int n, List<double[]> segments) {
    EventMask all = EventMask.all(n);
    if (time == null || n == 0) {
      return all;
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (float t : time) {
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
    }
    int bins = settings.timeBins();
    if (!(hi > lo)) {
      return all;
    }
    int[] bin = new int[n];
    double[] counts = new double[bins];
    for (int i = 0; i < n; i++) {
      bin[i] = (int) Math.min(bins - 1, (time[i] - lo) / (hi - lo) * bins);
      counts[bin[i]]++;
    }
    double[] sorted = counts.clone();
    Arrays.sort(sorted);
    double median = sorted[bins / 2];
    double[] deviations = new double[bins];
    for (int b = 0; b < bins; b++) {
      deviations[b] = Math.abs(counts[b] - median);
    }
    Arrays.sort(deviations);
    double sd = Math.max(RobustStats.MAD_TO_SD * deviations[bins / 2], Math.sqrt(median));
    boolean[] bad = new boolean[bins];
    boolean any = false;
    for (int b = 0; b < bins; b++) {
      bad[b] = Math.abs(counts[b] - median) > settings.timeBinZ() * sd;
      any |= bad[b];
    }
    if (!any) {
      return all;
    }
    double width = (hi - lo) / bins;
    for (int b = 0; b < bins; b++) {
      if (!bad[b] && (b == 0 || bad[b - 1])) {
        int end = b;
        while (end + 1 < bins && !bad[end + 1]) {
          end++;
        }
        segments.add(new double[] {b == 0 ? Double.NEGATIVE_INFINITY : lo + b * width,
            end == bins - 1 ? Double.POSITIVE_INFINITY : lo + (end + 1) * width});
      }
    }
    EventMask ok = EventMask.none(n);
    for (int i = 0; i < n; i++) {
      if (!bad[bin[i]]) {
        ok.set(i);
      }
    }
    return ok;
  }

  /**
   * Lowest density left of the main FSC peak, among positions with at least 0.5 % of events
   * below them (so a debris-free sample loses at most its lowest tail).
   */
  private static double debrisValley(float[] logFsc) {
    Histogram h = RobustStats.histogram(logFsc);
    int main = h.highestBin();
    double total = 0;
    for (double d : h.density()) {
      total += d;
    }
    double cumulative = 0;
    int best = -1;
    for (int b = 0; b < main; b++) {
      cumulative += h.density()[b];
      if (cumulative >= 0.005 * total && (best < 0 || h.density()[b] < h.density()[best])) {
        best = b;
      }
    }
    return best < 0 ? h.lo() : h.center(best);
  }

  /**
   * The valley between the main (granulocyte) SSC peak and the highest peak at least half a
   * decade of SSC below it (lymphocytes, blasts, erythroid cells).
   */
  private static double sscValley(float[] logSsc) {
    Histogram h = RobustStats.histogram(logSsc);
    int main = h.highestBin();
    int lowEnd = h.bin(h.center(main) - 0.5);
    if (lowEnd <= 0) {
      return h.center(main) - 0.5;
    }
    int lowPeak = h.highestBin(0, lowEnd);
    return h.center(h.lowestBin(lowPeak, main));
  }

  /** The brightest peak holding at least 5 % of the maximum density, and its upper-side SD. */
  private static double[] brightestPeak(float[] values) {
    Histogram h = RobustStats.histogram(values);
    double max = h.density()[h.highestBin()];
    int peak = h.highestBin();
    for (int b = 1; b < h.density().length - 1; b++) {
      double d = h.density()[b];
      if (d >= h.density()[b - 1] && d > h.density()[b + 1] && d >= 0.05 * max) {
        peak = Math.max(peak, b);
      }
    }
    double mode = h.center(peak);
    double above = 1 - RobustStats.cdf(values, mode);
    double oneSd = RobustStats.quantile(values, 1 - above * (1 - 0.6827));
    return new double[] {mode, Math.max(oneSd - mode, h.width())};
  }

  /** Robust centre (median) and spread (MAD SD, floored) of the seeds per cluster marker. */
  private MarrowGatingResult.BlastCluster clusterOf(EventMask seeds, float[][] markers,
      double minSpread) {
    double[] centre = new double[markers.length];
    double[] sd = new double[markers.length];
    for (int j = 0; j < markers.length; j++) {
      float[] values = RobustStats.values(markers[j], seeds);
      centre[j] = RobustStats.median(values);
      sd[j] = Math.max(RobustStats.robustSd(values), minSpread);
    }
    return new MarrowGatingResult.BlastCluster(centre, sd, settings.growChiSquare());
  }

  /**
   * Candidates within the seed cluster's ellipsoid: squared standardized distance to the seeds'
   * robust centre at most the chi-square bound.
   */
  private static EventMask withinCluster(EventMask candidates,
      MarrowGatingResult.BlastCluster cluster, float[][] markers) {
    double[] centre = cluster.centre();
    double[] sd = cluster.sd();
    EventMask out = EventMask.none(candidates.size());
    for (int i : candidates.indices()) {
      double d2 = 0;
      for (int j = 0; j < markers.length; j++) {
        double z = (markers[j][i] - centre[j]) / sd[j];
        d2 += z * z;
      }
      if (d2 <= cluster.distanceSquare()) {
        out.set(i);
      }
    }
    return out;
  }

  private static float[] log10(float[] linear) {
    float[] out = new float[linear.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) Math.log10(Math.max(linear[i], 1f));
    }
    return out;
  }

  /** Events of {@code within} with value strictly above {@code threshold}. */
  static EventMask above(float[] values, double threshold, EventMask within) {
    return compare(values, threshold, within, 1);
  }

  /** Events of {@code within} with value at most {@code threshold}. */
  static EventMask atMost(float[] values, double threshold, EventMask within) {
    return compare(values, threshold, within, 0);
  }

  /** Events of {@code within} with value strictly below {@code threshold}. */
  static EventMask below(float[] values, double threshold, EventMask within) {
    return compare(values, threshold, within, -1);
  }

  /**
   * The comparison over all events word by word (a branch-free loop the JIT vectorises), then
   * restricted to {@code within}: cheaper than visiting a large parent event by event.
   * {@code mode} 1: value > t; 0: value <= t; -1: value < t (NaN never qualifies).
   */
  private static EventMask compare(float[] values, double threshold, EventMask within, int mode) {
    int n = within.size();
    float t = (float) threshold;
    long[] words = new long[EventMask.wordCount(n)];
    for (int w = 0; w < words.length; w++) {
      int base = w << 6;
      int end = Math.min(64, n - base);
      long word = 0;
      for (int b = 0; b < end; b++) {
        float v = values[base + b];
        boolean hit = mode > 0 ? v > t : mode == 0 ? v <= t : v < t;
        word |= (hit ? 1L : 0L) << b;
      }
      words[w] = word;
    }
    return EventMask.ofWords(words, n).and(within);
  }
}
