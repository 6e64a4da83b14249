package org.mrdflow.review;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.mrdflow.fcs.FcsWriter;
import org.mrdflow.pipeline.config.RunConfig;
import org.mrdflow.pipeline.job.FcsMrdAnalyzer;
import org.mrdflow.pipeline.job.MrdflowJob;
import org.mrdflow.pipeline.job.RunListener;
import org.mrdflow.pipeline.run.RunRequest;
import org.mrdflow.pipeline.run.RunResult;
import org.mrdflow.pipeline.testing.Runs;
import org.mrdflow.pipeline.testing.TestSpark;
import org.mrdflow.simulation.Instrument;
import org.mrdflow.simulation.MarrowSimulator;
import org.mrdflow.simulation.SampleSpec;
import org.mrdflow.simulation.Scenario;
import org.mrdflow.simulation.SimulatedSample;
import org.mrdflow.simulation.SimulationFiles;

/**
 * One real warehouse per test JVM, made by the Spark job on simulated marrows (Spark is slow to
 * start, so every test class shares it): four analysed files, one of them with a hostile file
 * name and a hostile $P1S (allow-listed so it reaches the samples table), and one file that is
 * not FCS. File names are kept in clear, so the hostile name reaches every page.
 */
final class TestWarehouse {
  static final String RUN_ID = "review-test";
  static final String HOSTILE_NAME = "<img src=x onerror=alert(1)>'\"&.fcs";
  static final String HOSTILE_PNS = "<script>alert('PnS')</script>";
  private static Path root;
  private static RunResult result;

  private TestWarehouse() {}

  static synchronized Path root() {
    if (root == null) {
      try {
        root = build(Files.createTempDirectory("mrdflow-review-warehouse"));
      } catch (Exception e) {
        throw new IllegalStateException("cannot build the test warehouse", e);
      }
    }
    return root;
  }

  /** A private copy of the warehouse (each test class's sign-offs write into its own). */
  static Path copy(Path target) throws IOException {
    return copyTree(root(), target);
  }

  /** A copy of the folder {@code source} at {@code target}. */
  static Path copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> all = Files.walk(source)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path to = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return target;
  }

  /** The folder of the run's input files (FCS files under their clear names, and the non-FCS one). */
  static Path fcsFolder() {
    return root().getParent().resolve("batch");
  }

  static RunResult result() {
    root();
    return result;
  }

  private static Path build(Path tmp) throws Exception {
    Path batch = tmp.resolve("batch");
    Files.createDirectories(batch);
    List<SampleSpec> specs = Scenario.CLASSIC.expand(new Scenario.Options(7, 20_000, 4, null, null));
    List<Path> files = new ArrayList<>();
    for (SampleSpec s : specs) {
      files.add(SimulationFiles.write(MarrowSimulator.simulate(s), batch).fcs());
    }
    // the last marrow again, under a hostile name and with a hostile $P1S
    SimulatedSample hostile = MarrowSimulator.simulate(specs.get(specs.size() - 1));
    Files.delete(files.get(files.size() - 1));
    withHostileLabel(hostile).write(batch.resolve(HOSTILE_NAME));
    Files.writeString(batch.resolve("notes.fcs"), "not cytometry\n");
    RunConfig defaults = Runs.defaultConfig();
    List<String> allow = new ArrayList<>(defaults.privacy().keywordAllowList());
    allow.add("$P1S");
    RunConfig config = new RunConfig(defaults.analysis(),
        new RunConfig.Privacy(null, allow, defaults.privacy().manifestExtraAllowList()), defaults.job(), defaults.source());
    Path output = tmp.resolve("warehouse");
    RunRequest request = new RunRequest(batch.toString(), output.toString(), null, config, RUN_ID, false, false, null,
        true, false);
    result = new MrdflowJob(TestSpark.session(), FcsMrdAnalyzer.fromConfig(config)).run(request, RunListener.NONE);
    return output;
  }

  /** As SimulationFiles writes a marrow, with channel 1's $PnS replaced. */
  private static FcsWriter withHostileLabel(SimulatedSample sample) {
    Instrument inst = sample.spec().instrument();
    FcsWriter.Builder b = FcsWriter.builder().version(inst.fcsVersion()).keyword("$CYT", inst.cytometer())
        .keyword("$TIMESTEP", Double.toString(inst.timestep())).keywords(new TreeMap<>(inst.vendorKeywords()));
    boolean first = true;
    for (Instrument.Channel ch : sample.channels()) {
      b.parameter(ch.name(), first ? HOSTILE_PNS : ch.label(), inst.range(ch.kind()));
      first = false;
    }
    if (inst.style().spilloverKeyword()) {
      b.spillover(inst.detectors().stream().map(Instrument.Detector::name).toList(), sample.writtenSpillover());
    }
    return b.columns(sample.columns()).build();
  }
}
