package org.mrdflow.gating.flowjo;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Parts of a workspace could not be imported; {@link #problems()} names each sample and gate,
 * {@link #imported()} holds everything that was.
 */
public class FlowJoImportException extends FlowJoWorkspaceException {
  private final transient List<FlowJoImportProblem> problems;
  private final transient ImportedStrategy imported;

  public FlowJoImportException(String source, ImportedStrategy imported) {
    super(source + ": " + imported.problems().size() + " workspace problem(s):\n  - "
        + imported.problems().stream().map(FlowJoImportProblem::toString)
            .collect(Collectors.joining("\n  - ")));
    this.problems = imported.problems();
    this.imported = imported;
  }

  public List<FlowJoImportProblem> problems() {
    return problems;
  }

  public ImportedStrategy imported() {
    return imported;
  }
}
