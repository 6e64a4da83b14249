package org.mrdflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.mrdflow.review.ReviewApplication;
import org.mrdflow.review.ReviewServer;
import org.mrdflow.review.store.ReviewStoreException;
import org.mrdflow.review.warehouse.WarehouseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mrdflow review}: the review workstation on 127.0.0.1, and {@code review export}. */
@Command(
    name = "review",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the review workstation for a warehouse on http://127.0.0.1:PORT/: runs, samples, plots, accept,",
      "override and sign-off, with an append-only audit trail (review/README.md). Stop it with Ctrl-C."
    },
    subcommands = {ReviewCommand.Export.class})
public final class ReviewCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  // not required by picocli: `review export --warehouse DIR` must parse without it here
  @Option(names = "--warehouse", paramLabel = "DIR", description = "Pipeline output folder (the --output of run); required.")
  Path warehouse;

  @Option(names = "--port", defaultValue = "" + ReviewApplication.DEFAULT_PORT, paramLabel = "N",
      description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--db", paramLabel = "JDBC-URL",
      description = "Review database, e.g. jdbc:postgresql://localhost:5432/mrdflow?user=mrdflow (default: an H2 file DIR/_review/reviews.mv.db).")
  String db;

  @Option(names = "--input", paramLabel = "FCS-DIR",
      description = "Folder of the run's FCS files (searched by SHA-256, any depth): lets reviewers adjust a gate and re-count.")
  Path input;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (warehouse == null) {
      err.println("review: --warehouse DIR is required (see mrdflow review --help)");
      return 2;
    }
    if (input != null && !Files.isDirectory(input)) {
      err.println("review: --input " + input + " is not a folder (give the folder of the run's FCS files)");
      return 2;
    }
    ReviewApplication app;
    try {
      app = ReviewApplication.open(warehouse, db, input);
    } catch (WarehouseException | ReviewStoreException | IllegalArgumentException e) {
      err.println("review: " + e.getMessage());
      return 2;
    }
    ReviewServer server;
    try {
      server = app.serve(port);
    } catch (IOException e) {
      err.println("review: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage() + " (try --port 0)");
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    out.println("review: serving " + app.warehouse() + " on http://127.0.0.1:" + server.port() + "/ (Ctrl-C stops)");
    out.flush();
    stopped.await();
    return 0;
  }

  /** {@code mrdflow review export}: the reviews Parquet table from the audit trail. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = "Write the whole audit trail as the reviews Parquet table DIR/reviews/reviews.parquet (atomically).")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "Pipeline output folder.")
    Path warehouse;

    @Option(names = "--db", paramLabel = "JDBC-URL", description = "Review database (default: the warehouse's H2 file).")
    String db;

    @Override
    public Integer call() {
      try {
        ReviewApplication app = ReviewApplication.open(warehouse, db);
        spec.commandLine().getOut().println("wrote " + app.export());
        return 0;
      } catch (WarehouseException | ReviewStoreException | IllegalArgumentException e) {
        spec.commandLine().getErr().println("review export: " + e.getMessage());
        return 2;
      }
    }
  }
}
