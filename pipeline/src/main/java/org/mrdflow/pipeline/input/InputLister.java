package org.mrdflow.pipeline.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists the FCS files of a folder, glob or Hadoop URI (file:, hdfs:, s3a:, ...), recursively.
 * Files are recognised by content ({@link FcsMagic}); hidden files (names starting with '.' or
 * '_', Hadoop's convention for checksums and markers) are skipped.
 */
public final class InputLister {
  /** Parallel HEADER reads: on object stores each is a round trip, so do not do them one by one. */
  private static final int PROBE_THREADS = 16;

  private final Configuration hadoopConf;

  public InputLister(Configuration hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  /**
   * @throws InputException when the input does not exist or matches nothing
   */
  public InputListing list(String input) throws InputException {
    Path pattern = new Path(input);
    try {
      FileSystem fs = pattern.getFileSystem(hadoopConf);
      Path root = fs.makeQualified(nonGlobPrefix(pattern));
      List<FileStatus> files = new ArrayList<>();
      FileStatus[] matches = fs.globStatus(pattern);
      if (matches == null || matches.length == 0) {
        throw new InputException(input + ": no such file or folder (or the glob matches nothing)");
      }
      for (FileStatus match : matches) {
        if (match.isDirectory()) {
          RemoteIterator<LocatedFileStatus> it = fs.listFiles(match.getPath(), true);
          while (it.hasNext()) {
            files.add(it.next());
          }
        } else {
          files.add(match);
        }
      }
      return classify(fs, root, files);
    } catch (IOException e) {
      throw new InputException(input + ": cannot list: " + e.getMessage(), e);
    }
  }

  private InputListing classify(FileSystem fs, Path root, List<FileStatus> statuses)
      throws InputException {
    String rootPrefix = root.toUri().getPath();
    List<FileStatus> visible = new ArrayList<>();
    for (FileStatus s : statuses) {
      if (s.isFile() && !isHidden(s.getPath(), rootPrefix)) {
        visible.add(s);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(PROBE_THREADS, r -> {
      Thread t = new Thread(r, "mrdflow-probe");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<String>> versions = new ArrayList<>();
      for (FileStatus s : visible) {
        versions.add(pool.submit(() -> probeVersion(fs, s)));
      }
      List<InputFile> files = new ArrayList<>();
      List<InputFile> ignored = new ArrayList<>();
      for (int i = 0; i < visible.size(); i++) {
        FileStatus s = visible.get(i);
        InputFile file = new InputFile(s.getPath().toString(), relative(s.getPath(), rootPrefix), s.getLen());
        boolean fcsContent = versions.get(i).get() != null;
        if (fcsContent || FcsMagic.hasFcsExtension(file.fileName())) {
          files.add(file);
        } else {
          ignored.add(file);
        }
      }
      files.sort(Comparator.comparing(InputFile::relativePath));
      ignored.sort(Comparator.comparing(InputFile::relativePath));
      return new InputListing(files, ignored);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new InputException("cannot read an input file's header: " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputException("interrupted while listing inputs", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static String probeVersion(FileSystem fs, FileStatus s) {
    byte[] prefix = new byte[FcsMagic.PREFIX_BYTES];
    try (InputStream in = fs.open(s.getPath())) {
      int n = in.readNBytes(prefix, 0, prefix.length);
      return n < prefix.length ? null : FcsMagic.version(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(s.getPath() + ": " + e.getMessage(), e);
    }
  }

  private static boolean isHidden(Path path, String rootPrefix) {
    for (String part : relative(path, rootPrefix).split("/")) {
      if (part.startsWith(".") || part.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  private static String relative(Path path, String rootPrefix) {
    String full = path.toUri().getPath();
    if (full.startsWith(rootPrefix) && full.length() > rootPrefix.length()) {
      String rest = full.substring(rootPrefix.length());
      return rest.startsWith("/") ? rest.substring(1) : rest;
    }
    return path.getName();
  }

  /** The longest leading part of a glob pattern without glob characters: the listing root. */
  static Path nonGlobPrefix(Path pattern) {
    Path p = pattern;
    Path prefix = pattern;
    while (p != null) {
      if (hasGlob(p.getName())) {
        prefix = p.getParent();
      }
      p = p.getParent();
    }
    return prefix;
  }

  private static boolean hasGlob(String name) {
    return name.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }
}
