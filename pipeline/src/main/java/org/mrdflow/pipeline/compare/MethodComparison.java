package org.mrdflow.pipeline.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
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
import org.mrdflow.gating.mrd.MrdResult;
import org.mrdflow.gating.mrd.MrdRules;
import org.mrdflow.gating.mrd.PopulationLabel;
import org.mrdflow.gating.strategy.GatingResult;
import org.mrdflow.gating.strategy.PopulationResult;
import org.mrdflow.gating.strategy.StrategyEvaluator;
import org.mrdflow.models.agreement.MrdAgreement;

/**
 * The lab's validation study: every sample of a FlowJo workspace, gated as the workspace does,
 * against a fresh automated analysis of the same FCS file. Per sample: blast events and MRD of
 * both, per-event precision/recall/F1 of the automated blasts and denominator against the
 * manual gates; overall: {@link MrdAgreement}.
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

  /** Compares every workspace sample whose file is in {@code fcsFolder}. */
  public List<ComparisonRow> compare(Path fcsFolder, Consumer<String> warnings)
      throws IOException {
    List<ComparisonRow> rows = new ArrayList<>();
    int index = 0;
    for (WorkspaceSample sample : workspace.samples()) {
      index++;
      String id = showNames ? sample.name() : String.format("S%03d", index);
      Optional<Path> file = FlowJoFiles.locate(sample, fcsFolder);
      if (file.isEmpty()) {
        String problem = new FlowJoImportProblem(FlowJoImportProblem.Kind.MISSING_FILE,
            id, null, "no FCS file in the input folder matches its URI file name, name or "
            + "$FIL").toString();
        warnings.accept(problem);
        rows.add(ComparisonRow.failed(id, problem));
        continue;
      }
      try {
        rows.add(compare(id, sample, file.get(), warnings));
      } catch (FcsException | GatingException e) {
        warnings.accept(id + ": " + e.getMessage());
        rows.add(ComparisonRow.failed(id, e.getMessage()));
      }
    }
    return rows;
  }

  private ComparisonRow compare(String id, WorkspaceSample workspaceSample, Path file,
      Consumer<String> warnings) throws IOException {
    try (FcsFile fcs = FcsFile.open(file, FcsEvents.SCALE)) {
      Sample sample = FcsEvents.sample(fcs.first(), file.getFileName().toString());
      ImportedStrategy imported = FlowJoStrategies.bind(
          workspace, workspaceSample, sample.events().channelNames());
      imported.problems().forEach(p -> warnings.accept(id + ": " + p.kind() + " gate "
          + p.gate() + ": " + p.detail()));
      GatingResult manual = new StrategyEvaluator(imported.strategy(), GatingMethods.discover())
          .apply(sample);
      int events = sample.events().eventCount();
      EventMask blasts = union(manual, mapping.blasts(), events, id, "blasts");
      EventMask denominator = union(manual, mapping.denominator(), events, id, "denominator");
      EventMask bLineage = union(manual, mapping.bLineage(), events, id, "b_lineage");
      EventMask hematogones = union(manual, mapping.hematogones(), events, id, "hematogones");
      EventMask cd19Blasts = union(manual, mapping.cd19Blasts(), events, id, "cd19_blasts");

      MrdAnalysis.SampleAnalysis automated =
          analysis.analyzeWithEvents(fcs.first(), file.getFileName().toString());
      MrdResult result = automated.result();
      byte[] labels = automated.labels();
      EventMask autoBlasts = labelled(labels, PopulationLabel.BLAST_CD19_POSITIVE,
          PopulationLabel.BLAST_CD19_NEGATIVE);
      EventMask autoDenominator = labelled(labels, PopulationLabel.values()).andNot(
          labelled(labels, PopulationLabel.EXCLUDED));
      double[] blastScores = scores(blasts, autoBlasts);
      double[] denominatorScores = scores(denominator, autoDenominator);

      long manualBlasts = blasts.cardinality();
      long manualDenominator = denominator.cardinality();
      double manualMrd = manualDenominator == 0 ? Double.NaN
          : (double) manualBlasts / manualDenominator;
      double manualCd19Share = mapping.cd19Blasts().isEmpty() || manualBlasts == 0 ? Double.NaN
          : (double) cd19Blasts.and(blasts).cardinality() / manualBlasts;
      MrdRules rules = analysis.config().rules();
      Boolean manualEligible = Double.isNaN(manualCd19Share) ? null
          : rules.car19Eligible(manualBlasts, manualCd19Share);
      double automatedMrd = result.nucleatedEvents() == 0 ? Double.NaN
          : (double) result.blastEvents() / result.nucleatedEvents();
      return new ComparisonRow(id, manualDenominator, manualBlasts, manualMrd,
          category(manualMrd), result.nucleatedEvents(), result.blastEvents(), automatedMrd,
          category(automatedMrd), blastScores[0], blastScores[1], blastScores[2],
          denominatorScores[0], denominatorScores[1], denominatorScores[2],
          mapping.bLineage().isEmpty() ? -1 : bLineage.cardinality(),
          labelled(labels, PopulationLabel.HEMATOGONE, PopulationLabel.MATURE_B,
              PopulationLabel.B_LINEAGE_OTHER, PopulationLabel.BLAST_CD19_POSITIVE)
              .cardinality(),
          mapping.hematogones().isEmpty() ? -1 : hematogones.cardinality(),
          result.hematogoneEvents(), manualCd19Share, result.cd19PosBlastFraction(),
          manualEligible, result.hcd19CarEligible(), null);
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
    Map<String, PopulationResult> byPath = new java.util.HashMap<>();
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

  private static EventMask labelled(byte[] labels, PopulationLabel... wanted) {
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
