package org.mrdflow.gating.mrd;

/**
 * The tunable constants of the automated MRD gating, all dimensionless: multiples of a spread
 * (robust SD) or quantiles estimated from the sample itself, never channel values. Defaults are
 * in {@link #DEFAULTS}; {@code conf/gating/b-all-mrd.yaml} may override any of them.
 *
 * @param timeBins equal-width acquisition-time bins of the time QC
 * @param timeBinZ a bin is a disturbance when its count is this many robust SDs (at least the
 *     Poisson SD) from the median bin count
 * @param singletSpreads singlets: FSC-A/FSC-H ratio at most median + this many robust SDs
 * @param positiveSpreads a marker is positive above the negative mode + this many SDs
 * @param lymphocyteSpreads lymphocyte CD45 lower bound: CD45 mode - this many (upper-side) SDs
 * @param plasmaCd38Spreads plasma cells: CD38 above the progenitor median + this many SDs
 * @param cd10BrightQuantile "CD10 bright": above this quantile of CD10 on SSC-high granulocytes
 *     (band and segmented neutrophils are the panel's internal CD10-positive control)
 * @param cd19ProgenitorSpreads CD19 positivity is at least the median + this many robust SDs
 *     of CD19 on normal CD38-bright CD34+ CD10- progenitors (2.33: their 99th percentile if
 *     Gaussian), so spreading from CD34 does not make them B lineage
 * @param scatterLowSpreads blast scatter window: log FSC and log SSC at least the lymphocyte
 *     median - this many SDs
 * @param fscHighSpreads blast scatter window: log FSC at most the lymphocyte median + this many
 * @param sscHighSpreads blast scatter window: log SSC at most the lymphocyte median + this many
 * @param coreScore seed blasts: CD38 + CD45 deficit against normal progenitors (sum of the two
 *     z-scores) at least this
 * @param coreCd38Deficit seed blasts: CD38 deficit beyond what CD10 explains at least this
 * @param growScore candidates joined to the seed cluster: score at least this
 * @param growCd38Deficit candidates joined to the seed cluster: CD38 deficit at least this
 * @param growMinSeeds the seed cluster is only grown when it has at least this many events
 * @param growChiSquare candidates must lie within this squared distance of the seed cluster
 *     (five markers; 15.09 is the 99 % point of chi-square with 5 degrees of freedom)
 * @param proBCd19Spreads pro-B (CD34+ CD10-) blasts need CD19 above the B-lineage median minus
 *     this many robust SDs (normal-B CD19, unlike CD19 spreading on CD34-bright progenitors)
 * @param minSpreadDecades floor on any estimated spread, in decades
 * @param minLandmarkEvents fewest normal progenitors the landmarks may be estimated from
 * @param panelLimitedShare panel-limited when CD34+ CD38-dim CD19- CD10- events exceed this share
 *     of all CD34+ CD19- CD10- progenitors (normal marrow: about an eighth)
 */
public record MrdGatingSettings(
    int timeBins,
    double timeBinZ,
    double singletSpreads,
    double positiveSpreads,
    double lymphocyteSpreads,
    double plasmaCd38Spreads,
    double cd10BrightQuantile,
    double cd19ProgenitorSpreads,
    double scatterLowSpreads,
    double fscHighSpreads,
    double sscHighSpreads,
    double coreScore,
    double coreCd38Deficit,
    double growScore,
    double growCd38Deficit,
    int growMinSeeds,
    double growChiSquare,
    double proBCd19Spreads,
    double minSpreadDecades,
    int minLandmarkEvents,
    double panelLimitedShare) {

  public static final MrdGatingSettings DEFAULTS = new MrdGatingSettings(
      64, 6.0, 4.0, 4.0, 4.0, 3.0, 0.95, 2.33, 3.0, 6.0, 4.0, 4.0, 3.0, 2.0, 2.0, 10,
      15.09, 3.0, 0.05, 20, 0.25);
}
