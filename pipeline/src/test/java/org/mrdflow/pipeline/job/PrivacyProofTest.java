package org.mrdflow.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.simulation.MarrowSimulator;
import org.mrdflow.simulation.SampleSpec;
import org.mrdflow.simulation.Scenario;
import org.mrdflow.simulation.SimulationFiles;
import org.mrdflow.pipeline.outcomes.OutcomesInputs;
import org.mrdflow.pipeline.privacy.Pseudonymizer;
import org.mrdflow.pipeline.run.RunRequest;
import org.mrdflow.pipeline.run.RunResult;
import org.mrdflow.pipeline.testing.DuckDb;
import org.mrdflow.pipeline.testing.Runs;
import org.mrdflow.pipeline.testing.TestSpark;

/**
 * The proof, with the real FCS reader and MRD analysis: a batch laid out as labs do (one
 * folder per night named after a patient, the instrument's {@code Specimen_001_Tube_001.fcs}
 * reused on two nights for two different marrows, files named after patients, a manifest with
 * identifiers) gives one distinct sample_id per file, 1:1 joins, and no identifier anywhere in
 * the output: raw bytes, decoded Parquet values of every column, HTML, JSON, PNG text chunks, and
 * file and folder names. An incremental run over the same folder plus one file analyses exactly
 * that file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrivacyProofTest {
  private static final String KEY = "proof-key-3f9a1c0d5e7b2a4c6e8f0a1b";
  private static final List<String> FILES = List.of(
      "2026-11-19_ROE_JANE_MRN0048213/Specimen_001_Tube_001.fcs",
      "2026-11-20_DOE_JOHN_MRN0051177/Specimen_001_Tube_001.fcs",
      "2026-11-20_DOE_JOHN_MRN0051177/ROE_JANE_MRN0048213_KM_d28.fcs");
  private static final String LATER = "2026-11-21_ROE_JANE_MRN0048213/ROE_JANE_MRN0048213_KM_d56.fcs";
  /** What must not appear: names, record numbers, folder names, the instrument's file name. */
  private static final List<String> IDENTIFIERS = List.of("ROE_JANE", "DOE_JOHN", "MRN0048213", "MRN0051177",
      "Specimen_001", "Tube_001", "KM_d28", "KM_d56", "2026-11-19_", "2026-11-20_", "KM-2026-4711",
      "KM-2026-4790", "Jane Roe", "John Doe");

  @TempDir static Path tmp;
  static Path input;
  static Path manifest;
  static Path output;
  static Path simulated;
  static RunResult first;

  @BeforeAll
  static void runABatchLaidOutAsLabsDo() throws Exception {
    input = tmp.resolve("lab-share");
    simulated = tmp.resolve("simulated");
    List<SampleSpec> specs = Scenario.CLASSIC.expand(new Scenario.Options(48213, 20_000, 4, null, 1e-2));
    for (int i = 0; i < specs.size(); i++) {
      Path fcs = SimulationFiles.write(MarrowSimulator.simulate(specs.get(i)), simulated).fcs();
      if (i < FILES.size()) {
        Files.createDirectories(input.resolve(FILES.get(i)).getParent());
        Files.copy(fcs, input.resolve(FILES.get(i)));
      }
    }
    manifest = Files.writeString(tmp.resolve("manifest-ROE_JANE.csv"),
        "file,patient_id,specimen_id,collection_date,timepoint,full_name\n"
            + FILES.get(0) + ",MRN0048213,KM-2026-4711,2026-11-19,pre-HSCT,Jane Roe\n"
            + FILES.get(1) + ",MRN0051177,KM-2026-4790,2026-11-20,CAR-T +28d,John Doe\n"
            + FILES.get(2) + ",MRN0048213,KM-2026-4712,2026-11-20,CAR-T +28d,Jane Roe\n"
            + LATER + ",MRN0048213,KM-2026-4713,2026-11-21,CAR-T +56d,Jane Roe\n");
    output = tmp.resolve("warehouse");
    first = run("night-1", false);
  }

  private static RunResult run(String runId, boolean incremental) throws Exception {
    RunRequest request = new RunRequest(input.toString(), output.toString(), manifest.toString(),
        Runs.defaultConfig(), runId, true, false, new Pseudonymizer(KEY.getBytes(StandardCharsets.UTF_8)),
        false, incremental);
    return new MrdflowJob(TestSpark.session(), FcsMrdAnalyzer.fromConfig(Runs.defaultConfig()))
        .run(request, RunListener.NONE);
  }

  private static String sampleIdOf(String file) throws IOException {
    return SampleIdentity.ofBytes(Files.readAllBytes(input.resolve(file)));
  }

  @Test
  @Order(1)
  void everyFileGetsItsOwnContentBasedSampleIdAndEveryJoinIsOneToOne() throws Exception {
    assertThat(first.ok()).isEqualTo(3);
    List<Map<String, Object>> samples = DuckDb.table(output, "samples", "sample_id");
    Set<String> expected = new HashSet<>();
    for (String f : FILES) {
      expected.add(sampleIdOf(f));
    }
    assertThat(expected).hasSize(3);
    assertThat(samples).extracting(r -> (String) r.get("sample_id")).containsExactlyInAnyOrderElementsOf(expected);
    String glob = "/**/*.parquet', hive_partitioning = true)";
    String samplesTable = "read_parquet('" + output.resolve("samples") + glob;
    String mrdTable = "read_parquet('" + output.resolve("mrd_results") + glob;
    String popTable = "read_parquet('" + output.resolve("populations") + glob;
    String eventsTable = "read_parquet('" + output.resolve("events") + glob;
    // Every mrd_results, populations and events row finds exactly one samples row, and back.
    for (String child : List.of(mrdTable, popTable, eventsTable)) {
      Map<String, Object> check = DuckDb.query("SELECT count(*) AS rows, count(s.sample_id) AS joined, "
          + "max(n) AS most FROM " + child + " c LEFT JOIN (SELECT run_id, sample_id, count(*) OVER "
          + "(PARTITION BY run_id, sample_id) AS n FROM " + samplesTable + ") s USING (run_id, sample_id)").get(0);
      assertThat(check.get("joined")).as(child).isEqualTo(check.get("rows"));
      assertThat(check.get("most")).as(child).isEqualTo(1L);
    }
    assertThat(DuckDb.query("SELECT count(DISTINCT sample_id) AS n FROM " + mrdTable).get(0).get("n")).isEqualTo(3L);
    // The patient with two marrows keeps both in outcomes: one per content, none dropped.
    OutcomesInputs.Measurements measurements = OutcomesInputs.readMeasurements(TestSpark.session(), output, false);
    assertThat(measurements.rows()).extracting(m -> m.sampleId()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(measurements.rows()).filteredOn(m -> m.patientKey()
            .equals(new Pseudonymizer(KEY.getBytes(StandardCharsets.UTF_8)).pseudonym("MRN0048213")))
        .hasSize(2);
  }

  @Test
  @Order(2)
  void noIdentifierReachesAnyByteAnyDecodedValueOrAnyNameOfTheOutput() throws Exception {
    List<Path> all;
    try (Stream<Path> walk = Files.walk(output)) {
      all = walk.toList();
    }
    List<String> texts = new ArrayList<>();
    int pngs = 0;
    int pdfs = 0;
    for (Path p : all) {
      texts.add(output.relativize(p).toString());
      if (Files.isRegularFile(p)) {
        byte[] bytes = Files.readAllBytes(p);
        texts.add(new String(bytes, StandardCharsets.ISO_8859_1));
        texts.add(new String(bytes, StandardCharsets.UTF_16BE));
        if (p.toString().endsWith(".png")) {
          texts.add(pngText(bytes));
          pngs++;
        }
        if (p.toString().endsWith(".pdf")) {
          // Content streams are compressed: the text as a reader of the PDF sees it.
          try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(bytes)) {
            texts.add(new org.apache.pdfbox.text.PDFTextStripper().getText(pdf));
          }
          pdfs++;
        }
      }
    }
    assertThat(pngs).as("gating plots").isEqualTo(3);
    assertThat(pdfs).as("per-sample reports").isEqualTo(3);
    assertThat(all).anySatisfy(p -> assertThat(p.getFileName().toString()).isEqualTo("report.html"));
    for (String table : List.of("samples", "mrd_results", "populations", "events")) {
      Map<String, Object> columns = DuckDb.query("SELECT * FROM read_parquet('" + output.resolve(table)
          + "/**/*.parquet', hive_partitioning = true) LIMIT 1").get(0);
      // Every column of every row as text (maps and arrays included), aggregated by DuckDB.
      String everything = (String) DuckDb.query("SELECT string_agg(CAST(COLUMNS(*) AS VARCHAR), '|') FROM "
          + "read_parquet('" + output.resolve(table) + "/**/*.parquet', hive_partitioning = true)").stream()
          .flatMap(r -> r.values().stream()).map(String::valueOf).reduce("", String::concat);
      assertThat(columns).isNotEmpty();
      texts.add(everything);
    }
    String inputPath = input.toString();
    for (String text : texts) {
      for (String id : IDENTIFIERS) {
        assertThat(text).doesNotContain(id);
      }
      assertThat(text).doesNotContain(inputPath).doesNotContain(manifest.toString()).doesNotContain(KEY);
    }
    JsonNode provenance = new ObjectMapper().readTree(output.resolve("runs/night-1/provenance.json").toFile());
    assertThat(provenance.get("input").asText()).startsWith("path-");
    assertThat(provenance.get("privacy").get("pseudonym_key_fingerprint").asText())
        .isEqualTo(new Pseudonymizer(KEY.getBytes(StandardCharsets.UTF_8)).keyFingerprint());
    List<Map<String, Object>> names = DuckDb.query("SELECT source_path, file_name FROM read_parquet('"
        + output.resolve("samples") + "/**/*.parquet')");
    assertThat(names).allSatisfy(r -> assertThat((String) r.get("source_path")).matches("file-[0-9a-f]{16}"));
    assertThat(names).extracting(r -> r.get("source_path")).doesNotHaveDuplicates();
  }

  @Test
  @Order(3)
  void anIncrementalRunOverTheSameFolderPlusOneNewFileAnalysesExactlyThatFile() throws Exception {
    Path later = input.resolve(LATER);
    Files.createDirectories(later.getParent());
    try (Stream<Path> sims = Files.list(simulated)) {
      List<Path> fcs = sims.filter(p -> p.toString().endsWith(".fcs")).sorted().toList();
      Set<String> used = new HashSet<>();
      for (String f : FILES) {
        used.add(sampleIdOf(f));
      }
      Path fresh = fcs.stream().filter(p -> !used.contains(idOf(p))).findFirst().orElseThrow();
      Files.copy(fresh, later);
    }
    RunResult second = run("night-2", true);

    assertThat(second.filesListed()).isEqualTo(4);
    assertThat(second.files()).isEqualTo(1);
    assertThat(second.filesSkipped()).isEqualTo(3);
    List<Map<String, Object>> rows = DuckDb.query("SELECT sample_id, status FROM read_parquet('"
        + output.resolve("samples") + "/**/*.parquet', hive_partitioning = true) WHERE run_id = 'night-2'");
    assertThat(rows).extracting(r -> r.get("sample_id") + " " + r.get("status"))
        .containsExactly(sampleIdOf(LATER) + " OK");
    JsonNode provenance = new ObjectMapper().readTree(output.resolve("runs/night-2/provenance.json").toFile());
    assertThat(Arrays.asList(provenance.get("files_listed").asLong(), provenance.get("files_analysed").asLong(),
        provenance.get("files_skipped").asLong())).containsExactly(4L, 1L, 3L);
  }

  private static String idOf(Path p) {
    try {
      return SampleIdentity.ofBytes(Files.readAllBytes(p));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The text of a PNG's tEXt, zTXt and iTXt chunks (zTXt inflated): where a title or name could hide. */
  private static String pngText(byte[] png) throws IOException {
    StringBuilder text = new StringBuilder();
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(png, 8, png.length - 8));
    while (in.available() > 12) {
      int length = in.readInt();
      byte[] type = in.readNBytes(4);
      byte[] data = in.readNBytes(length);
      in.readInt(); // CRC
      String name = new String(type, StandardCharsets.US_ASCII);
      if (name.equals("tEXt") || name.equals("iTXt")) {
        text.append(new String(data, StandardCharsets.UTF_8)).append('\n');
      } else if (name.equals("zTXt")) {
        int keywordEnd = 0;
        while (data[keywordEnd] != 0) {
          keywordEnd++;
        }
        text.append(new String(data, 0, keywordEnd, StandardCharsets.ISO_8859_1)).append(' ');
        text.append(new String(new InflaterInputStream(new ByteArrayInputStream(data, keywordEnd + 2,
            data.length - keywordEnd - 2)).readAllBytes(), StandardCharsets.ISO_8859_1)).append('\n');
      }
    }
    return text.toString();
  }
}
