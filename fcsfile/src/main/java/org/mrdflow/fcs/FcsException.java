package org.mrdflow.fcs;

import java.io.IOException;

/**
 * Base of every error the FCS reader reports about a file's content.
 *
 * <p>It is a checked {@link IOException}: bad FCS content is an input problem the caller must
 * decide about (a batch turns it into a FAILED row), and one {@code catch (IOException e)} covers
 * both an unreadable file and an invalid one. Each fault class has its own subclass; every message
 * names the file, the dataset (0-based, in {@code $NEXTDATA} order) and the byte offset concerned.
 */
public class FcsException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Dataset index used when the fault is not inside a dataset (e.g. the file is too short). */
  public static final int NO_DATASET = -1;

  private final String source;
  private final int dataset;
  private final long byteOffset;
  private final String problem;

  public FcsException(String source, int dataset, long byteOffset, String problem) {
    super(format(source, dataset, byteOffset, problem));
    this.source = source;
    this.dataset = dataset;
    this.byteOffset = byteOffset;
    this.problem = problem;
  }

  private static String format(String source, int dataset, long byteOffset, String problem) {
    StringBuilder sb = new StringBuilder(source);
    if (dataset >= 0) {
      sb.append(": dataset ").append(dataset);
    }
    sb.append(dataset >= 0 ? ", byte " : ": byte ").append(byteOffset);
    return sb.append(": ").append(problem).toString();
  }

  /** The file name or source description the reader was given. */
  public String source() {
    return source;
  }

  /** 0-based dataset index, or {@link #NO_DATASET}. */
  public int dataset() {
    return dataset;
  }

  /** Absolute byte offset in the file where the problem was found. */
  public long byteOffset() {
    return byteOffset;
  }

  /** The problem alone, without file, dataset and offset. */
  public String problem() {
    return problem;
  }
}
