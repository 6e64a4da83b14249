package org.mrdflow.review;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder of a run's FCS files ({@code review --input}), searched by content: a sample is
 * found by its file's SHA-256 ({@code samples.file_sha256}), never by path or name (the run may
 * have pseudonymized the names, and a renamed or moved copy is still the same sample). The
 * folder is hashed lazily, on the first search, and again on a miss (files may have been added);
 * a file whose size and modification time are unchanged is not hashed twice.
 */
final class FcsFolder {
  private final Path root;
  /** Path -> (size, modified, SHA-256) of every regular file hashed so far. */
  private final Map<Path, Hashed> hashed = new HashMap<>();

  private record Hashed(long size, long modified, String sha256) {}

  FcsFolder(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  /** The file under the folder (any depth) whose bytes have this SHA-256 (hex, any case). */
  synchronized Optional<Path> find(String sha256) {
    if (sha256 == null) {
      return Optional.empty();
    }
    Optional<Path> known = lookup(sha256);
    if (known.isPresent() && Files.isRegularFile(known.get())) {
      return known;
    }
    rescan();
    return lookup(sha256);
  }

  private Optional<Path> lookup(String sha256) {
    return hashed.entrySet().stream().filter(e -> e.getValue().sha256().equalsIgnoreCase(sha256))
        .map(Map.Entry::getKey).sorted().findFirst();
  }

  private void rescan() {
    if (!Files.isDirectory(root)) {
      hashed.clear();
      return;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).toList();
    } catch (IOException | UncheckedIOException e) {
      throw new ReviewException(409, "adjust unavailable: cannot list --input " + root + ": " + e.getMessage());
    }
    hashed.keySet().retainAll(files);
    for (Path file : files) {
      try {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        Hashed old = hashed.get(file);
        long modified = a.lastModifiedTime().toMillis();
        if (old == null || old.size() != a.size() || old.modified() != modified) {
          hashed.put(file, new Hashed(a.size(), modified, sha256(file)));
        }
      } catch (IOException e) {
        hashed.remove(file); // unreadable now: not a match, and looked at again next time
      }
    }
  }

  /** SHA-256 (hex) of a file's bytes, streamed. */
  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return sha256(in);
    }
  }

  /** SHA-256 (hex) of what a stream holds. */
  static String sha256(InputStream bytes) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JRE", e);
    }
    try (InputStream in = new DigestInputStream(bytes, digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
