package org.mrdflow.gating.report;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.mrdflow.gating.mrd.MrdStatus;

/**
 * The printable one-page PDF of one sample for the medical record (Apache PDFBox): the sample,
 * the call and its reason, the counts and sensitivity, CD19+ share and eligibility, B cells and
 * aplasia, hematogones, the thresholds, the QC flags in words, the gating figure, and the review
 * and sign-off block (the given {@link SignOff}s, or "not yet reviewed" with lines to sign on
 * paper). Always one A4 page: the figure takes the height the text leaves, and a text too long
 * for the page is cut with a note. Plain Java (no Spark): the run writes it unsigned beside the
 * plots, the review server renders it again with the audit trail's sign-offs.
 */
public final class SamplePdf {
  /** File name of the report in a sample's plot folder. */
  public static final String NAME = "report.pdf";

  private static final float MARGIN = 40;
  private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
  private static final float LABEL_WIDTH = 105;
  private static final float SIGN_OFF_HEIGHT = 112;
  private static final float MIN_FIGURE_HEIGHT = 220;
  private static final float BODY = 9.5f;

  private SamplePdf() {}

  /** The PDF's bytes. */
  public static byte[] render(SampleReport report, List<SignOff> signOffs) {
    PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      doc.getDocumentInformation().setTitle("MRD report " + shortId(report.sampleId()));
      doc.getDocumentInformation().setCreator("MRDFlow");
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        Writer w = new Writer(cs, PDRectangle.A4.getHeight() - MARGIN,
            MARGIN + SIGN_OFF_HEIGHT + 24);
        w.line(bold, 15, "MRDFlow - flow MRD report (B-ALL, 6-colour panel)", Color.BLACK);
        w.line(regular, BODY, "Run " + orDash(report.runId()) + "   Sample id "
            + orDash(report.sampleId()), Color.DARK_GRAY);
        w.gap(4);
        w.row(bold, regular, "sample", report.sampleName());
        if (report.timepoint() != null) {
          w.row(bold, regular, "timepoint", report.timepoint());
        }
        w.gap(4);
        String headline = report.analysed() ? report.call() + ": " + report.mrdPercent()
            : report.call();
        w.line(bold, 14, headline, colour(report));
        w.gap(2);
        for (String[] finding : report.findings()) {
          w.row(bold, regular, finding[0], finding[1]);
        }
        if (!report.analysed() && report.errorMessage() != null) {
          w.row(bold, regular, "message", report.errorMessage());
        }
        w.gap(4);
        List<String> flags = report.flagSentences();
        w.row(bold, regular, "QC flags", flags.isEmpty() ? (report.analysed() ? "none" : "-")
            : "- " + String.join("\n- ", flags));
        w.noteIfCut(regular);
        float figureTop = w.y - 6;
        float figureBottom = MARGIN + SIGN_OFF_HEIGHT + 8;
        if (report.plotPng() != null && figureTop - figureBottom >= MIN_FIGURE_HEIGHT) {
          PDImageXObject image = PDImageXObject.createFromByteArray(doc, report.plotPng(),
              "gating.png");
          float scale = Math.min(WIDTH / image.getWidth(),
              (figureTop - figureBottom) / image.getHeight());
          float w2 = image.getWidth() * scale;
          float h2 = image.getHeight() * scale;
          cs.drawImage(image, MARGIN + (WIDTH - w2) / 2, figureTop - h2, w2, h2);
        } else if (report.plotPng() != null) {
          w.line(regular, BODY, "(The gating figure did not fit: see gating.png beside this "
              + "report.)", Color.DARK_GRAY);
        } else if (report.analysed()) {
          w.line(regular, BODY, "(No gating figure for this sample.)", Color.DARK_GRAY);
        }
        signOffs(cs, regular, bold, signOffs);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("PDF rendering in memory failed", e);
    }
  }

  private static void signOffs(PDPageContentStream cs, PDType1Font regular, PDType1Font bold,
      List<SignOff> signOffs) throws IOException {
    float top = MARGIN + SIGN_OFF_HEIGHT;
    cs.setStrokingColor(Color.GRAY);
    cs.addRect(MARGIN, MARGIN, WIDTH, SIGN_OFF_HEIGHT);
    cs.stroke();
    Writer w = new Writer(cs, top - 4, MARGIN + 4);
    w.x = MARGIN + 6;
    w.line(bold, 11, "Review and sign-off", Color.BLACK);
    if (signOffs.isEmpty()) {
      w.line(regular, BODY, "Not yet reviewed. This report was produced automatically and is "
          + "not a result until a qualified person signs it.", Color.BLACK);
      w.gap(10);
      for (String role : List.of("Reviewed by", "Signed off by")) {
        w.line(regular, BODY, role + ": " + "_".repeat(24) + "   Role: " + "_".repeat(12)
            + "   Date and time: " + "_".repeat(18), Color.BLACK);
        w.gap(6);
      }
    } else {
      if (signOffs.stream().noneMatch(SignOff::signs)) {
        w.line(bold, BODY, "Not signed off: reviewed, but not a result until a qualified person signs it.",
            new Color(150, 0, 0));
      }
      for (SignOff s : signOffs) {
        w.line(regular, BODY, s.time() + "   " + s.name() + " (" + s.role() + "): " + s.action(),
            Color.BLACK);
        if (w.y < MARGIN + 14) {
          break;
        }
      }
    }
  }

  private static Color colour(SampleReport report) {
    if (!report.analysed()) {
      return new Color(150, 0, 0);
    }
    return report.mrd().status() == MrdStatus.POSITIVE ? new Color(170, 0, 0)
        : report.mrd().status() == MrdStatus.NEGATIVE ? new Color(0, 100, 0)
        : new Color(150, 100, 0);
  }

  private static String shortId(String id) {
    return id == null ? "-" : id.substring(0, Math.min(16, id.length()));
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }

  /**
   * Text that the standard Helvetica (WinAnsi) can show: untrusted names and messages may hold
   * any character; one it cannot encode becomes '?', a control character a space.
   */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7F || c >= 0xA0 && c <= 0xFF ? c
          : Character.isWhitespace(c) || Character.isISOControl(c) ? ' ' : '?');
    }
    return out.toString();
  }

  /**
   * Lines from the top of the page down, wrapped to the width; lines that would pass {@code
   * floor} are left out (the page stays one page) and {@link #noteIfCut} says so.
   */
  private static final class Writer {
    private final PDPageContentStream cs;
    private final float floor;
    private float y;
    private float x = MARGIN;
    private boolean cut;

    Writer(PDPageContentStream cs, float top, float floor) {
      this.cs = cs;
      this.y = top;
      this.floor = floor;
    }

    void noteIfCut(PDType1Font font) throws IOException {
      if (cut) {
        cut = false;
        y = floor + BODY * 1.3f;
        show(font, BODY, x, "[The text above was cut to fit the page: report.html has all of it.]",
            Color.DARK_GRAY);
        cut = true;
      }
    }

    void gap(float points) {
      y -= points;
    }

    void line(PDType1Font font, float size, String text, Color color) throws IOException {
      for (String piece : wrap(font, size, printable(text), WIDTH - (x - MARGIN) - 6)) {
        show(font, size, x, piece, color);
      }
    }

    /** A label and its value, the value wrapped in its column ('\n' starts a new line). */
    void row(PDType1Font labelFont, PDType1Font font, String label, String value)
        throws IOException {
      List<String> lines = new ArrayList<>();
      for (String paragraph : (value == null ? "-" : value).split("\n")) {
        lines.addAll(wrap(font, BODY, printable(paragraph), WIDTH - LABEL_WIDTH));
      }
      float top = y;
      show(labelFont, BODY, x, label, Color.BLACK);
      y = top;
      for (String piece : lines) {
        show(font, BODY, x + LABEL_WIDTH, piece, Color.BLACK);
      }
    }

    private void show(PDType1Font font, float size, float at, String text, Color color)
        throws IOException {
      if (cut || y - size * 1.3f < floor) {
        cut = true;
        return;
      }
      y -= size * 1.3f;
      cs.beginText();
      cs.setNonStrokingColor(color);
      cs.setFont(font, size);
      cs.newLineAtOffset(at, y);
      cs.showText(text);
      cs.endText();
    }

    private static List<String> wrap(PDType1Font font, float size, String text, float width)
        throws IOException {
      List<String> lines = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      for (String whole : text.split(" ")) {
        String word = whole;
        // A word wider than the column (a long name without spaces) is broken where it ends.
        while (word.length() > 1 && font.getStringWidth(word) / 1000 * size > width) {
          int fits = word.length() - 1;
          while (fits > 1 && font.getStringWidth(word.substring(0, fits)) / 1000 * size > width) {
            fits--;
          }
          if (line.length() > 0) {
            lines.add(line.toString());
            line.setLength(0);
          }
          lines.add(word.substring(0, fits));
          word = word.substring(fits);
        }
        String candidate = line.length() == 0 ? word : line + " " + word;
        if (font.getStringWidth(candidate) / 1000 * size <= width || line.length() == 0) {
          line.setLength(0);
          line.append(candidate);
        } else {
          lines.add(line.toString());
          line.setLength(0);
          line.append(word);
        }
      }
      lines.add(line.toString());
      return lines;
    }
  }
}
