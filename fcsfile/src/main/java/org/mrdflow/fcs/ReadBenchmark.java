package org.mrdflow.fcs;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Measures, in one process, reading a file's bytes with a plain {@link FileChannel} read into a
 * direct buffer (the floor) and opening + decoding it into column arrays with {@link FcsFile},
 * each repeated after warm-up; reports medians. No GC is forced between rounds: a full GC lets the
 * JVM uncommit heap, and re-faulting it would be charged to parsing, which a long-running batch
 * with a warm heap never pays. Used by {@code mrdflow bench fcs}.
 */
public final class ReadBenchmark {

  /**
   * @param bytes file size
   * @param events events over all datasets
   * @param readSeconds median plain-read wall time
   * @param parseSeconds median open + decode wall time
   * @param readCpuSeconds median CPU time of this thread for the plain read
   * @param parseCpuSeconds median CPU time of this thread for open + decode (on a shared machine
   *     less disturbed by other processes than wall time)
   */
  public record Result(long bytes, long events, double readSeconds, double parseSeconds,
      double readCpuSeconds, double parseCpuSeconds) {
    public double parseGbPerSecond() {
      return bytes / parseSeconds / 1e9;
    }

    public double readGbPerSecond() {
      return bytes / readSeconds / 1e9;
    }

    /** parse time / plain read time. */
    public double ratio() {
      return parseSeconds / readSeconds;
    }
  }

  private ReadBenchmark() {}

  public static Result run(Path file, int warmups, int repetitions) throws IOException {
    if (repetitions < 1 || warmups < 0) {
      throw new IllegalArgumentException("repetitions must be >= 1 and warmups >= 0");
    }
    long size;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      size = ch.size();
    }
    ByteBuffer buffer = ByteBuffer.allocateDirect((int) Math.min(size, Integer.MAX_VALUE));
    long events = 0;
    double[] read = new double[repetitions];
    double[] parse = new double[repetitions];
    double[] readCpu = new double[repetitions];
    double[] parseCpu = new double[repetitions];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < warmups + repetitions; i++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      plainRead(file, buffer);
      long t1 = System.nanoTime();
      long c1 = threads.getCurrentThreadCpuTime();
      events = parseAll(file);
      long t2 = System.nanoTime();
      long c2 = threads.getCurrentThreadCpuTime();
      if (i >= warmups) {
        read[i - warmups] = (t1 - t0) / 1e9;
        parse[i - warmups] = (t2 - t1) / 1e9;
        readCpu[i - warmups] = (c1 - c0) / 1e9;
        parseCpu[i - warmups] = (c2 - c1) / 1e9;
      }
    }
    return new Result(size, events, median(read), median(parse), median(readCpu),
        median(parseCpu));
  }

  private static void plainRead(Path file, ByteBuffer buffer) throws IOException {
    buffer.clear();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (buffer.hasRemaining() && ch.read(buffer) >= 0) {
        // FileChannel.read may return fewer bytes than asked; loop until full or EOF.
      }
    }
  }

  private static long parseAll(Path file) throws IOException {
    long events = 0;
    try (FcsFile f = FcsFile.open(file)) {
      for (FcsDataset d : f.datasets()) {
        events += d.decodeAll().eventCount();
      }
    }
    return events;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
