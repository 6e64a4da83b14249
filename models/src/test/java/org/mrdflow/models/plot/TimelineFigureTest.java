package org.mrdflow.models.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.mrdflow.models.cohort.CarTSource;
import org.mrdflow.models.cohort.ClinicalRecord;
import org.mrdflow.models.cohort.Covariates;
import org.mrdflow.models.cohort.MrdMeasurement;
import org.mrdflow.models.cohort.MrdStatus;
import org.mrdflow.models.cohort.Sex;
import org.mrdflow.models.timeline.PatientTimeline;
import org.mrdflow.models.timeline.PatientTimelines;
import org.mrdflow.models.timeline.TimelineFlag;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The timeline figure of a patient who shows every flag, and of one without a clinical row. The
 * figures are also written to {@code target/timeline-figures/} to be looked at.
 */
class TimelineFigureTest {

  private static final LocalDate DAY0 = LocalDate.of(2026, 1, 5);
  private static final Path OUT = Path.of("target", "timeline-figures");

  private static MrdMeasurement marrow(int day, MrdStatus status, double mrd, double bCells, double cd19, Boolean eligible) {
    long nucleated = 800_000;
    return new MrdMeasurement("c0ffee1234567890abcdef", "s" + day, DAY0.plusDays(day), "d" + day, "BM", mrd, status,
        nucleated, Math.round(mrd * nucleated), cd19, Double.isNaN(bCells) ? null : bCells < 0.03, "run-" + day, bCells,
        eligible);
  }

  /**
   * CD19-positive disease before CAR-T, B-cell aplasia at day 28 lost by day 56 (early), an
   * INDETERMINATE low-level marrow, then a POSITIVE marrow with CD19-negative blasts 20 days before
   * the transplant, and a relapse after it.
   */
  static PatientTimeline everyFlag() {
    List<MrdMeasurement> samples = List.of(
        marrow(-7, MrdStatus.POSITIVE, 2.1e-2, 0.31, 1.0, true),
        marrow(28, MrdStatus.NEGATIVE, 0, 0.008, Double.NaN, null),
        marrow(56, MrdStatus.NEGATIVE, 0, 0.09, Double.NaN, null),
        marrow(90, MrdStatus.INDETERMINATE, 5e-5, 0.14, 1.0, null),
        marrow(120, MrdStatus.POSITIVE, 1.5e-3, 0.11, 0.6, false),
        marrow(200, MrdStatus.POSITIVE, 4.0e-2, 0.02, 0.4, false));
    ClinicalRecord clinical = new ClinicalRecord("c0ffee1234567890abcdef", DAY0, DAY0.plusDays(140), DAY0.plusDays(210), null,
        DAY0.plusDays(300), new Covariates(34, Sex.FEMALE, 1, false, false, false, 160, CarTSource.AUTOLOGOUS));
    return PatientTimelines.build(samples, List.of(clinical)).get(0);
  }

