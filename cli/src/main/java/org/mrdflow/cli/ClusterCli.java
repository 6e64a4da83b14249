package org.mrdflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of the cluster jar ({@code mvn -Pcluster}, started by spark-submit): only {@code
 * run}, with exactly the options of {@code mrdflow run}. The cluster jar leaves out what the job
 * never loads (the simulator, the outcome models and Smile with its native libraries), so the
 * full {@link MrdflowCli} could not start from it; {@code ArchitectureTest} checks that nothing
 * reachable from this class needs what the jar leaves out.
 *
 * <p>The exit status is the command's: spark-submit (client mode) and the standalone or YARN
 * driver (cluster mode) end with it, so a failed run is a failed application.
 */
@Command(
    name = "mrdflow",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "MRDFlow batch job for spark-submit.",
    subcommands = {CommandLine.HelpCommand.class, RunCommand.class})
public final class ClusterCli implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ClusterCli()).execute(args));
  }
}
