package org.mrdflow.pipeline.job;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the job's SparkSession. Under spark-submit the master and settings come from the
 * submit command and are left alone; embedded ({@code bin/mrdflow run}) it defaults to
 * {@code local[*]} and applies {@code conf/spark-defaults.conf} as spark-submit would.
 */
public final class SparkSessions {
  private static final String HADOOP_PREFIX = "spark.hadoop.";

  private SparkSessions() {}

  /**
   * The Hadoop configuration the session will have, built without starting Spark (so inputs,
   * manifest and output can be checked first): Hadoop's own defaults and site files, plus every
   * {@code spark.hadoop.*} setting from spark-submit (system properties) or, embedded, from
   * {@code sparkDefaults}, with the prefix removed, as Spark applies them.
   */
  public static Configuration hadoopConfiguration(Path sparkDefaults) throws IOException {
    Configuration conf = new Configuration();
    Properties settings = new Properties();
    boolean submitted = new SparkConf().contains("spark.master");
    if (!submitted) {
      settings.putAll(defaults(sparkDefaults));
    }
    System.getProperties().forEach((k, v) -> settings.put(k, v));
    for (String key : settings.stringPropertyNames()) {
      if (key.startsWith(HADOOP_PREFIX)) {
        conf.set(key.substring(HADOOP_PREFIX.length()), settings.getProperty(key).strip());
      }
    }
    return conf;
  }

  /**
   * @param master Spark master URL, or null for spark-submit's or else local[*]
   * @param sparkDefaults properties file applied when not under spark-submit; may not exist
   */
  public static SparkSession create(String master, Path sparkDefaults) throws IOException {
    // SparkConf reads spark.* system properties, which is how spark-submit passes its settings.
    boolean submitted = new SparkConf().contains("spark.master");
    SparkSession.Builder builder = SparkSession.builder().appName("mrdflow");
    if (!submitted) {
      Properties defaults = defaults(sparkDefaults);
      defaults.stringPropertyNames().forEach(k -> builder.config(k, defaults.getProperty(k).strip()));
    }
    if (master != null) {
      builder.master(master);
    } else if (!submitted) {
      builder.master("local[*]");
    }
    return builder.getOrCreate();
  }

  private static Properties defaults(Path sparkDefaults) throws IOException {
    Properties defaults = new Properties();
    if (sparkDefaults != null && Files.isRegularFile(sparkDefaults)) {
      try (Reader in = Files.newBufferedReader(sparkDefaults, StandardCharsets.UTF_8)) {
        defaults.load(in);
      }
    }
    return defaults;
  }
}
