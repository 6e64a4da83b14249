package org.mrdflow.cli;

import org.mrdflow.pipeline.PipelineVersion;
import picocli.CommandLine;

/** {@code --version}: the build's version (a class of its own, shared by both entry points). */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"mrdflow " + PipelineVersion.get()};
  }
}
