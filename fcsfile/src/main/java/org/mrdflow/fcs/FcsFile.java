package org.mrdflow.fcs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * An FCS 2.0, 3.0, 3.1 or 3.2 file: its datasets in {@code $NEXTDATA} order.
 *
 * <pre>{@code
 * try (FcsFile f = FcsFile.open(path)) {
 *   FcsDataset d = f.datasets().get(0);
 *   float[] cd19 = d.floatColumn(d.channelIndex("FL4-A"));
 * }
 * }</pre>
 *
 * <p>{@link #open} keeps the file open until {@link #close()}: HEADER and TEXT are parsed at once
 * from a read-only mapping (so an invalid file fails here with a typed {@link FcsException}),
 * events are decoded on first use by positional reads. Decode the columns you need before {@link
 * #close()}: afterwards an undecoded dataset throws {@link IllegalStateException}. An I/O error
 * while decoding (the file shrank) surfaces as {@link java.io.UncheckedIOException}. Files up to
 * 2 GiB.
 */
public final class FcsFile implements AutoCloseable {
  private final String source;
  private final List<FcsDataset> datasets;
  private final FileChannel channel;
  private volatile boolean open = true;

  private FcsFile(String source, ByteBuffer bytes, FileChannel channel, FcsReadOptions options)
      throws FcsException {
    this.source = source;
    this.channel = channel;
    this.datasets = List.copyOf(
        new DatasetReader(bytes, channel, source, options, () -> open).readAll());
  }

  /** Opens {@code path} with {@link FcsReadOptions#defaults()} (strict, raw values). */
  public static FcsFile open(Path path) throws IOException {
    return open(path, FcsReadOptions.defaults());
  }

  public static FcsFile open(Path path, FcsReadOptions options) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      long size = ch.size();
      if (size > Integer.MAX_VALUE) {
        throw new UnsupportedFcsException(path.toString(), FcsException.NO_DATASET, 0,
            "files over 2 GiB are not supported (" + size + " bytes)");
      }
      MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
      return new FcsFile(path.toString(), map, ch, options);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Reads an FCS file held in memory; {@code sourceName} names it in error messages. */
  public static FcsFile read(byte[] bytes, String sourceName, FcsReadOptions options)
      throws FcsException {
    return new FcsFile(sourceName, ByteBuffer.wrap(bytes), null, options);
  }

  /**
   * Reads an FCS file from the buffer's remaining bytes (position to limit); the buffer is not
   * modified and must stay unchanged until the events are decoded.
   */
  public static FcsFile read(ByteBuffer bytes, String sourceName, FcsReadOptions options)
      throws FcsException {
    return new FcsFile(sourceName, bytes.slice(), null, options);
  }

  /** The file name or source description given when reading. */
  public String source() {
    return source;
  }

  /** The datasets, at least one. */
  public List<FcsDataset> datasets() {
    return datasets;
  }

  /** The first (usually only) dataset. */
  public FcsDataset first() {
    return datasets.get(0);
  }

  /** Closes the file; datasets already decoded stay usable. */
  @Override
  public void close() throws IOException {
    open = false;
    if (channel != null) {
      channel.close();
    }
  }
}
