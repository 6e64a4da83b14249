package org.mrdflow.gating.flowjo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mrdflow.fcs.SpilloverMatrix;

/**
 * A FlowJo workspace ({@code .wsp}) as FlowJo wrote it, before it is bound to an FCS file: its
 * samples with their file references, compensation, per-parameter transforms and gate trees, and
 * its groups. {@link FlowJoStrategies} turns one sample into a strategy of the gating engine.
 *
 * @param source the workspace file, for messages
 * @param flowJoVersion FlowJo's {@code flowJoVersion} (or the document version for old files)
 * @param samples in document order
 * @param groups in document order
 */
public record FlowJoWorkspace(
    String source, String flowJoVersion, List<WorkspaceSample> samples, List<Group> groups) {

  public FlowJoWorkspace {
    samples = List.copyOf(samples);
    groups = List.copyOf(groups);
  }

  /** A sample group and the ids of its member samples. */
  public record Group(String name, List<String> sampleIds) {
    public Group {
      sampleIds = List.copyOf(sampleIds);
    }
  }

  /**
   * One sample of the workspace. FlowJo 10 stores every gate of a sample under its SampleNode,
   * including gates it inherits from a group (marked {@code owningGroup}), with the sample's own
   * overrides already applied, so this tree is what FlowJo gated that sample with.
   *
   * @param id FlowJo's sampleID
   * @param name the SampleNode name (usually the file name)
   * @param uri the DataSet URI as written (often a path on another computer)
   * @param keywords the FCS keywords FlowJo copied ($FIL, $TOT, ...)
   * @param eventCount FlowJo's count on the SampleNode (-1 when not stored)
   * @param compensation the sample's spillover matrix, if the workspace defines one
   * @param transforms per parameter name as FlowJo writes it (e.g. {@code Comp-PE-A})
   * @param populations every node below the sample, parents before children
   */
  public record WorkspaceSample(
      String id,
      String name,
      String uri,
      Map<String, String> keywords,
      long eventCount,
      Optional<WorkspaceCompensation> compensation,
      Map<String, FlowJoTransform> transforms,
      List<WorkspacePopulation> populations) {

    public WorkspaceSample {
      keywords = Map.copyOf(keywords);
      transforms = Map.copyOf(transforms);
      populations = List.copyOf(populations);
    }

    /** The file name of the DataSet URI (after the last / or \), URL-decoded. */
    public String uriFileName() {
      String decoded = java.net.URLDecoder.decode(
          uri.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
      int slash = Math.max(decoded.lastIndexOf('/'), decoded.lastIndexOf('\\'));
      return decoded.substring(slash + 1);
    }

    public Optional<String> fil() {
      return Optional.ofNullable(keywords.get("$FIL"));
    }
  }

  /**
   * A workspace-defined spillover matrix and the prefix/suffix FlowJo gives its compensated
   * parameters ({@code Comp-PE-A}).
   */
  public record WorkspaceCompensation(
      String name, String prefix, String suffix, SpilloverMatrix matrix) {}

  /**
   * One node of a sample's gate tree.
   *
   * @param path FlowJo's path, {@code /Lymphocytes/Singlets}
   * @param name the node name
   * @param parentPath path of the parent node, or null below the sample
   * @param gate the node's gate, or empty for Boolean nodes without geometry
   * @param booleanKind AND, OR or NOT for FlowJo's Boolean nodes, else null
   * @param dependents the Boolean node's operands as FlowJo writes them (paths without the
   *     leading slash, e.g. {@code Time/Singlets/CD3+})
   * @param owningGroup the group the gate comes from, empty for the sample's own gates
   * @param count FlowJo's stored count (-1 when FlowJo stored none)
   */
  public record WorkspacePopulation(
      String path,
      String name,
      String parentPath,
      Optional<FlowJoGate> gate,
      String booleanKind,
      List<String> dependents,
      String owningGroup,
      long count) {
    public WorkspacePopulation {
      dependents = List.copyOf(dependents);
    }
  }
}
