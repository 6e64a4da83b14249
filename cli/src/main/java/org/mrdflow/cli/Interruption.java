package org.mrdflow.cli;

import java.io.PrintWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.mrdflow.pipeline.job.RunListener;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a run: one line, {@code interrupted: nothing committed (run
 * ID)}, and exit status 130 / 143 (128 + signal, as a shell reports it), instead of Spark's
 * cancelled-job stack traces. Nothing half-written becomes visible: a run stopped before its
 * commit leaves only its staging folder, which the next run with that id deletes (other
 * abandoned staging after 24 h). A signal during the commit itself (renames, well under a second)
 * lets the commit finish: the run is then complete and reports normally.
 */
final class Interruption {
  private static final int SIGINT_STATUS = 130;
  private static final int SIGTERM_STATUS = 143;

  private final PrintWriter err;
  private final Object lock = new Object();
  private String runId;
  private boolean committing;
  private boolean requested;

  private Interruption(PrintWriter err) {
    this.err = err;
  }

  /** Replaces the JVM's INT and TERM handling for the rest of this process. */
  static Interruption install(PrintWriter err) {
    Interruption i = new Interruption(err);
    Signal.handle(new Signal("INT"), s -> i.onSignal(SIGINT_STATUS));
    Signal.handle(new Signal("TERM"), s -> i.onSignal(SIGTERM_STATUS));
    return i;
  }

  /** The run id, once known, for the message. */
  void runId(String id) {
    synchronized (lock) {
      runId = id;
    }
  }

  /** Whether a signal arrived: the process is exiting, and the main thread must stay quiet. */
  boolean requested() {
    synchronized (lock) {
      return requested;
    }
  }

  /** {@code listener}, plus the commit fence: no commit starts once a signal arrived. */
  RunListener watching(RunListener listener) {
    return new RunListener() {
      @Override
      public void planned(int files, long bytes, int ignored) {
        listener.planned(files, bytes, ignored);
      }

      @Override
      public void progress(long filesDone, long eventsDone) {
        listener.progress(filesDone, eventsDone);
      }

      @Override
      public void phase(String description) {
        listener.phase(description);
      }

      @Override
      public void committing(String id) {
        synchronized (lock) {
          if (requested) {
            throw new IllegalStateException("interrupted before the commit");
          }
          committing = true;
        }
        listener.committing(id);
      }
    };
  }

  /** Parks the calling thread while the signal handler ends the process. */
  void awaitExit() {
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        // keep waiting: System.exit is under way
      }
    }
  }

  private void onSignal(int status) {
    String id;
    synchronized (lock) {
      if (committing || requested) {
        return;
      }
      requested = true;
      id = runId;
    }
    // Spark logs every cancelled task as it shuts down: the one line below is the whole story.
    Configurator.setRootLevel(Level.OFF);
    err.println("interrupted: nothing committed (run " + (id == null ? "not started" : id) + ")");
    err.flush();
    System.exit(status);
  }
}
