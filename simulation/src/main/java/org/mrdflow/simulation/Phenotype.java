package org.mrdflow.simulation;

import java.util.SplittableRandom;

/**
 * A cell population's distribution: log-normal antigen densities (mean and SD of log10 ABC per
 * {@link Marker}), log-normal scatter and an autofluorescence multiplier. Means may vary along a
 * maturation parameter t in [0, 1] through piecewise-linear anchors, which turns a blob into the
 * continuous path of normal maturation (domain brief 3.7). Immutable.
 */
final class Phenotype {
  /** log10 ABC of an antigen that is not expressed: a few molecules, below any detector's noise. */
  static final double NEG = 1.0;
  /** Heavy tails between clusters: this fraction of cells gets its spread multiplied. */
  private static final double WIDE_FRACTION = 0.03;
  private static final double WIDE_FACTOR = 2.2;
  /** Bigger cells carry more antigen: decades per SD of cell size, for expressed antigens. */
  private static final double SIZE_COUPLING = 0.06;
  /** FSC height / area of a singlet on the canonical scale, and its relative spread. */
  static final double HEIGHT_RATIO = 0.86;
  private static final double HEIGHT_CV = 0.025;
  private static final double[] UNIT = {0, 1};
  private static final double LN10 = Math.log(10);

  /** Anchors: for each marker, t positions and log10 ABC values (one point = constant). */
  private final double[][] anchorT;
  private final double[][] anchorLog;
  private final double[] sd;
  private final double[] fscAnchors;
  private final double[] sscAnchors;
  private final double fscCv;
  private final double sscLogSd;
  private final double autofluorescence;

  private Phenotype(
      double[][] anchorT,
      double[][] anchorLog,
      double[] sd,
      double[] fscAnchors,
      double[] sscAnchors,
      double fscCv,
      double sscLogSd,
      double autofluorescence) {
    this.anchorT = anchorT;
    this.anchorLog = anchorLog;
    this.sd = sd;
    this.fscAnchors = fscAnchors;
    this.sscAnchors = sscAnchors;
    this.fscCv = fscCv;
    this.sscLogSd = sscLogSd;
    this.autofluorescence = autofluorescence;
  }

  /** Starts a population with every antigen negative, SD 0.15 decades. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Draws one singlet at maturation t (ignored by populations without anchors).
   *
   * @param t maturation position in [0, 1]
   */
  void draw(double t, SplittableRandom rng, Cell cell) {
    double size = rng.nextGaussian();
    double spread = rng.nextDouble() < WIDE_FRACTION ? WIDE_FACTOR : 1.0;
    for (int m = 0; m < Marker.COUNT; m++) {
      double mean = interpolate(anchorT[m], anchorLog[m], t);
      double coupling = mean > NEG + 1 ? SIZE_COUPLING * size : 0;
      cell.abc[m] = Math.exp(LN10 * (mean + coupling + sd[m] * spread * rng.nextGaussian()));
    }
    cell.fscArea = interpolate(UNIT, fscAnchors, t) * Math.exp(fscCv * size);
    cell.fscHeight = cell.fscArea * HEIGHT_RATIO * (1 + HEIGHT_CV * rng.nextGaussian());
    cell.sscArea =
        interpolate(UNIT, sscAnchors, t) * Math.exp(LN10 * sscLogSd * spread * rng.nextGaussian());
    cell.autofluorescence = autofluorescence;
  }

  private static double interpolate(double[] ts, double[] values, double t) {
    if (values.length == 1) {
      return values[0];
    }
    if (t <= ts[0]) {
      return values[0];
    }
    for (int i = 1; i < ts.length; i++) {
      if (t <= ts[i]) {
        double w = (t - ts[i - 1]) / (ts[i] - ts[i - 1]);
        return values[i - 1] + w * (values[i] - values[i - 1]);
      }
    }
    return values[values.length - 1];
  }

