package org.mrdflow.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process {@code mrdflow} invocation: its exit code and what it printed on stdout and stderr. */
record CliRun(int exit, String out, String err) {

  static CliRun run(String... args) {
    CommandLine cli = MrdflowCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
