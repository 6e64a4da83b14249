package org.mrdflow.pipeline.compare;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.mrdflow.fcs.FcsDataset;
import org.mrdflow.fcs.FcsException;
import org.mrdflow.fcs.FcsFile;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.events.FcsEvents;
import org.mrdflow.gating.events.Sample;
import org.mrdflow.gating.flowjo.FlowJoFiles;
import org.mrdflow.gating.flowjo.FlowJoImportProblem;
import org.mrdflow.gating.flowjo.FlowJoStrategies;
import org.mrdflow.gating.flowjo.FlowJoWorkspace;
import org.mrdflow.gating.flowjo.FlowJoWorkspace.WorkspaceSample;
import org.mrdflow.gating.flowjo.ImportedStrategy;
import org.mrdflow.gating.method.GatingMethods;
import org.mrdflow.gating.mrd.MrdAnalysis;
import org.mrdflow.gating.mrd.MrdRules;
import org.mrdflow.gating.mrd.PopulationLabel;
import org.mrdflow.gating.strategy.GatingResult;
import org.mrdflow.gating.strategy.PopulationResult;
import org.mrdflow.gating.strategy.StrategyEvaluator;
import org.mrdflow.models.agreement.MrdAgreement;
import org.mrdflow.pipeline.job.SampleIdentity;

/**
 * The lab's validation study: every sample of a FlowJo workspace, gated as the workspace does,
 * against the automated analysis of the same FCS file: a fresh analysis of a folder's files
 * ({@code compare --input}) or a run's results for the same file content ({@code compare
 * --results}). Per sample: blast events and MRD of both, per-event precision/recall/F1 of the
 * automated blasts and denominator against the manual gates (fresh analyses only: a run's tables
 * do not label events); overall: {@link MrdAgreement}.
 *
 * <p>A workspace part that cannot be imported (missing file, unknown parameter, unsupported gate
 * or transform) is a typed {@link FlowJoImportProblem} naming the sample and the gate; the rest
 * is still compared, and a sample whose mapped population was lost fails with that problem.
 */
public final class MethodComparison {
  private final FlowJoWorkspace workspace;
  private final CompareMapping mapping;
  private final MrdAnalysis analysis;
  private final boolean showNames;

  public MethodComparison(FlowJoWorkspace workspace, CompareMapping mapping, MrdAnalysis analysis,
      boolean showNames) {
    this.workspace = workspace;
    this.mapping = mapping;
    this.analysis = analysis;
    this.showNames = showNames;
  }

  /** Compares every workspace sample whose file is in {@code fcsFolder}, analysed afresh. */
  public List<ComparisonRow> compare(Path fcsFolder, Consumer<String> warnings)
      throws IOException {
    return compare(sample -> FlowJoFiles.locate(sample, fcsFolder), "in the input folder",
        (bytes, dataset, name) -> Optional.of(
            AutomatedSample.of(analysis.analyzeWithEvents(dataset, name))), warnings);
  }

  /**
   * Compares every workspace sample with the run's result for its file's content (SHA-256).
   * The file is where the sample's DataSet URI points, else the one beside the workspace that
   * matches its URI file name, name or $FIL.
   */
  public List<ComparisonRow> compare(RunResults results, Consumer<String> warnings)
      throws IOException {
    Path beside = Path.of(workspace.source()).toAbsolutePath().getParent();
    return compare(sample -> {
      Optional<Path> pointed = uriPath(sample.uri());
      return pointed.isPresent() ? pointed : FlowJoFiles.locate(sample, beside);
    }, "at its URI or beside the workspace", (bytes, dataset, name) ->
        results.forFile(SampleIdentity.sha256Hex(bytes)), warnings);
  }

  /** Where a sample's FCS file is. */
  @FunctionalInterface
  private interface FileLocator {
    Optional<Path> locate(WorkspaceSample sample) throws IOException;
  }

  /** The automated result for a file; empty when there is none (no run row for it). */
  @FunctionalInterface
  private interface AutomatedSide {
    Optional<AutomatedSample> of(byte[] fileBytes, FcsDataset dataset, String fileName);
  }

