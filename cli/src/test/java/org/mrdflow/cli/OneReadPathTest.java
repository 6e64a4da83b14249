package org.mrdflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.fcs.FcsChannel;
import org.mrdflow.fcs.FcsDataset;
import org.mrdflow.fcs.FcsFile;
import org.mrdflow.fcs.FcsReadOptions;
import org.mrdflow.pipeline.job.FcsMrdAnalyzer;
import org.mrdflow.pipeline.job.MrdflowJob;
import org.mrdflow.pipeline.job.RunListener;
import org.mrdflow.pipeline.run.RunRequest;
import org.mrdflow.pipeline.testing.DuckDb;
import org.mrdflow.pipeline.testing.Runs;
import org.mrdflow.pipeline.testing.TestSpark;

/**
 * The batch ({@code run}), {@code analyze}, {@code evaluate} and {@code gate} gate the same
 * numbers: a simulated marrow rewritten with a gain ({@code $PnG = 2}) on CD19 and a
 * log-amplified integer ({@code $PnE = f1,1}) CD20 gives identical counts through all four.
 */
class OneReadPathTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LAYOUT = Pattern.compile(
      "\\$(P\\d+[A-Z]+|BEGIN\\w+|END\\w+|BYTEORD|DATATYPE|MODE|NEXTDATA|PAR|TOT)", Pattern.CASE_INSENSITIVE);

  @Test
  void gainAndLogAmplifiedChannelsGiveIdenticalCountsInTheBatchAnalyzeEvaluateAndGate(@TempDir Path dir)
      throws Exception {
    Path sim = dir.resolve("sim");
    CliRun simulated = CliRun.run("simulate", "--scenario", "classic", "--blast-fraction", "1e-2", "--events",
        "60000", "--instrument", "canto", "--seed", "11", "--out", sim.toString());
    assertThat(simulated.exit()).as(simulated.err()).isZero();
    Path input = Files.createDirectories(dir.resolve("in"));
    Path fcs = input.resolve("scaled.fcs");
    writeScaledCopy(sim.resolve("classic-1e-2-r1.fcs"), fcs);
    Files.copy(sim.resolve("classic-1e-2-r1.truth.json"), input.resolve("scaled.truth.json"));
    Files.copy(sim.resolve("classic-1e-2-r1.labels.bin"), input.resolve("scaled.labels.bin"));
    try (FcsFile written = FcsFile.open(fcs, FcsReadOptions.defaults())) {
      List<FcsChannel> channels = written.first().channels();
      assertThat(channels).anySatisfy(c -> assertThat(c.gain()).isEqualTo(2.0));
      assertThat(channels).anySatisfy(c -> assertThat(c.logDecades()).isGreaterThan(5));
    }

    CliRun analyzed = CliRun.run("analyze", fcs.toString(), "--gatingml", dir.resolve("gates.xml").toString(),
        "--json");
    assertThat(analyzed.exit()).as(analyzed.err()).isZero();
    JsonNode analysis = JSON.readTree(analyzed.out());

    CliRun evaluated = CliRun.run("evaluate", "--truth", input.toString(), "--json");
    JsonNode evaluation = JSON.readTree(evaluated.out()).get("samples").get(0);

    CliRun gated = CliRun.run("gate", "--gatingml", dir.resolve("gates.xml").toString(), fcs.toString(), "--json");
    assertThat(gated.exit()).as(gated.err()).isZero();
    Map<String, Long> gateCounts = new TreeMap<>();
    JSON.readTree(gated.out()).get("populations")
        .forEach(p -> gateCounts.put(p.get("path").asText(), p.get("events").asLong()));

    Path output = dir.resolve("warehouse");
    new MrdflowJob(TestSpark.session(), FcsMrdAnalyzer.fromConfig(Runs.defaultConfig())).run(new RunRequest(
        input.toString(), output.toString(), null, Runs.defaultConfig(), "rp", false, false, null),
        RunListener.NONE);
    Map<String, Object> batch = DuckDb.table(output, "mrd_results", "sample_id").get(0);
    Map<String, Long> batchCounts = new TreeMap<>();
    DuckDb.table(output, "populations", "population")
        .forEach(r -> batchCounts.put((String) r.get("population"), (Long) r.get("events")));

    long blasts = analysis.get("blastEvents").asLong();
    long nucleated = analysis.get("nucleatedEvents").asLong();
    assertThat(blasts).isPositive();
    assertThat(batch.get("blast_events")).isEqualTo(blasts);
    assertThat(batch.get("nucleated_events")).isEqualTo(nucleated);
    assertThat(evaluation.get("blasts").asLong()).isEqualTo(blasts);
    assertThat(evaluation.get("nucleated").asLong()).isEqualTo(nucleated);
    Map<String, Long> analyzeCounts = new TreeMap<>();
    analysis.get("populations").forEach(p -> analyzeCounts.put(p.get("path").asText(), p.get("events").asLong()));
    assertThat(batchCounts).isEqualTo(analyzeCounts);
    Map<String, Long> shared = new TreeMap<>(gateCounts);
    shared.keySet().retainAll(batchCounts.keySet());
    assertThat(shared).as("populations gate and the batch both report").hasSizeGreaterThan(5);
    shared.forEach((path, events) -> assertThat(batchCounts.get(path)).as(path).isEqualTo(events));
  }

  /**
   * The simulated file as FCS 3.2 with mixed data types: CD19 stored as float times 2 with
   * {@code $PnG = 2} and {@code $PnR} doubled; CD20 as an unsigned 32-bit integer channel
   * ({@code $PnDATATYPE = I}) holding 1024/f1 log10(v) with {@code $PnE = f1,1}, f1 = log10 of the
   * original {@code $PnR}, and {@code $PnR = 1024} (values below 1 read as 1); other channels as
   * they were. Read raw, CD19 would be twice and CD20 a 0..1023 channel number.
   */
  private static void writeScaledCopy(Path source, Path target) throws Exception {
    FcsDataset d;
    Map<String, String> keep = new LinkedHashMap<>();
    float[][] columns;
    List<FcsChannel> channels;
    try (FcsFile f = FcsFile.open(source, FcsReadOptions.defaults())) {
      d = f.first();
      channels = d.channels();
      columns = new float[channels.size()][];
      for (int c = 0; c < columns.length; c++) {
        columns[c] = d.floatColumn(c);
      }
      d.keywords().asMap().forEach((k, v) -> {
        if (!LAYOUT.matcher(k).matches()) {
          keep.put(k, v);
        }
      });
    }
    int n = columns[0].length;
    StringBuilder text = new StringBuilder();
    Map<String, String> kw = new LinkedHashMap<>();
    kw.put("$BEGINANALYSIS", "0");
    kw.put("$ENDANALYSIS", "0");
    kw.put("$BEGINSTEXT", "0");
    kw.put("$ENDSTEXT", "0");
    kw.put("$BEGINDATA", "%BEGIN%");
    kw.put("$ENDDATA", "%END%");
    kw.put("$BYTEORD", "1,2,3,4");
    kw.put("$DATATYPE", "F");
    kw.put("$MODE", "L");
    kw.put("$NEXTDATA", "0");
    kw.put("$PAR", Integer.toString(channels.size()));
    kw.put("$TOT", Integer.toString(n));
    ByteBuffer data = ByteBuffer.allocate(n * channels.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
    boolean[] integer = new boolean[channels.size()];
    float[][] floats = new float[channels.size()][];
    int[][] ints = new int[channels.size()][];
    for (int c = 0; c < channels.size(); c++) {
      FcsChannel ch = channels.get(c);
      String label = ch.label() == null ? "" : ch.label().toUpperCase(Locale.ROOT);
      int p = c + 1;
      kw.put("$P" + p + "N", ch.name());
      if (ch.label() != null) {
        kw.put("$P" + p + "S", ch.label());
      }
      kw.put("$P" + p + "B", "32");
      double range = ch.range();
      String e = "0,0";
      floats[c] = columns[c];
      if (label.contains("CD19")) {
        kw.put("$P" + p + "G", "2");
        range *= 2;
        floats[c] = new float[n];
        for (int i = 0; i < n; i++) {
          floats[c][i] = columns[c][i] * 2;
        }
      } else if (label.contains("CD20")) {
        double decades = Math.log10(range);
        e = decades + ",1";
        range = 1024;
        integer[c] = true;
        kw.put("$P" + p + "DATATYPE", "I");
        ints[c] = new int[n];
        for (int i = 0; i < n; i++) {
          ints[c][i] = (int) Math.min(1023, Math.round(1024 / decades * Math.log10(Math.max(1.0, columns[c][i]))));
        }
      }
      kw.put("$P" + p + "E", e);
      kw.put("$P" + p + "R", Long.toString(Math.round(range)));
    }
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < channels.size(); c++) {
        if (integer[c]) {
          data.putInt(ints[c][i]);
        } else {
          data.putFloat(floats[c][i]);
        }
      }
    }
    kw.putAll(keep);
    kw.forEach((k, v) -> text.append('/').append(k.replace("/", "//")).append('/').append(v.replace("/", "//")));
    text.append('/');
    String template = text.toString();
    // $BEGINDATA/$ENDDATA as fixed-width numbers, so the TEXT length does not depend on them.
    int textBegin = 58;
    int textLength = template.replace("%BEGIN%", "0".repeat(12)).replace("%END%", "0".repeat(12)).length();
    long dataBegin = textBegin + textLength;
    long dataEnd = dataBegin + data.capacity() - 1;
    String finalText = template.replace("%BEGIN%", String.format(Locale.ROOT, "%012d", dataBegin))
        .replace("%END%", String.format(Locale.ROOT, "%012d", dataEnd));
    String header = String.format(Locale.ROOT, "FCS3.2    %8d%8d%8d%8d%8d%8d", textBegin,
        textBegin + textLength - 1, dataBegin, dataEnd, 0, 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(header.getBytes(StandardCharsets.US_ASCII));
    out.write(finalText.getBytes(StandardCharsets.ISO_8859_1));
    out.write(data.array());
    Files.write(target, out.toByteArray());
  }
}
