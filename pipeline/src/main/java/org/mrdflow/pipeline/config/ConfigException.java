package org.mrdflow.pipeline.config;

/** A run configuration, manifest or key that cannot be used; the message names the file. */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