  private List<ComparisonRow> compare(FileLocator files, String where, AutomatedSide automated,
      Consumer<String> warnings) throws IOException {
    List<ComparisonRow> rows = new ArrayList<>();
    int index = 0;
    for (WorkspaceSample sample : workspace.samples()) {
      index++;
      String id = showNames ? sample.name() : String.format("S%03d", index);
      Optional<Path> file = files.locate(sample);
      if (file.isEmpty()) {
        String problem = new FlowJoImportProblem(FlowJoImportProblem.Kind.MISSING_FILE,
            id, null, "no FCS file " + where + " matches its URI file name, name or $FIL")
            .toString();
        warnings.accept(problem);
        rows.add(ComparisonRow.failed(id, problem, null));
        continue;
      }
      try {
        rows.add(compare(id, sample, file.get(), automated, warnings));
      } catch (FcsException | GatingException e) {
        String message = e.getMessage().startsWith(id + ": ") ? e.getMessage()
            : id + ": " + e.getMessage();
        warnings.accept(message);
        rows.add(ComparisonRow.failed(id, message, null));
      }
    }
    return rows;
  }

  private ComparisonRow compare(String id, WorkspaceSample workspaceSample, Path file,
      AutomatedSide automatedSide, Consumer<String> warnings) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    // Messages of the reader and the analysis name the file by this: the id unless names show.
    String name = showNames ? file.getFileName().toString() : id;
    try (FcsFile fcs = FcsFile.read(bytes, name, FcsEvents.SCALE)) {
      Sample sample = FcsEvents.sample(fcs.first(), name);
      ImportedStrategy imported = FlowJoStrategies.bind(
          workspace, workspaceSample, sample.events().channelNames());
      // Problems name the sample by its id: a workspace sample name is often a file name.
      List<String> problems = imported.problems().stream().map(p -> new FlowJoImportProblem(
          p.kind(), id, p.gate(), p.detail()).toString()).toList();
      problems.forEach(warnings);
      String importProblems = problems.isEmpty() ? null : String.join("; ", problems);
      GatingResult manual = new StrategyEvaluator(imported.strategy(), GatingMethods.discover())
          .apply(sample);
      int events = sample.events().eventCount();
      EventMask blasts;
      EventMask denominator;
      EventMask bLineage;
      EventMask hematogones;
      EventMask cd19Blasts;
      try {
        blasts = union(manual, mapping.blasts(), events, id, "blasts");
        denominator = union(manual, mapping.denominator(), events, id, "denominator");
        bLineage = union(manual, mapping.bLineage(), events, id, "b_lineage");
        hematogones = union(manual, mapping.hematogones(), events, id, "hematogones");
        cd19Blasts = union(manual, mapping.cd19Blasts(), events, id, "cd19_blasts");
      } catch (GatingException unmapped) {
        // The mapped population is missing; when an import problem explains why, say so.
        warnings.accept(unmapped.getMessage());
        return ComparisonRow.failed(id, importProblems == null ? unmapped.getMessage()
            : unmapped.getMessage() + " because of " + importProblems, importProblems);
      }
      Optional<AutomatedSample> found = automatedSide.of(bytes, fcs.first(), name);
      if (found.isEmpty()) {
        String problem = id + ": the run has no result for this file's content (samples."
            + "file_sha256)";
        warnings.accept(problem);
        return ComparisonRow.failed(id, problem, importProblems);
      }
      AutomatedSample automated = found.get();
      double[] blastScores = new double[] {Double.NaN, Double.NaN, Double.NaN};
      double[] denominatorScores = blastScores;
      if (automated.labels() != null) {
        byte[] labels = automated.labels();
        blastScores = scores(blasts, labelled(labels, PopulationLabel.BLAST_CD19_POSITIVE,
            PopulationLabel.BLAST_CD19_NEGATIVE));
        denominatorScores = scores(denominator, labelled(labels, PopulationLabel.values())
            .andNot(labelled(labels, PopulationLabel.EXCLUDED)));
      }

      long manualBlasts = blasts.cardinality();
      long manualDenominator = denominator.cardinality();
      double manualMrd = manualDenominator == 0 ? Double.NaN
          : (double) manualBlasts / manualDenominator;
      double manualCd19Share = mapping.cd19Blasts().isEmpty() || manualBlasts == 0 ? Double.NaN
          : (double) cd19Blasts.and(blasts).cardinality() / manualBlasts;
      MrdRules rules = analysis.config().rules();
      Boolean manualEligible = Double.isNaN(manualCd19Share) ? null
          : rules.car19Eligible(manualBlasts, manualCd19Share);
      double automatedMrd = automated.mrd();
      return new ComparisonRow(id, manualDenominator, manualBlasts, manualMrd,
          category(manualMrd), automated.nucleatedEvents(), automated.blastEvents(),
          automatedMrd, category(automatedMrd), blastScores[0], blastScores[1], blastScores[2],
          denominatorScores[0], denominatorScores[1], denominatorScores[2],
          mapping.bLineage().isEmpty() ? -1 : bLineage.cardinality(),
          automated.bLineageEvents(),
          mapping.hematogones().isEmpty() ? -1 : hematogones.cardinality(),
          automated.hematogoneEvents(), manualCd19Share, automated.cd19PosBlastFraction(),
          manualEligible, automated.hcd19CarEligible(), null, importProblems);
    }
  }

  /** A DataSet URI's local file, when it names one that exists here. */
  private static Optional<Path> uriPath(String uri) {
    try {
      Path path = Path.of(URI.create(uri.replace(" ", "%20")));
      return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    } catch (IllegalArgumentException | FileSystemNotFoundException e) {
      return Optional.empty(); // another computer's path, or not a file: URI
    }
  }

  /** The overall statistics of the rows that could be compared. */
  public static MrdAgreement agreement(List<ComparisonRow> rows) {
    List<ComparisonRow> ok = rows.stream().filter(r -> r.error() == null).toList();
    return MrdAgreement.of(ok.stream().mapToDouble(ComparisonRow::manualMrd).toArray(),
        ok.stream().mapToDouble(ComparisonRow::automatedMrd).toArray(),
        ok.stream().map(ComparisonRow::manualHcd19CarEligible).toArray(Boolean[]::new),
        ok.stream().map(ComparisonRow::automatedHcd19CarEligible).toArray(Boolean[]::new),
        0.95);
  }

  private static String category(double mrd) {
    return Double.isNaN(mrd) ? null : MrdAgreement.CATEGORIES.get(MrdAgreement.category(mrd));
  }

  /** Union of the role's populations; a role naming a population we do not have is an error. */
  private static EventMask union(GatingResult result, List<String> paths, int events,
      String sample, String role) {
    EventMask mask = EventMask.none(events);
    Map<String, PopulationResult> byPath = new LinkedHashMap<>(); // strategy order
    result.populations().forEach(p -> byPath.put(p.path(), p));
    for (String path : paths) {
      PopulationResult population = byPath.get(path);
      if (population == null) {
        throw new GatingException(sample + ": the mapping's " + role + " population " + path
            + " is not in the workspace sample (or could not be imported); populations: "
            + String.join(", ", byPath.keySet()));
      }
      mask = mask.or(population.events());
    }
    return mask;
  }

  static EventMask labelled(byte[] labels, PopulationLabel... wanted) {
    EventMask mask = EventMask.none(labels.length);
    for (int e = 0; e < labels.length; e++) {
      for (PopulationLabel label : wanted) {
        if (labels[e] == label.code()) {
          mask.set(e);
          break;
        }
      }
    }
    return mask;
  }

  /** {precision, recall, F1} of {@code test} against {@code reference}; NaN where undefined. */
  static double[] scores(EventMask reference, EventMask test) {
    double both = reference.and(test).cardinality();
    double precision = test.cardinality() == 0 ? Double.NaN : both / test.cardinality();
    double recall = reference.cardinality() == 0 ? Double.NaN : both / reference.cardinality();
    double f1 = reference.cardinality() + test.cardinality() == 0 ? Double.NaN
        : 2 * both / (reference.cardinality() + test.cardinality());
    return new double[] {precision, recall, f1};
  }
}
