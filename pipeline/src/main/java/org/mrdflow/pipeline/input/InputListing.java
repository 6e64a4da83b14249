package org.mrdflow.pipeline.input;

import java.util.List;

/**
 * The inputs of a run.
 *
 * @param files files to analyse (FCS by content, or non-FCS content under an FCS extension, which
 *     becomes a NOT_FCS row), sorted by relative path
 * @param ignored files skipped because neither content nor name says FCS (sidecars, notes)
 */
public record InputListing(List<InputFile> files, List<InputFile> ignored) {
  public InputListing {
    files = List.copyOf(files);
    ignored = List.copyOf(ignored);
  }

  public long totalBytes() {
    return files.stream().mapToLong(InputFile::bytes).sum();
  }
}