  @Test
  void theFigureOfAPatientWithEveryFlagHasThreePanelsEventsAndEachFlagSpelledOut() throws Exception {
    PatientTimeline t = everyFlag();
    assertThat(t.flags()).extracting(TimelineFlag::type).containsExactly(TimelineFlag.Type.values());

    byte[] png = TimelineFigure.png(t);
    byte[] svg = TimelineFigure.svg(t);
    save("every-flag", png, svg);

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(1000);
    // header, three panels, one line per flag plus one
    // header, three panels, the flag notes (wrapped to 7 lines) plus one line
    assertThat(image.getHeight()).isEqualTo(44 + 3 * 250 + 19 * (7 + 1) + 12);

    // the three panels share one x axis: the CAR-T, HSCT and relapse lines fall on the same columns
    List<java.util.SortedSet<Integer>> columns = java.util.stream.IntStream.range(0, 3)
        .mapToObj(p -> darkColumns(image, 44 + p * 250 + 105, 44 + p * 250 + 145)).toList();
    // (within a pixel: a panel is shifted by whole pixels)
    for (int p = 0; p < 3; p++) {
      assertThat(columns.get(p)).hasSize(3);
      List<Integer> these = List.copyOf(columns.get(p));
      List<Integer> first = List.copyOf(columns.get(0));
      for (int line = 0; line < 3; line++) {
        assertThat(these.get(line)).as("panel %d, line %d", p, line).isCloseTo(first.get(line), org.assertj.core.data.Offset.offset(1));
      }
    }

    // text drawn by the figure itself (XChart draws its axis texts as outlines)
    List<String> texts = svgTexts(svg);
    assertThat(texts).contains("Patient c0ffee123456: MRD course (6 samples)", "1e-4 (0.01%)", "3% aplasia", "95% hCD19 CAR-T",
        "POSITIVE", "NEGATIVE", "INDETERMINATE", "aplasia", "B cells present", "CD19 status established",
        "too few blasts / uncertain", "loss of B-cell aplasia", "CD19-negative blasts", "MRD conversion + MRD before HSCT");
    // each event labelled on each of the three panels
    assertThat(texts.stream().filter(s -> List.of("CAR-T", "HSCT", "relapse").contains(s))).hasSize(9);
    String notes = String.join(" ", texts).replaceAll("\\s+", " ");
    for (TimelineFlag f : t.flags()) {
      assertThat(notes).contains("Flag: " + f.description());
    }
  }

  @Test
  void aPatientWithoutClinicalRowIsDrawnFromTheFirstSampleAndSaysWhatIsUnknown() throws Exception {
    PatientTimeline t = PatientTimelines.build(List.of(
        marrow(-7, MrdStatus.POSITIVE, 9.2e-3, 0.25, 1.0, true),
        marrow(28, MrdStatus.NEGATIVE, 0, 0.014, Double.NaN, null)), List.of()).get(0);
    byte[] svg = TimelineFigure.svg(t);
    save("without-clinical-row", TimelineFigure.png(t), svg);
    List<String> texts = svgTexts(svg);
    assertThat(texts).doesNotContain("CAR-T", "HSCT", "relapse")
        .anyMatch(s -> s.startsWith("No clinical row for this patient: days from the first sample (2025-12-29)"))
        .anyMatch(s -> s.startsWith("No flag: no MRD conversion"));
  }

  /**
   * Columns of the plot area with a dark pixel (the dashed event lines) in rows {@code from..to},
   * leaving out rows crossed by a horizontal line (a reference line or the axis); one column per line.
   */
  private static java.util.SortedSet<Integer> darkColumns(BufferedImage image, int from, int to) {
    java.util.SortedSet<Integer> columns = new java.util.TreeSet<>();
    for (int y = from; y < to; y++) {
      List<Integer> row = new java.util.ArrayList<>();
      for (int x = 120; x < 800; x++) { // right of the y axis titles and tick labels
        int rgb = image.getRGB(x, y);
        if (((rgb >> 16) & 0xFF) < 0x70 && ((rgb >> 8) & 0xFF) < 0x70 && (rgb & 0xFF) < 0x70) {
          row.add(x);
        }
      }
      if (row.size() < 40) {
        columns.addAll(row);
      }
    }
    // a line drawn between two pixel columns darkens both: keep the first of adjacent columns
    java.util.Set<Integer> all = new java.util.TreeSet<>(columns);
    columns.removeIf(x -> all.contains(x - 1));
    return columns;
  }

  private static void save(String name, byte[] png, byte[] svg) throws IOException {
    Files.createDirectories(OUT);
    Files.write(OUT.resolve(name + ".png"), png);
    Files.write(OUT.resolve(name + ".svg"), svg);
  }

  /** The text of every {@code <text>} element, so the test reads the SVG as a browser would. */
  static List<String> svgTexts(byte[] svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    NodeList nodes = doc.getElementsByTagName("text");
    return java.util.stream.IntStream.range(0, nodes.getLength()).mapToObj(i -> nodes.item(i).getTextContent().strip())
        .toList();
  }
}
