package org.mrdflow.cli;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.mrdflow.pipeline.job.RunListener;

/**
 * Shows a run's progress: a progress bar (files done / total, events/s, ETA) when stderr is a
 * terminal, plain log lines (at most one per {@value #LOG_INTERVAL_MS} ms) otherwise, so logs of
 * scheduled runs stay readable.
 */
final class ProgressDisplay implements RunListener {
  private static final long LOG_INTERVAL_MS = 10_000;

  private final PrintStream out;
  private final boolean terminal;
  private ProgressBar bar;
  private boolean barFinished;
  private long files;
  private long analysisStart;
  private long lastLog;
  private long lastFilesLogged = -1;
  private final long created = System.nanoTime();

  ProgressDisplay(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** Progress bar on a terminal, log lines otherwise. */
  static ProgressDisplay forConsole() {
    return new ProgressDisplay(System.err, System.console() != null);
  }

  @Override
  public void planned(int fileCount, long bytes, int ignored) {
    files = fileCount;
    out.printf(Locale.ROOT, "mrdflow: %d FCS files, %.1f MB%s%n", fileCount, bytes / 1e6,
        ignored > 0 ? " (" + ignored + " non-FCS files ignored)" : "");
  }

  @Override
  public synchronized void progress(long filesDone, long eventsDone) {
    long now = System.currentTimeMillis();
    if (analysisStart == 0) {
      analysisStart = now;
    }
    double rate = eventsDone / Math.max(1e-3, (now - analysisStart) / 1000.0);
    if (terminal) {
      if (barFinished) {
        return;
      }
      if (bar == null) {
        bar = new ProgressBarBuilder().setTaskName("Analysing").setInitialMax(files)
            .setStyle(ProgressBarStyle.ASCII).setUnit(" files", 1).setUpdateIntervalMillis(500)
            .setConsumer(new ConsoleProgressBarConsumer(out)).build();
      }
      bar.stepTo(filesDone);
      bar.setExtraMessage(String.format(Locale.ROOT, "%.2fM events/s", rate / 1e6));
      if (filesDone >= files) {
        bar.close();
        bar = null;
        barFinished = true;
      }
      return;
    }
    boolean finished = filesDone >= files;
    if (filesDone != lastFilesLogged && (finished || now - lastLog >= LOG_INTERVAL_MS)) {
      double elapsed = (now - analysisStart) / 1000.0;
      String eta = filesDone == 0 ? "?" : String.format(Locale.ROOT, "%.0f s", elapsed * (files - filesDone) / filesDone);
      out.printf(Locale.ROOT, "mrdflow: %d/%d files (%.0f%%), %.2fM events/s, ETA %s%n", filesDone, files,
          100.0 * filesDone / Math.max(1, files), rate / 1e6, eta);
      lastLog = now;
      lastFilesLogged = filesDone;
    }
  }

  @Override
  public synchronized void phase(String description) {
    if (bar != null) {
      bar.close();
      bar = null;
    }
    out.printf(Locale.ROOT, "mrdflow: [%.1f s] %s%n", (System.nanoTime() - created) / 1e9, description);
  }
}
