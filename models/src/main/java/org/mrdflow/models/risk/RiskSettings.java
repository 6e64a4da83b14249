package org.mrdflow.models.risk;

/**
 * The prediction task: at a landmark {@code landmarkDays} after CAR-T infusion, among patients
 * alive, relapse-free and followed at the landmark, predict relapse within {@code horizonDays}
 * after it from what is known by then.
 *
 * @param landmarkDays default 90: the 1-, 2- and 3-month marrows of paper 002's schedule are in
 * @param horizonDays default 730, the 2-year horizon of the published rates
 */
public record RiskSettings(int landmarkDays, int horizonDays) {

  public RiskSettings {
    if (landmarkDays < 0 || horizonDays < 1) {
      throw new IllegalArgumentException(
          "need landmarkDays >= 0 and horizonDays >= 1, got " + landmarkDays + ", " + horizonDays);
    }
  }

  public static RiskSettings defaults() {
    return new RiskSettings(90, 730);
  }
}
