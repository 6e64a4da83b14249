package org.mrdflow.pipeline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code bin/mrdflow}. Each subcommand is a thin class in this package: parse the
 * arguments, call the library modules, print or save. Exit status 0 = success, 1 = the work ran
 * but failed, 2 = bad input (usage error, a file that is not valid FCS, a wrong config).
 */
@Command(
    name = "mrdflow",
    mixinStandardHelpOptions = true,
    versionProvider = MrdflowCli.Version.class,
    description = "Flow-cytometry MRD pipeline for B-ALL after CD19 CAR-T.",
    subcommands = {
      CommandLine.HelpCommand.class,
      FcsCommand.class,
      BenchCommand.class,
      SimulateCommand.class,
      StatsCommand.class,
      AnalyzeCommand.class,
      EvaluateCommand.class,
      GateCommand.class,
      RunCommand.class,
      DemoCommand.class,
      OutcomesCommand.class,
      PredictRiskCommand.class,
    })
public final class MrdflowCli implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new MrdflowCli());
  }

  /** Version from the jar manifest, or the build's when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"mrdflow " + PipelineVersion.get()};
    }
  }
}
