package org.mrdflow.simulation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.mrdflow.fcs.FcsWriter;

/**
 * Writes a {@link SimulatedSample} as {@code <stem>.fcs}, {@code <stem>.labels.bin} (one uint8
 * label code per event, FCS event order) and {@code <stem>.truth.json} in the shared ground-truth
 * format (schema {@code mrdsim-truth/1}, see {@code ../shared/mrdsim/README.md}).
 */
public final class SimulationFiles {
  public static final String SCHEMA = "mrdsim-truth/1";
  public static final String GENERATOR = "mrdflow-simulate";
  public static final String GENERATOR_VERSION = "1";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SimulationFiles() {}

  /** The three files of one sample. */
  public record Written(Path fcs, Path labels, Path truth) {}

  public static Written write(SimulatedSample sample, Path dir) throws IOException {
    Files.createDirectories(dir);
    String stem = sample.spec().sampleId();
    Path fcs = dir.resolve(stem + ".fcs");
    Path labels = dir.resolve(stem + ".labels.bin");
    Path truth = dir.resolve(stem + ".truth.json");
    fcsWriter(sample, fcs.getFileName().toString()).write(fcs);
    Files.write(labels, sample.labels());
    JSON.writeValue(truth.toFile(), truthJson(sample, fcs));
    return new Written(fcs, labels, truth);
  }

  static FcsWriter fcsWriter(SimulatedSample sample, String fileName) {
    Instrument inst = sample.spec().instrument();
    FcsWriter.Builder b =
        FcsWriter.builder()
            .version(inst.fcsVersion())
            .keyword("$CYT", inst.cytometer())
            .keyword("$FIL", fileName)
            .keyword("$SRC", sample.spec().sampleId())
            .keyword("$TIMESTEP", Double.toString(inst.timestep()))
            .keywords(new TreeMap<>(inst.vendorKeywords()));
    for (Instrument.Channel ch : sample.channels()) {
      b.parameter(ch.name(), ch.label(), inst.range(ch.kind()));
    }
    List<String> detectors = inst.detectors().stream().map(Instrument.Detector::name).toList();
    if (inst.style().spilloverKeyword()) {
      b.spillover(detectors, sample.writtenSpillover());
    }
    return b.columns(sample.columns()).build();
  }

