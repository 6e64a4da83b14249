package org.mrdflow.pipeline.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.mrdflow.pipeline.config.ConfigException;

/** Finds the pseudonym key: the environment variable first, else the key file named in the config. */
public final class PseudonymKeys {
  private PseudonymKeys() {}

  /**
   * @param environmentValue value of MRDFLOW_PSEUDONYM_KEY, or null when unset
   * @param keyFile key file from the config, or null when none is named
   * @return the pseudonymizer, or empty when no key is configured at all
   */
  public static Optional<Pseudonymizer> resolve(String environmentValue, Path keyFile)
      throws ConfigException {
    if (environmentValue != null && !environmentValue.isEmpty()) {
      return Optional.of(fromText(environmentValue.strip(), Pseudonymizer.KEY_ENVIRONMENT_VARIABLE));
    }
    if (keyFile == null) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(keyFile)) {
      throw new ConfigException(keyFile + ": pseudonym key file not found");
    }
    try {
      return Optional.of(fromText(Files.readString(keyFile, StandardCharsets.UTF_8).strip(), keyFile.toString()));
    } catch (IOException e) {
      throw new ConfigException(keyFile + ": cannot read pseudonym key file: " + e.getMessage(), e);
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
