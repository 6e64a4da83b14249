package org.mrdflow.pipeline.job;

/** What a run tells its user while it works (progress bar on a terminal, log lines otherwise). */
public interface RunListener {
  /** Inputs listed: files to analyse, their total size, and files ignored as not FCS. */
  void planned(int files, long bytes, int ignored);

  /** Analysis progress: files finished (OK or FAILED) and events analysed so far. */
  void progress(long filesDone, long eventsDone);

  /** A new phase started, e.g. "writing tables". */
  void phase(String description);

  /**
   * The run starts its commit: from here on it completes (or the next run on the output rolls
   * it forward), so an interruption no longer means "nothing committed".
   */
  default void committing(String runId) {}

  /** Silent listener, for callers that only want the result. */
  RunListener NONE = new RunListener() {
    @Override
    public void planned(int files, long bytes, int ignored) {}

    @Override
    public void progress(long filesDone, long eventsDone) {}

    @Override
    public void phase(String description) {}
  };
}