  private static ObjectNode truthJson(SimulatedSample sample, Path fcs) throws IOException {
    SampleSpec spec = sample.spec();
    SimulationTruth t = sample.truth();
    Instrument inst = spec.instrument();
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", SCHEMA);
    root.putObject("generator").put("name", GENERATOR).put("version", GENERATOR_VERSION);
    root.put("file", fcs.getFileName().toString());
    root.put("fcs_sha256", sha256(fcs));
    root.put("fcs_bytes", Files.size(fcs));
    root.put("labels_file", spec.sampleId() + ".labels.bin");
    root.put("sample_id", spec.sampleId());
    root.put("scenario", spec.scenario());
    root.put("profile", inst.id());
    root.put("seed", spec.seed());
    root.put("archetype", spec.archetype());
    root.put("replicate", spec.replicate());
    root.put("total_events", t.totalEvents());
    root.put("debris", t.debris());
    root.put("doublets", t.doublets());
    root.put("nucleated_singlets", t.calls().nucleatedSinglets());
    root.put("blasts", t.calls().blasts());
    root.put("blasts_cd19pos", t.calls().blastsCd19pos());
    root.put("blasts_cd19neg", t.calls().blastsCd19neg());
    root.put("cd19pos_fraction_of_blasts", t.calls().cd19posFractionOfBlasts());
    root.put("mrd_fraction", t.calls().mrdFraction());
    root.put("mrd_percent", 100 * t.calls().mrdFraction());
    root.put("mrd_category", t.calls().mrdCategory());
    root.put("mrd_category_reason", t.calls().mrdCategoryReason());
    root.put("achieved_sensitivity", t.calls().achievedSensitivity());
    root.put("blasts_quantifiable_ge_lloq", t.calls().blastsQuantifiableGeLloq());
    root.put("hematogones", t.calls().hematogones());
    root.put("mature_b", t.calls().matureB());
    root.put("lymphocytes", t.calls().lymphocytes());
    root.put("b_pct_of_lymphocytes", t.calls().bPctOfLymphocytes());
    root.put("b_cell_aplasia", t.calls().bCellAplasia());
    root.put("car19_eligible", t.calls().car19Eligible());
    root.put("car19_evaluable", t.calls().car19Evaluable());
    ObjectNode rules = root.putObject("rules");
    rules.put("mrd_category",
        "N = nucleated singlets (every event that is neither debris nor a doublet; CD45-negative"
            + " erythroid included); B = true blasts among them. POSITIVE: B >= 20 and 10000*B >= N."
            + " NEGATIVE: B == 0 and N >= 200000. Otherwise INDETERMINATE:"
            + " LOW_LEVEL_POSITIVE_BELOW_0.01PCT (B >= 20, B/N < 1e-4), DETECTED_BELOW_LOD"
            + " (0 < B < 20), INSUFFICIENT_SENSITIVITY (B == 0, N < 200000).");
    rules.put("car19",
        "car19_eligible: B > 0 and CD19+ blasts / B >= 0.95 (null when B == 0); a CD19-dim"
            + " subclone counts as CD19+. car19_evaluable: B >= 20.");
    rules.put("b_cell_aplasia",
        "b_pct_of_lymphocytes = 100 * (hematogones I/II/transitional + mature B) / (T + CAR-T + NK"
            + " + hematogones + mature B); plasma cells and blasts excluded. b_cell_aplasia:"
            + " b_pct_of_lymphocytes < 3.");
    rules.put("lod_events", TruthRules.RULES.lodEvents());
    rules.put("lloq_events", TruthRules.RULES.lloqEvents());
    rules.put("denominator", "nucleated_singlets");
    ObjectNode counts = root.putObject("population_counts");
    t.populationCounts().forEach(counts::put);
    ObjectNode stages = root.putObject("hematogone_stages");
    for (Population p : Population.values()) {
      if (p.isHematogone()) {
        stages.put(p.truthName(), t.populationCounts().get(p.truthName()));
      }
    }
    root.put("doublets_containing_blasts", sample.doubletsContainingBlasts());
    FlowDisturbance disturbance = sample.disturbance();
    if (disturbance == null) {
      root.putNull("acquisition_disturbance");
    } else {
      root.putObject("acquisition_disturbance")
          .put("kind", "partial_clog")
          .put("from_seconds", disturbance.fromSeconds())
          .put("to_seconds", disturbance.toSeconds())
          .put("flow_rate_factor", disturbance.rateFactor())
          .put("signal_factor", disturbance.signalFactor())
          .put("events", sample.disturbedEvents());
    }
    ObjectNode intended = root.putObject("intended");
    intended.put("blast_fraction", spec.blastFraction());
    intended.put("cd19pos_fraction", spec.blastFraction() > 0 ? spec.cd19PositiveShare() : null);
    intended.putObject("background")
        .put("preset", spec.background().name().toLowerCase(Locale.ROOT))
        .put("hematogones_pct", spec.hematogonePct());
    ObjectNode composition = intended.putObject("composition_pct");
    for (Map.Entry<Population, Double> e : sample.intendedPercent().entrySet()) {
      composition.put(e.getKey().truthName(), e.getValue());
    }
    intended.put("debris_fraction", sample.debrisFraction());
    intended.put("doublet_fraction", sample.doubletFraction());
    intended.put("events_target", spec.events());
    intended.put("count_mode", "multinomial");
    ObjectNode channels = root.putObject("channels");
    ObjectNode markerToPnn = channels.putObject("marker_to_pnn");
    ArrayNode pnn = channels.putArray("pnn");
    ArrayNode pns = channels.putArray("pns");
    ArrayNode kinds = channels.putArray("kinds");
    for (Instrument.Channel ch : sample.channels()) {
      if (ch.marker() != null) {
        markerToPnn.put(ch.marker().name(), ch.name());
      }
      pnn.add(ch.name());
      pns.add(ch.label());
      kinds.add(kind(ch.kind()));
    }
    ObjectNode fcsInfo = root.putObject("fcs");
    fcsInfo.put("version", inst.fcsVersion().headerId().substring(3));
    fcsInfo.put("datatype", "F");
    fcsInfo.put("bits", 32);
    fcsInfo.put("byteord", "1,2,3,4");
    if (inst.style().spilloverKeyword()) {
      fcsInfo.put("spillover_keyword", "$SPILLOVER");
    } else {
      fcsInfo.putNull("spillover_keyword");
    }
    ObjectNode spill = root.putObject("spillover");
    ArrayNode detectors = spill.putArray("detectors");
    inst.detectors().forEach(d -> detectors.add(d.name()));
    matrix(spill.putArray("written"), sample.writtenSpillover());
    matrix(spill.putArray("true"), inst.trueSpillover());
    ObjectNode labelCodes = root.putObject("label_codes");
    for (Population p : Population.values()) {
      labelCodes.put(Integer.toString(p.code()), p.truthName());
    }
    return root;
  }

  private static String kind(Instrument.ChannelKind kind) {
    return switch (kind) {
      case FSC_A -> "fsc_a";
      case FSC_H -> "fsc_h";
      case FSC_W -> "fsc_w";
      case SSC_A -> "ssc_a";
      case SSC_H -> "ssc_h";
      case VSSC_A -> "vssc_a";
      case FLUORESCENCE -> "fl";
      case DNA -> "dna";
      case TIME -> "time";
    };
  }

  private static void matrix(ArrayNode out, double[][] m) {
    for (double[] row : m) {
      ArrayNode r = out.addArray();
      for (double v : row) {
        r.add(v);
      }
    }
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always provides SHA-256", e);
    }
    try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
