package org.mrdflow.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.mrdflow.fcs.FcsChannel;
import org.mrdflow.fcs.FcsDataset;
import org.mrdflow.fcs.FcsFile;
import org.mrdflow.fcs.FcsWriter;
import org.mrdflow.fcs.SpilloverMatrix;
import org.mrdflow.gating.events.FcsEvents;

/**
 * A lab study whose manual gating is the simulator's truth: for a folder of simulated files in
 * the mrdsim truth format ({@code <stem>.fcs}, {@code .truth.json}, {@code .labels.bin}), writes
 * each file again with one more channel, {@value #TRUTH_CHANNEL}, holding every event's truth
 * label code, and a FlowJo 10 workspace whose rectangle gates on that channel select exactly the
 * truth's populations. The copy keeps every other channel's scale values, range (the scale top
 * the analysis uses as logicle T), spillover and keywords, so the automated analysis sees the
 * same sample; truth and labels are copied beside it, so {@code evaluate} reads the same files.
 *
 * <p>Gates (label codes of the mrdsim README; 1 debris and 2 doublets are outside the MRD
 * denominator): {@code /Nucleated} codes 10-99, {@code /Nucleated/B lineage} 30-33 and 40,
 * {@code /Nucleated/B lineage/Hematogones} 30-32, {@code /Nucleated/B lineage/CD19+ blasts} 40,
 * {@code /Nucleated/CD19- blasts} 41. {@link #MAPPING} maps them to the compare roles. Each
 * population's {@code count} attribute is the number of events the truth labels put in it.
 */
final class TruthWorkspace {
  static final String TRUTH_CHANNEL = "Truth";
  static final String MAPPING = """
      denominator: /Nucleated
      blasts:
        - /Nucleated/B lineage/CD19+ blasts
        - /Nucleated/CD19- blasts
      b_lineage: /Nucleated/B lineage
      hematogones: /Nucleated/B lineage/Hematogones
      cd19_blasts: /Nucleated/B lineage/CD19+ blasts
      """;
  /** Parameter keywords the writer derives or that the copy's float scale values replace. */
  private static final Pattern PARAMETER_KEYWORD =
      Pattern.compile("\\$P\\d+(B|E|G|N|R|S|DATATYPE)", Pattern.CASE_INSENSITIVE);

  /** A population of the truth workspace: its label codes {@code [min, max)} on the channel. */
  private record Gate(String name, double min, double max, List<Gate> children) {
    long count(byte[] labels) {
      long n = 0;
      for (byte label : labels) {
        int code = label & 0xFF;
        if (code >= min && code < max) {
          n++;
        }
      }
      return n;
    }
  }

  private static final List<Gate> GATES = List.of(new Gate("Nucleated", 9.5, 99.5, List.of(
      new Gate("B lineage", 29.5, 40.5, List.of(
          new Gate("Hematogones", 29.5, 32.5, List.of()),
          new Gate("CD19+ blasts", 39.5, 40.5, List.of()))),
      new Gate("CD19- blasts", 40.5, 41.5, List.of()))));

  private TruthWorkspace() {}

  /**
   * Writes the study of every labelled file of {@code simulated} into {@code study}: the copies,
   * their truth, {@code lab.wsp} and {@code mapping.yaml}. Returns the workspace.
   */
  static Path write(Path simulated, Path study) throws IOException {
    Files.createDirectories(study);
    List<Path> files;
    try (Stream<Path> listing = Files.list(simulated)) {
      files = listing.filter(p -> p.getFileName().toString().endsWith(".fcs"))
          .filter(p -> Files.isRegularFile(sibling(p, ".labels.bin"))).sorted().toList();
    }
    StringBuilder samples = new StringBuilder();
    StringBuilder refs = new StringBuilder();
    int id = 0;
    for (Path fcs : files) {
      id++;
      Path copy = study.resolve(fcs.getFileName());
      byte[] labels = Files.readAllBytes(sibling(fcs, ".labels.bin"));
      writeWithTruthChannel(fcs, labels, copy);
      Files.copy(sibling(fcs, ".labels.bin"), sibling(copy, ".labels.bin"));
      Files.copy(sibling(fcs, ".truth.json"), sibling(copy, ".truth.json"));
      refs.append("<SampleRef sampleID=\"").append(id).append("\"/>");
      samples.append(sample(id, copy, labels));
    }
    Files.writeString(study.resolve("mapping.yaml"), MAPPING);
    return Files.writeString(study.resolve("lab.wsp"), """
        <?xml version="1.0" encoding="UTF-8"?>
        <Workspace version="20.0" flowJoVersion="10.8.1"
            xmlns:gating="http://www.isac-net.org/std/Gating-ML/v2.0/gating"
            xmlns:transforms="http://www.isac-net.org/std/Gating-ML/v2.0/transformations"
            xmlns:data-type="http://www.isac-net.org/std/Gating-ML/v2.0/datatypes">
          <Groups><GroupNode name="All Samples"><Group name="All Samples"><SampleRefs>%s
          </SampleRefs></Group></GroupNode></Groups>
          <SampleList>
        %s  </SampleList>
        </Workspace>
        """.formatted(refs, samples));
  }

