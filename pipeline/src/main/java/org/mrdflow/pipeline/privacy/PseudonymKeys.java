package org.mrdflow.pipeline.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.mrdflow.pipeline.config.ConfigException;

/**
 * Finds the pseudonym key: the environment variable {@value Pseudonymizer#KEY_ENVIRONMENT_VARIABLE}
 * first, else the file named by {@value #KEY_FILE_ENVIRONMENT_VARIABLE}, else the key file named in
 * the config. A key file readable by its group or by others is refused: the key is the only secret
 * protecting the identifiers, and a file lets a cluster mount it as a secret instead of putting it
 * in an environment variable that Spark would log.
 */
public final class PseudonymKeys {
  /** Environment variable naming a key file (e.g. a mounted Kubernetes secret). */
  public static final String KEY_FILE_ENVIRONMENT_VARIABLE = "MRDFLOW_PSEUDONYM_KEY_FILE";
  private static final Set<PosixFilePermission> SHARED = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

  private PseudonymKeys() {}

  /**
   * @param environmentValue value of MRDFLOW_PSEUDONYM_KEY, or null when unset
   * @param keyFile key file from the config, or null when none is named
   * @return the pseudonymizer, or empty when no key is configured at all
   */
  public static Optional<Pseudonymizer> resolve(String environmentValue, Path keyFile)
      throws ConfigException {
    return resolve(environmentValue, null, keyFile);
  }

  /**
   * @param environmentValue value of MRDFLOW_PSEUDONYM_KEY, or null when unset
   * @param environmentFile value of MRDFLOW_PSEUDONYM_KEY_FILE, or null when unset
   * @param configuredFile key file from the config, or null when none is named
   * @return the pseudonymizer, or empty when no key is configured at all
   */
  public static Optional<Pseudonymizer> resolve(String environmentValue, String environmentFile,
      Path configuredFile) throws ConfigException {
    if (environmentValue != null && !environmentValue.isEmpty()) {
      return Optional.of(fromText(environmentValue.strip(), Pseudonymizer.KEY_ENVIRONMENT_VARIABLE));
    }
    Path keyFile = environmentFile != null && !environmentFile.isEmpty() ? Path.of(environmentFile) : configuredFile;
    if (keyFile == null) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(keyFile)) {
      throw new ConfigException(keyFile + ": pseudonym key file not found");
    }
    try {
      refuseShared(keyFile);
      return Optional.of(fromText(Files.readString(keyFile, StandardCharsets.UTF_8).strip(), keyFile.toString()));
    } catch (IOException e) {
      throw new ConfigException(keyFile + ": cannot read pseudonym key file: " + e.getMessage(), e);
    }
  }

  /** POSIX file systems only; elsewhere (e.g. Windows ACLs) the platform's protection applies. */
  private static void refuseShared(Path keyFile) throws IOException, ConfigException {
    PosixFileAttributeView posix = Files.getFileAttributeView(keyFile, PosixFileAttributeView.class);
    if (posix == null) {
      return;
    }
    Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
    if (permissions.stream().anyMatch(SHARED::contains)) {
      throw new ConfigException(keyFile + ": pseudonym key file is readable by group or others ("
          + java.nio.file.attribute.PosixFilePermissions.toString(permissions)
          + "); restrict it to its owner: chmod 600 " + keyFile);
    }
  }

  private static Pseudonymizer fromText(String key, String origin) throws ConfigException {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < Pseudonymizer.MIN_KEY_BYTES) {
      throw new ConfigException(
          origin + ": pseudonym key is " + bytes.length + " bytes; at least "
              + Pseudonymizer.MIN_KEY_BYTES + " are required");
    }
    return new Pseudonymizer(bytes);
  }
}
