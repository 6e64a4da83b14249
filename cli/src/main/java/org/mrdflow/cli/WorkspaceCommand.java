package org.mrdflow.cli;

import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.flowjo.FlowJoTransform;
import org.mrdflow.gating.flowjo.FlowJoWorkspace;
import org.mrdflow.gating.flowjo.FlowJoWorkspace.WorkspaceCompensation;
import org.mrdflow.gating.flowjo.FlowJoWorkspace.WorkspacePopulation;
import org.mrdflow.gating.flowjo.FlowJoWorkspace.WorkspaceSample;
import org.mrdflow.gating.flowjo.FlowJoWorkspaceReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mrdflow workspace list W.wsp}: what a FlowJo workspace holds, before any file. */
@Command(
    name = "workspace",
    mixinStandardHelpOptions = true,
    description = "Inspect FlowJo workspaces.",
    subcommands = WorkspaceCommand.ListCommand.class)
public final class WorkspaceCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** Lists samples, groups, gates, transforms and matrices. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List a FlowJo workspace's samples, groups, gates, transforms and "
          + "compensation matrices.")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "W.wsp", description = "FlowJo workspace.")
    Path workspaceFile;

    @Override
    public Integer call() throws java.io.IOException {
      PrintWriter out = spec.commandLine().getOut();
      FlowJoWorkspace workspace;
      try {
        workspace = FlowJoWorkspaceReader.read(workspaceFile);
      } catch (NoSuchFileException e) {
        spec.commandLine().getErr().println(e.getFile() + ": no such file");
        return 2;
      } catch (GatingException e) {
        spec.commandLine().getErr().println(e.getMessage());
        return 2;
      }
      out.printf("workspace %s (FlowJo %s): %d samples, %d groups%n", workspaceFile,
          workspace.flowJoVersion(), workspace.samples().size(), workspace.groups().size());
      out.println();
      out.println("samples");
      out.printf("  %-6s %-40s %10s %11s  %s%n", "id", "name", "events", "populations",
          "file (URI) / $FIL");
      for (WorkspaceSample sample : workspace.samples()) {
        out.printf("  %-6s %-40s %10d %11d  %s / %s%n", sample.id(), sample.name(),
            sample.eventCount(), sample.populations().size(), sample.uriFileName(),
            sample.fil().orElse("-"));
      }
      out.println();
      out.println("groups");
      for (FlowJoWorkspace.Group group : workspace.groups()) {
        out.printf("  %-30s %d samples%n", group.name(), group.sampleIds().size());
      }
      out.println();
      out.println("gates (path, type, dimensions, owning group; FlowJo's count per sample)");
      Map<String, List<String>> gates = new LinkedHashMap<>();
      for (WorkspaceSample sample : workspace.samples()) {
        for (WorkspacePopulation population : sample.populations()) {
          String key = population.path() + "  " + describe(population)
              + (population.owningGroup().isEmpty() ? "" : "  [" + population.owningGroup() + "]");
          gates.computeIfAbsent(key, k -> new ArrayList<>())
              .add(sample.name() + "=" + population.count());
        }
      }
      gates.forEach((gate, counts) -> out.printf("  %s  (%s)%n", gate,
          counts.size() <= 3 ? String.join(", ", counts) : counts.size() + " samples"));
      out.println();
      out.println("transforms (per parameter; samples using them)");
      Map<String, Integer> transforms = new LinkedHashMap<>();
      for (WorkspaceSample sample : workspace.samples()) {
        for (Map.Entry<String, FlowJoTransform> entry : sample.transforms().entrySet()) {
          transforms.merge(entry.getKey() + ": " + entry.getValue(), 1, Integer::sum);
        }
      }
      transforms.forEach((transform, samples) ->
          out.printf("  %s  (%d samples)%n", transform, samples));
      out.println();
      out.println("matrices");
      Map<String, Integer> matrices = new LinkedHashMap<>();
      for (WorkspaceSample sample : workspace.samples()) {
        sample.compensation().ifPresent(m -> matrices.merge(describe(m), 1, Integer::sum));
      }
      if (matrices.isEmpty()) {
        out.println("  none in the workspace (Comp- parameters use the file's own matrix)");
      }
      matrices.forEach((matrix, samples) -> out.printf("  %s  (%d samples)%n", matrix, samples));
      out.flush();
      return 0;
    }

    private static String describe(WorkspacePopulation population) {
      if (population.booleanKind() != null) {
        return population.booleanKind().toLowerCase() + " " + population.dependents();
      }
      return population.gate().map(gate -> gate.type() + " " + gate.dimensions())
          .orElse("(no gate)");
    }

    private static String describe(WorkspaceCompensation matrix) {
      return matrix.name() + " prefix '" + matrix.prefix() + "' detectors "
          + matrix.matrix().detectors();
    }
  }
}
