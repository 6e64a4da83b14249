package org.mrdflow.gating.flowjo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.mrdflow.fcs.FcsDataset;
import org.mrdflow.fcs.FcsFile;
import org.mrdflow.gating.events.FcsEvents;
import org.mrdflow.gating.events.Sample;
import org.mrdflow.gating.flowjo.FlowJoWorkspace.WorkspaceSample;

/**
 * Finds and reads the FCS file of a workspace sample. Workspaces outlive their folders: the
 * DataSet URI usually points to another computer, files get renamed after acquisition, so a
 * file is matched by the URI's file name, then the SampleNode name, then its {@code $FIL}.
 */
public final class FlowJoFiles {
  private FlowJoFiles() {}

  /** A sample's events and the $FIL keyword of its file (null when absent). */
  public record SampleFile(Path file, Sample sample, String fil) {}

  /** Reads the first dataset of {@code file} on the scale, with its $FIL. */
  public static SampleFile read(Path file) throws IOException {
    try (FcsFile fcs = FcsFile.open(file, FcsEvents.SCALE)) {
      FcsDataset dataset = fcs.first();
      return new SampleFile(file, FcsEvents.sample(dataset, file.getFileName().toString()),
          dataset.keywords().valueOrNull("$FIL"));
    }
  }

  /** The FCS file in {@code folder} (not recursive) that holds {@code sample}'s events. */
  public static Optional<Path> locate(WorkspaceSample sample, Path folder) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().toLowerCase().endsWith(".fcs")).sorted()
          .toList();
    }
    for (String name : List.of(sample.uriFileName(), sample.name())) {
      for (Path file : files) {
        if (file.getFileName().toString().equals(name)) {
          return Optional.of(file);
        }
      }
    }
    Optional<String> fil = sample.fil();
    if (fil.isEmpty()) {
      return Optional.empty();
    }
    List<Path> byFil = new ArrayList<>();
    for (Path file : files) {
      try (FcsFile fcs = FcsFile.open(file)) {
        if (fil.get().equals(fcs.first().keywords().valueOrNull("$FIL"))) {
          byFil.add(file);
        }
      } catch (IOException | RuntimeException unreadable) {
        // Not this sample's file; unreadable files are reported by whoever gates them.
      }
    }
    return byFil.size() == 1 ? Optional.of(byFil.get(0)) : Optional.empty();
  }

  /**
   * The workspace sample for a file: the one named {@code sampleName} (SampleNode name, URI
   * file name, $FIL or sampleID) when given, else the one matching the file's name or $FIL.
   */
  public static WorkspaceSample sampleFor(
      FlowJoWorkspace workspace, SampleFile file, String sampleName) {
    Optional<WorkspaceSample> sample = sampleName != null
        ? FlowJoStrategies.sampleNamed(workspace, sampleName)
        : FlowJoStrategies.sampleForFile(
            workspace, file.file().getFileName().toString(), file.fil());
    return sample.orElseThrow(() -> new FlowJoWorkspaceException(workspace.source() + ": "
        + (sampleName != null ? "no sample named " + sampleName
            : "no sample for file " + file.file().getFileName() + " ($FIL " + file.fil() + ")")
        + "; samples: " + String.join(", ",
            workspace.samples().stream().map(WorkspaceSample::name).toList())
        + (sampleName == null ? " (choose one with --sample)" : "")));
  }
}
