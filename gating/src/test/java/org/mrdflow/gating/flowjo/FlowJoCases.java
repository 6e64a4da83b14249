package org.mrdflow.gating.flowjo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mrdflow.gating.events.FcsEvents;
import org.mrdflow.gating.events.Sample;
import org.mrdflow.gating.flowjo.FlowJoWorkspace.WorkspaceSample;
import org.mrdflow.gating.method.GatingMethods;
import org.mrdflow.gating.strategy.GatingResult;
import org.mrdflow.gating.strategy.PopulationResult;
import org.mrdflow.gating.strategy.StrategyEvaluator;

/**
 * A case folder of FlowJo workspaces with FlowJo's counts ({@code expected.csv}: sample,
 * population, count, parent_count, gate_type, source_of_count): gates every sample's file with
 * the imported strategy and pairs each of FlowJo's counts with ours.
 */
final class FlowJoCases {
  /** One population: FlowJo's count and ours (-1 when we have no such population). */
  record Count(String sample, String population, long flowJo, long parent, String gateType,
      long ours) {
    long difference() {
      return ours - flowJo;
    }

    /** The tolerance: 1 % of the parent or 2 events, whichever is larger. */
    boolean withinTolerance() {
      return ours >= 0 && Math.abs(difference()) <= Math.max(2, 0.01 * parent);
    }
  }

  private FlowJoCases() {}

  static Path shared() {
    return Path.of(System.getProperty("mrdflow.shared", "../../shared"), "flowjo-workspaces");
  }

  /** A case folder of ../shared: its one .wsp, expected.csv and the FCS files. */
  static List<Count> gate(Path folder) throws IOException {
    Path workspaceFile;
    try (Stream<Path> files = Files.list(folder)) {
      workspaceFile = files.filter(p -> p.toString().endsWith(".wsp")).findFirst().orElseThrow();
    }
    return gate(workspaceFile, folder.resolve("expected.csv"), folder);
  }

  static List<Count> gate(Path workspaceFile, Path expectedCsv, Path fcsFolder)
      throws IOException {
    FlowJoWorkspace workspace = FlowJoWorkspaceReader.read(workspaceFile);
    Map<String, List<String[]>> expected = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(expectedCsv);
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = csv(line);
      expected.computeIfAbsent(fields[0], k -> new ArrayList<>()).add(fields);
    }
    List<Count> counts = new ArrayList<>();
    for (Map.Entry<String, List<String[]>> entry : expected.entrySet()) {
      Path file = fcsFolder.resolve(entry.getKey());
      Sample sample = FcsEvents.read(file);
      WorkspaceSample workspaceSample = FlowJoStrategies
          .sampleForFile(workspace, entry.getKey(), null).orElseThrow();
      ImportedStrategy imported = FlowJoStrategies.bind(
          workspace, workspaceSample, sample.events().channelNames()).requireComplete();
      GatingResult result = new StrategyEvaluator(imported.strategy(), GatingMethods.discover())
          .apply(sample);
      Map<String, Long> ours = new LinkedHashMap<>();
      for (PopulationResult population : result.populations()) {
        ours.put(population.path(), (long) population.count());
      }
      for (String[] row : entry.getValue()) {
        counts.add(new Count(row[0], row[1], Long.parseLong(row[2]), Long.parseLong(row[3]),
            row[4], ours.getOrDefault(row[1], -1L)));
      }
    }
    return counts;
  }

  /** Splits a CSV line with optional double quotes (RFC 4180). */
  static String[] csv(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields.toArray(String[]::new);
  }
}
