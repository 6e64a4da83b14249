package org.mrdflow.models.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class StepFigureRendererTest {

  /** Written under target/ so a reviewer can look at the figures after a build. */
  private static final Path OUT = Path.of("target", "test-plots");

  /*
   * Kaplan-Meier by hand. MRD-positive, times 2, 3+, 5, 8 (+ = censored): S = 3/4 at 2, 3/4 * 1/2 = 3/8
   * at 5, 0 at 8. MRD-negative, times 4, 6+, 7+, 9+: S = 3/4 from 4, drawn to the last follow-up at 9.
   */
  private static StepFigure figure() {
    StepCurve a = new StepCurve("MRD-positive before HSCT", new double[] {2, 5, 8}, new double[] {0.75, 0.375, 0}, new double[] {0.4, 0.1, Double.NaN}, new double[] {0.95, 0.8, Double.NaN});
    StepCurve b = new StepCurve("MRD-negative before HSCT", new double[] {4, 9}, new double[] {0.75, 0.75}, null, null);
    double[] times = {0, 3, 6, 9};
    return new StepFigure(
        "Leukemia-free survival", "Months since CAR-T infusion", "Leukemia-free survival", 1, List.of(a, b), true, times,
        List.of(StepFigure.numbersAtRisk(new double[] {2, 3, 5, 8}, times), StepFigure.numbersAtRisk(new double[] {4, 6, 7, 9}, times)), 10);
  }

  @Test
  void numbersAtRiskCountFollowUpAtOrAfterEachTime() {
    assertThat(figure().atRisk().get(0)).containsExactly(4, 3, 1, 0);
    assertThat(figure().atRisk().get(1)).containsExactly(4, 4, 3, 1);
  }

  @Test
  void pngAndSvgAreWrittenWithTheRiskTableUnderThePlot() throws IOException {
    Files.createDirectories(OUT);
    Path png = OUT.resolve("km-hand-worked.png");
    Path svg = OUT.resolve("km-hand-worked.svg");
    StepFigureRenderer.writePng(figure(), png);
    StepFigureRenderer.writeSvg(figure(), svg);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(900);
    assertThat(image.getHeight()).isGreaterThan(520);
    String text = Files.readString(svg);
    assertThat(text).startsWith("<?xml").contains("<svg").contains("Number at risk").contains("MRD-positive before HSCT");
  }

  @Test
  void curvesWithMismatchedColumnsAreRejected() {
    assertThatThrownBy(() -> new StepCurve("X", new double[] {1, 2}, new double[] {1}, null, null))
        .hasMessage("X: time, estimate and limits differ in length");
    assertThatThrownBy(() -> new StepCurve("X", new double[] {2, 1}, new double[] {1, 1}, null, null))
        .hasMessage("X: times are not increasing at index 1");
  }
}
