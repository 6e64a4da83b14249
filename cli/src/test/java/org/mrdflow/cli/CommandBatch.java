package org.mrdflow.cli;

import java.util.Arrays;

/**
 * Runs several {@code mrdflow} command lines in one JVM (started by {@link
 * SparkFreeCommandsTest} on the cli module's runtime classpath): each argument is one command
 * line with its words separated by a unit separator (U+001F); prints {@code @@exit N} after each.
 */
final class CommandBatch {
  static final String SEPARATOR = "\u001f";

  private CommandBatch() {}

  public static void main(String[] commandLines) {
    try {
      Class.forName("org.apache.spark.SparkConf", false, CommandBatch.class.getClassLoader());
      System.out.println("@@spark present");
    } catch (ClassNotFoundException e) {
      System.out.println("@@spark absent");
    }
    for (String line : commandLines) {
      String[] args = line.split(SEPARATOR);
      int exit = MrdflowCli.commandLine().execute(args);
      System.out.println("@@exit " + exit + " " + Arrays.toString(args));
    }
  }
}
