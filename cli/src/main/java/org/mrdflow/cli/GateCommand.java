package org.mrdflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mrdflow.fcs.FcsException;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.events.FcsEvents;
import org.mrdflow.gating.events.Sample;
import org.mrdflow.gating.flowjo.FlowJoFiles;
import org.mrdflow.gating.flowjo.FlowJoStrategies;
import org.mrdflow.gating.flowjo.FlowJoWorkspace;
import org.mrdflow.gating.flowjo.FlowJoWorkspaceReader;
import org.mrdflow.gating.flowjo.ImportedStrategy;
import org.mrdflow.gating.gatingml.GatingMlWriter;
import org.mrdflow.gating.gatingml.GatingStrategies;
import org.mrdflow.gating.method.GatingMethods;
import org.mrdflow.gating.strategy.GatingResult;
import org.mrdflow.gating.strategy.GatingStrategy;
import org.mrdflow.gating.strategy.MembershipCsv;
import org.mrdflow.gating.strategy.PopulationResult;
import org.mrdflow.gating.strategy.StrategyEvaluator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mrdflow gate --gatingml STRATEGY FILE.fcs} or {@code mrdflow gate --workspace W.wsp
 * [--sample NAME] FILE.fcs}: apply a gating strategy, or a FlowJo workspace's gates, to one file.
 */
@Command(
    name = "gate",
    mixinStandardHelpOptions = true,
    description = "Apply a gating strategy (Gating-ML 2.0 .xml or MRDFlow .yaml) or a FlowJo "
        + "workspace's gates to an FCS file and print per-population counts.")
public final class GateCommand implements Callable<Integer> {
  /** Exit code when parts of a workspace could not be imported (the rest was gated). */
  static final int PARTIAL = 3;

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  StrategySource source;

  static final class StrategySource {
    @Option(names = "--gatingml", required = true, paramLabel = "STRATEGY",
        description = "Gating strategy: Gating-ML 2.0 (.xml) or YAML (.yaml, see conf/gating).")
    Path strategyFile;

    @Option(names = "--workspace", required = true, paramLabel = "W.wsp",
        description = "FlowJo 10 workspace: gate the file as the workspace's sample for it.")
    Path workspace;
  }

  @Option(names = "--sample", paramLabel = "NAME",
      description = "With --workspace, the workspace sample to apply (SampleNode name, file name or $FIL);"
          + " by default the sample whose URI file name, name or $FIL matches FILE.")
  String sampleName;

  @Parameters(paramLabel = "FILE", description = "FCS file (first dataset is gated).")
  Path fcsFile;

  @Option(names = "--membership", paramLabel = "OUT.csv",
      description = "Write one row per event, one 0/1 column per population id.")
  Path membership;

  @Option(names = "--export", paramLabel = "OUT.xml",
      description = "Write the strategy as applied (data-driven gates frozen) as Gating-ML 2.0.")
  Path export;

  @Option(names = "--json", description = "Print the counts as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    GatingResult result;
    boolean partial = false;
    try {
      GatingStrategy strategy;
      Sample sample;
      if (source.workspace != null) {
        FlowJoWorkspace workspace = FlowJoWorkspaceReader.read(source.workspace);
        FlowJoFiles.SampleFile file = FlowJoFiles.read(fcsFile);
        ImportedStrategy imported = FlowJoStrategies.bind(workspace,
            FlowJoFiles.sampleFor(workspace, file, sampleName),
            file.sample().events().channelNames());
        // What could not be imported is named on stderr; the rest is still gated.
        imported.problems().forEach(problem -> err.println(problem));
        partial = !imported.problems().isEmpty();
        strategy = imported.strategy();
        sample = file.sample();
      } else {
        if (sampleName != null) {
          err.println("--sample needs --workspace");
          return 2;
        }
        strategy = GatingStrategies.read(source.strategyFile);
        new StrategyEvaluator(strategy, GatingMethods.discover()); // validates before reading
        sample = FcsEvents.read(fcsFile);
      }
      StrategyEvaluator evaluator = new StrategyEvaluator(strategy, GatingMethods.discover());
      result = evaluator.apply(sample);
      if (membership != null) {
        MembershipCsv.write(result, membership);
      }
      if (export != null) {
        GatingMlWriter.write(result, export);
      }
    } catch (NoSuchFileException e) {
      err.println(e.getFile() + ": no such file");
      return 2;
    } catch (FcsException e) {
      err.println(e.getMessage());
      return 2;
    } catch (GatingException e) {
      err.println(oneLine(e.getMessage()));
      return 2;
    }
    if (json) {
      CliOutput.printJson(out, json(result), true);
    } else {
      out.printf("%s: %d events, strategy %s%n", fcsFile, result.eventCount(),
          result.appliedStrategy().id());
      out.printf("%-50s %10s %10s %12s%n", "population", "events", "% parent", "% denominator");
      for (PopulationResult p : result.populations()) {
        out.printf("%-50s %10d %10.3f %12.3f%n", p.path(), p.count(),
            100 * p.fractionOfParent(), 100 * p.fractionOfDenominator());
      }
    }
    out.flush();
    return partial ? PARTIAL : 0;
  }

  private ObjectNode json(GatingResult result) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("file", fcsFile.toString());
    root.put("strategy", result.appliedStrategy().id());
    root.put("events", result.eventCount());
    ArrayNode populations = root.putArray("populations");
    for (PopulationResult p : result.populations()) {
      ObjectNode node = populations.addObject();
      node.put("id", p.id());
      node.put("path", p.path());
      node.put("parent", p.parent());
      node.put("events", p.count());
      node.put("fraction_of_parent", p.fractionOfParent());
      node.put("fraction_of_denominator", p.fractionOfDenominator());
    }
    return root;
  }

  /** Validation reports list one problem per line; stderr gets them joined on one line. */
  private static String oneLine(String message) {
    return message.replace("\n  - ", " | ").replace('\n', ' ');
  }
}