  /**
   * This phenotype with every marker mean shifted by U(-m, m) decades, every SD scaled by
   * 10^U(-s, s), and scatter scaled by 10^U(-c, c): sample-to-sample biological variation.
   */
  Phenotype jittered(SplittableRandom rng, double m, double s, double c) {
    double[][] logs = new double[Marker.COUNT][];
    double[] sds = new double[Marker.COUNT];
    for (int k = 0; k < Marker.COUNT; k++) {
      double shift = rng.nextDouble(-m, m);
      logs[k] = anchorLog[k].clone();
      for (int i = 0; i < logs[k].length; i++) {
        // Negative antigens stay negative: shifting "absent" makes no biological sense.
        logs[k][i] += logs[k][i] > NEG ? shift : 0;
      }
      sds[k] = sd[k] * Math.pow(10, rng.nextDouble(-s, s));
    }
    double fscScale = Math.pow(10, rng.nextDouble(-c, c));
    double sscScale = Math.pow(10, rng.nextDouble(-c, c));
    double[] fsc = fscAnchors.clone();
    double[] ssc = sscAnchors.clone();
    for (int i = 0; i < fsc.length; i++) {
      fsc[i] *= fscScale;
    }
    for (int i = 0; i < ssc.length; i++) {
      ssc[i] *= sscScale;
    }
    return new Phenotype(anchorT, logs, sds, fsc, ssc, fscCv, sscLogSd, autofluorescence);
  }

  /** Step-by-step definition; unset antigens are negative. */
  static final class Builder {
    private final double[][] anchorT = new double[Marker.COUNT][];
    private final double[][] anchorLog = new double[Marker.COUNT][];
    private final double[] sd = new double[Marker.COUNT];
    private double[] fsc = {50_000, 50_000};
    private double[] ssc = {12_000, 12_000};
    private double fscCv = 0.10;
    private double sscLogSd = 0.08;
    private double autofluorescence = 1;

    private Builder() {
      for (int m = 0; m < Marker.COUNT; m++) {
        anchorT[m] = new double[] {0};
        anchorLog[m] = new double[] {NEG};
        sd[m] = 0.15;
      }
    }

    /** A constant antigen density: log10 ABC mean and SD. */
    Builder marker(Marker marker, double log10Abc, double sdDecades) {
      anchorT[marker.ordinal()] = new double[] {0};
      anchorLog[marker.ordinal()] = new double[] {log10Abc};
      sd[marker.ordinal()] = sdDecades;
      return this;
    }

    /** A density that changes with maturation: pairs (t, log10 ABC), t increasing. */
    Builder path(Marker marker, double sdDecades, double... tAndLog10Abc) {
      int n = tAndLog10Abc.length / 2;
      double[] ts = new double[n];
      double[] logs = new double[n];
      for (int i = 0; i < n; i++) {
        ts[i] = tAndLog10Abc[2 * i];
        logs[i] = tAndLog10Abc[2 * i + 1];
      }
      anchorT[marker.ordinal()] = ts;
      anchorLog[marker.ordinal()] = logs;
      sd[marker.ordinal()] = sdDecades;
      return this;
    }

    /** Forward scatter (canonical area units) at t = 0 and t = 1, and its CV. */
    Builder fsc(double atStart, double atEnd, double cv) {
      this.fsc = new double[] {atStart, atEnd};
      this.fscCv = cv;
      return this;
    }

    Builder fsc(double mean, double cv) {
      return fsc(mean, mean, cv);
    }

    /** Side scatter (canonical area units) at t = 0 and t = 1, and its SD in decades. */
    Builder ssc(double atStart, double atEnd, double log10Sd) {
      this.ssc = new double[] {atStart, atEnd};
      this.sscLogSd = log10Sd;
      return this;
    }

    Builder ssc(double mean, double log10Sd) {
      return ssc(mean, mean, log10Sd);
    }

    Builder autofluorescence(double relativeToLymphocyte) {
      this.autofluorescence = relativeToLymphocyte;
      return this;
    }

    Phenotype build() {
      return new Phenotype(anchorT, anchorLog, sd, fsc, ssc, fscCv, sscLogSd, autofluorescence);
    }
  }
}
