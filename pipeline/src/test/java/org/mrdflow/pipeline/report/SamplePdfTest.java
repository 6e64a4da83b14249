package org.mrdflow.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.mrdflow.gating.mrd.ReportText;
import org.mrdflow.gating.report.SamplePdf;
import org.mrdflow.gating.report.SampleReport;
import org.mrdflow.gating.report.SignOff;

class SamplePdfTest {

  private static String text(byte[] pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(doc.getNumberOfPages()).isEqualTo(1);
      return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
    }
  }

  @Test
  void anUnsignedReportIsOnePageWithTheCallMrdPercentCountsFlagsInWordsAndNotYetReviewed()
      throws Exception {
    byte[] pdf = SamplePdf.render(Reports.positive("file-0123456789abcdef", Reports.png()),
        List.of());

    String text = text(pdf);
    assertThat(text).contains("file-0123456789abcdef", "CAR-T +28d", "MRD positive",
        "MRD positive: 0.92 %", "1,759 blasts / 191,400 nucleated cells", "0.01 % (LOD 20, LLOQ 50 events)",
        "95.0 % (1,671 blasts)", "1.3 % of lymphocytes (520 / 40,000)", "Not yet reviewed");
    for (String flag : List.of("blasts-below-lloq", "hemodiluted")) {
      assertThat(text).contains(ReportText.flag(flag)).doesNotContain(flag);
    }
  }

  @Test
  void theGatingFigureIsOnThePage() throws Exception {
    byte[] pdf = SamplePdf.render(Reports.positive("s", Reports.png()), List.of());
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 36);
      int red = 0;
      for (int y = 0; y < page.getHeight(); y++) {
        for (int x = 0; x < page.getWidth(); x++) {
          int rgb = page.getRGB(x, y) & 0xFFFFFF;
          red += (rgb >> 16) > 200 && (rgb >> 8 & 0xFF) < 60 && (rgb & 0xFF) < 60 ? 1 : 0;
        }
      }
      // The test figure's 100 x 100 red square, scaled onto the page: some pixels at 36 dpi.
      assertThat(red).isGreaterThan(20);
    }
  }

  @Test
  void signOffsArePrintedWithNameRoleActionAndTime() throws Exception {
    List<SignOff> signOffs = List.of(
        new SignOff("A. Reviewer", "reviewer", "accept", Instant.parse("2026-12-05T13:00:00Z")),
        new SignOff("B. Director", "director", "sign", Instant.parse("2026-12-05T14:30:00Z")));

    String text = text(SamplePdf.render(Reports.positive("s", Reports.png()), signOffs));

    assertThat(text).contains("2026-12-05T13:00:00Z A. Reviewer (reviewer): accept",
        "2026-12-05T14:30:00Z B. Director (director): sign").doesNotContain("Not yet reviewed");
  }

  @Test
  void aReviewedCallIsMarkedAndAReportWithoutASignOffSaysSo() throws Exception {
    SampleReport run = Reports.positive("s", null);
    SampleReport reviewed = new SampleReport(run.runId(), run.sampleId(), run.sampleName(), run.timepoint(), null, null,
        run.mrd(), run.rules(), null, Set.of("mrd_status"));
    List<SignOff> override = List.of(new SignOff("A. Reviewer", "reviewer",
        "override mrd_status NEGATIVE -> POSITIVE (hematogones)", Instant.parse("2026-12-05T13:00:00Z")));

    String text = text(SamplePdf.render(reviewed, override));

    assertThat(text).contains("call (reviewed) MRD positive. Call set by the reviewer", "Not signed off",
        "A. Reviewer (reviewer): override mrd_status NEGATIVE -> POSITIVE (hematogones)")
        .doesNotContain(ReportText.reason(run.mrd().reason(), run.rules()), "Not yet reviewed");
  }

  @Test
  void aNegativeReadsAsBelowItsSensitivityAndAFailedFileAsItsFailureInWords() throws Exception {
    assertThat(text(SamplePdf.render(Reports.negative("n"), List.of())))
        .contains("MRD negative: < 0.0092 %", "QC flags none", "not evaluable");
    assertThat(text(SamplePdf.render(Reports.failed("f", "f: byte 58: invalid segment offsets"),
        List.of())))
        .contains("Not analysed (CORRUPT)", ReportText.failure("CORRUPT"),
            "f: byte 58: invalid segment offsets");
  }

  @Test
  void anyCharacterAndAVeryLongNameStillGiveOnePage() throws Exception {
    String hostile = "\u202e<script>\u00e9\u4e2d\u0007" + "x".repeat(400);
    String text = text(SamplePdf.render(Reports.failed(hostile, hostile.repeat(10)), List.of()));
    assertThat(text).contains("<script>\u00e9?").contains("xxxxxxxx");
  }
}
