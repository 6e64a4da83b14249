package org.mrdflow.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The pipeline version, filtered into {@code mrdflow-version.properties} at build time. */
public final class PipelineVersion {
  private static final String VERSION = load();

  private PipelineVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = PipelineVersion.class.getResourceAsStream("/mrdflow-version.properties")) {
      if (in == null) {
        throw new IllegalStateException("mrdflow-version.properties missing from the classpath");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
