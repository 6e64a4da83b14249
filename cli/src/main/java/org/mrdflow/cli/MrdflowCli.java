package org.mrdflow.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code bin/mrdflow}. Each subcommand is a thin class in this package: parse the
 * arguments, call the library modules, print or save. Exit status 0 = success, 1 = the work ran
 * but failed, 2 = bad input (usage error, a file that is not valid FCS, a wrong config).
 *
 * <p>Only the {@link #SPARK_COMMANDS} need Spark. This module's runtime classpath holds none;
 * {@code bin/mrdflow} adds the pipeline module's classpath (Spark, Hadoop) for those commands
 * only, so the others start faster and cannot come to depend on Spark unnoticed
 * ({@code ArchitectureTest}, {@code SparkFreeCommandsTest}).
 */
@Command(
    name = "mrdflow",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
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
      WorkspaceCommand.class,
      CompareCommand.class,
      RunCommand.class,
      DemoCommand.class,
      OutcomesCommand.class,
      TimelineCommand.class,
      PredictRiskCommand.class,
      ReviewCommand.class,
      UsersCommand.class,
    })
public final class MrdflowCli implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * The commands that run Spark, as typed (a group's sub-command after a space). {@code
   * bin/mrdflow} keeps the same list to choose the classpath.
   */
  public static final List<String> SPARK_COMMANDS =
      List.of("run", "demo", "outcomes", "timeline", "predict-risk", "compare", "bench pipeline");

  public static void main(String[] args) {
    String sparkCommand = sparkCommand(args);
    if (sparkCommand != null && !sparkOnClasspath()) {
      System.err.println("mrdflow: '" + sparkCommand + "' runs Spark, which is not on this "
          + "classpath; start it with bin/mrdflow (it adds the pipeline module's classpath)");
      System.exit(2);
    }
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and tests. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new MrdflowCli());
    // Added here rather than in BenchCommand's annotation so that `bench fcs` and `bench gating`
    // reference no Spark class (ArchitectureTest follows class references).
    commandLine.getSubcommands().get("bench").addSubcommand(new BenchPipelineCommand());
    return commandLine;
  }

  /** The Spark command {@code args} start with, or null. */
  static String sparkCommand(String[] args) {
    String typed = String.join(" ", args) + " ";
    return SPARK_COMMANDS.stream().filter(c -> typed.startsWith(c + " ")).findFirst()
        .orElse(null);
  }

  private static boolean sparkOnClasspath() {
    try {
      Class.forName("org.apache.spark.SparkConf", false, MrdflowCli.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
