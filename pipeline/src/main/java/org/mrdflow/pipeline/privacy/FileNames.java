package org.mrdflow.pipeline.privacy;

import java.security.SecureRandom;
import org.mrdflow.pipeline.input.InputFile;

/**
 * How input files are named in every output (tables, messages, report, provenance): by a keyed
 * pseudonym by default, because labs name files and folders after patients; in clear only when
 * the run is told so ({@code --keep-file-names}). The pseudonym is the HMAC of the full path under
 * the pseudonym key, so it is stable across runs of the same folder with the same key and cannot
 * be confirmed by hashing guessed names. Without a configured key a random key that lives only for
 * the run is used: names are then hidden but not stable across runs.
 */
public final class FileNames {
  /** Hex digits of a file pseudonym: 64 bits, unique among any realistic number of files. */
  private static final int HEX_DIGITS = 16;
  private static final int RUN_KEY_BYTES = 32;

  private final Pseudonymizer key;

  private FileNames(Pseudonymizer key) {
    this.key = key;
  }

  /** Names as listed: for labs whose file and folder names carry no identifiers. */
  public static FileNames inClear() {
    return new FileNames(null);
  }

  /** Keyed pseudonyms under {@code key}. */
  public static FileNames pseudonymized(Pseudonymizer key) {
    return new FileNames(key);
  }

  /** Pseudonyms under a random key that is never stored: hidden, but not stable across runs. */
  public static FileNames pseudonymizedForThisRunOnly() {
    byte[] random = new byte[RUN_KEY_BYTES];
    new SecureRandom().nextBytes(random);
    return new FileNames(new Pseudonymizer(random));
  }

  public boolean inClearMode() {
    return key == null;
  }

  /** {@code samples.source_path}: the full path, or the file's pseudonym. */
  public String sourcePath(InputFile file) {
    return key == null ? file.path() : pseudonym(file.path());
  }

  /** {@code samples.file_name}: the last path component, or the file's pseudonym. */
  public String fileName(InputFile file) {
    return key == null ? file.fileName() : pseudonym(file.path());
  }

  /** A path given on the command line (input root, manifest) as outputs may show it. */
  public String argument(String path) {
    return path == null || key == null ? path : "path-" + key.pseudonym("mrdflow argument v1\0" + path)
        .substring(0, HEX_DIGITS);
  }

  private String pseudonym(String path) {
    return "file-" + key.pseudonym("mrdflow file v1\0" + path).substring(0, HEX_DIGITS);
  }
}