  private static Path sibling(Path fcs, String suffix) {
    String name = fcs.getFileName().toString();
    return fcs.resolveSibling(name.substring(0, name.length() - 4) + suffix);
  }

  private static String sample(int id, Path copy, byte[] labels) {
    String name = copy.getFileName().toString();
    StringBuilder xml = new StringBuilder();
    xml.append(String.format(Locale.ROOT, "    <Sample><DataSet uri=\"%s\" sampleID=\"%d\"/>%n"
        + "      <SampleNode name=\"%s\" sampleID=\"%d\" count=\"%d\"><Subpopulations>%n",
        copy.toAbsolutePath().toUri(), id, name, id, labels.length));
    for (Gate gate : GATES) {
      population(gate, labels, xml, "        ");
    }
    return xml.append("      </Subpopulations></SampleNode></Sample>\n").toString();
  }

  private static void population(Gate gate, byte[] labels, StringBuilder xml, String indent) {
    xml.append(String.format(Locale.ROOT, "%s<Population name=\"%s\" count=\"%d\"><Gate "
        + "gating:id=\"%s\"><gating:RectangleGate><gating:dimension gating:min=\"%s\" "
        + "gating:max=\"%s\"><data-type:fcs-dimension data-type:name=\"%s\"/>"
        + "</gating:dimension></gating:RectangleGate></Gate>%n", indent, gate.name(),
        gate.count(labels), gate.name().replace(' ', '_'), gate.min(), gate.max(),
        TRUTH_CHANNEL));
    if (!gate.children().isEmpty()) {
      xml.append(indent).append("  <Subpopulations>\n");
      for (Gate child : gate.children()) {
        population(child, labels, xml, indent + "    ");
      }
      xml.append(indent).append("  </Subpopulations>\n");
    }
    xml.append(indent).append("</Population>\n");
  }

  /** {@code source}'s events on the scale plus the truth label column, as 32-bit floats. */
  private static void writeWithTruthChannel(Path source, byte[] labels, Path copy)
      throws IOException {
    try (FcsFile fcs = FcsFile.open(source, FcsEvents.SCALE)) {
      FcsDataset dataset = fcs.first();
      if (labels.length != dataset.eventCount()) {
        throw new IllegalStateException(source.getFileName() + ": " + labels.length
            + " labels for " + dataset.eventCount() + " events");
      }
      FcsWriter.Builder writer = FcsWriter.builder();
      List<float[]> columns = new ArrayList<>();
      for (int c = 0; c < dataset.parameterCount(); c++) {
        FcsChannel channel = dataset.channels().get(c);
        writer.parameter(channel.name(), channel.label(),
            Math.round(FcsEvents.scaleTop(channel)));
        columns.add(dataset.floatColumn(c));
      }
      float[] truth = new float[labels.length];
      for (int e = 0; e < truth.length; e++) {
        truth[e] = labels[e] & 0xFF;
      }
      writer.parameter(TRUTH_CHANNEL, null, 256);
      columns.add(truth);
      for (Map.Entry<String, String> keyword : dataset.keywords().asMap().entrySet()) {
        String key = keyword.getKey().toUpperCase(Locale.ROOT);
        if (!PARAMETER_KEYWORD.matcher(key).matches() && !isLayout(key)) {
          writer.keyword(keyword.getKey(), keyword.getValue());
        }
      }
      dataset.spillover().ifPresent(m -> writer.spillover(m.detectors(), m.values()));
      writer.columns(columns.toArray(float[][]::new)).build().write(copy);
    }
  }

  private static boolean isLayout(String key) {
    return List.of("$BEGINANALYSIS", "$ENDANALYSIS", "$BEGINDATA", "$ENDDATA", "$BEGINSTEXT",
        "$ENDSTEXT", "$BYTEORD", "$DATATYPE", "$MODE", "$NEXTDATA", "$PAR", "$TOT",
        "$SPILLOVER", "SPILL", "$COMP").contains(key);
  }
}
