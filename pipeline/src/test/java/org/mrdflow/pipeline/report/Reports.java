package org.mrdflow.pipeline.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.mrdflow.gating.mrd.MrdRules;
import org.mrdflow.gating.mrd.MrdStatus;
import org.mrdflow.gating.mrd.MrdStatusReason;
import org.mrdflow.gating.report.SampleReport;

/** Sample reports with figures worked by hand, for the renderers' tests. */
final class Reports {
  private Reports() {}

  /** 1,759 blasts of 191,400 nucleated: MRD 0.92 %, sensitivity 20 / 191,400 = 0.010 %. */
  static SampleReport positive(String name, byte[] png) {
    return new SampleReport("night-1", "ab".repeat(32), name, "CAR-T +28d", null, null,
        new SampleReport.Mrd(MrdStatus.POSITIVE, MrdStatusReason.POSITIVE_ABOVE_THRESHOLD,
            1_759.0 / 191_400, 20.0 / 191_400, 1_759, 191_400, 20, 50, 1_671, 1_671.0 / 1_759,
            true, 40_000, 520, 0.013, true, 99,
            List.of("blasts-below-lloq", "hemodiluted")),
        MrdRules.DEFAULTS, png);
  }

  /** No blasts in 217,391 nucleated: "< 0.0092 %". */
  static SampleReport negative(String name) {
    return new SampleReport("night-1", "cd".repeat(32), name, null, null, null,
        new SampleReport.Mrd(MrdStatus.NEGATIVE, MrdStatusReason.NOT_DETECTED, 0,
            20.0 / 217_391, 0, 217_391, 20, 50, 0, Double.NaN, null, 30_000, 3_000, 0.1, false,
            1_200, List.of()),
        MrdRules.DEFAULTS, null);
  }

  static SampleReport failed(String name, String message) {
    return new SampleReport("night-1", null, name, null, "CORRUPT", message, null,
        MrdRules.DEFAULTS, null);
  }

  /** A PNG of a plain figure (a red square on white), 800 x 900 like a gating figure's shape. */
  static byte[] png() throws IOException {
    BufferedImage image = new BufferedImage(780, 900, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 780, 900);
    g.setColor(Color.RED);
    g.fillRect(300, 300, 100, 100);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
