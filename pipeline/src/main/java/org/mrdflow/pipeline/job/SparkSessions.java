package org.mrdflow.pipeline.job;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the job's SparkSession. Under spark-submit the master and settings come from the
 * submit command and are left alone; embedded ({@code bin/mrdflow run}) it defaults to
 * {@code local[*]} and applies {@code conf/spark-defaults.conf} as spark-submit would.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * @param master Spark master URL, or null for spark-submit's or else local[*]
   * @param sparkDefaults properties file applied when not under spark-submit; may not exist
   */
  public static SparkSession create(String master, Path sparkDefaults) throws IOException {
    // SparkConf reads spark.* system properties, which is how spark-submit passes its settings.
    boolean submitted = new SparkConf().contains("spark.master");
    SparkSession.Builder builder = SparkSession.builder().appName("mrdflow");
    if (!submitted && sparkDefaults != null && Files.isRegularFile(sparkDefaults)) {
      Properties defaults = new Properties();
      try (Reader in = Files.newBufferedReader(sparkDefaults, StandardCharsets.UTF_8)) {
        defaults.load(in);
      }
      defaults.stringPropertyNames().forEach(k -> builder.config(k, defaults.getProperty(k).strip()));
    }
    if (master != null) {
      builder.master(master);
    } else if (!submitted) {
      builder.master("local[*]");
    }
    return builder.getOrCreate();
  }
}
