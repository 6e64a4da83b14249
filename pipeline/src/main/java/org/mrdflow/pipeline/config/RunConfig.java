package org.mrdflow.pipeline.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The run configuration ({@code conf/mrdflow.yaml}): YAML with snake_case keys, unknown keys
 * refused so a typo never silently falls back to a default.
 *
 * @param analysis which MRD analysis configuration to use
 * @param privacy what may reach the outputs
 * @param job Spark work distribution
 * @param source the file the config was read from (relative paths inside resolve against its
 *     folder), or {@link #BUNDLED}
 */
public record RunConfig(Analysis analysis, Privacy privacy, Job job, Path source) {

  /**
   * @param mrdConfig the MRD analysis configuration file (panel, gating strategy, thresholds),
   *     relative to this config's folder; null for the analysis' built-in default
   * @param plots draw each sample's gating plots (PNG, linked from the HTML report)
   */
  public record Analysis(String mrdConfig, boolean plots) {}

  /**
   * @param pseudonymKeyFile file holding the HMAC key for patient_key (used when the environment
   *     variable MRDFLOW_PSEUDONYM_KEY is not set); relative to this config's folder
   * @param keywordAllowList FCS TEXT keywords that may be copied into outputs (exact names, case
   *     insensitive); every other keyword is withheld
   * @param manifestExtraAllowList extra manifest columns that may be copied into outputs
   */
  public record Privacy(
      String pseudonymKeyFile, List<String> keywordAllowList, List<String> manifestExtraAllowList) {
    public Privacy {
      keywordAllowList = List.copyOf(Objects.requireNonNullElse(keywordAllowList, List.of()));
      manifestExtraAllowList =
          List.copyOf(Objects.requireNonNullElse(manifestExtraAllowList, List.of()));
    }
  }

  /**
   * @param tasksPerCore Spark tasks per available core: a few per core lets fast tasks pick up
   *     the slack of a slow file (dynamic scheduling) without per-task overhead dominating
   * @param maxFileBytes larger files are FAILED with TOO_LARGE (one file is held in task memory)
   */
  public record Job(int tasksPerCore, long maxFileBytes) {}

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** Where the copy of {@code conf/mrdflow.yaml} bundled in the pipeline jar is. */
  static final String BUNDLED_RESOURCE = "/conf/mrdflow.yaml";
  /** The {@link #source} of the bundled copy; it names no relative file. */
  public static final Path BUNDLED = Path.of("bundled-in-jar", "conf", "mrdflow.yaml");

  /** Reads and validates a config file; errors name the file and the problem. */
  public static RunConfig load(Path file) throws ConfigException {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(file + ": config file not found");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file);
    } catch (IOException e) {
      throw new ConfigException(file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  /**
   * The default configuration: {@code conf/mrdflow.yaml} of the installation when it has one,
   * else the copy bundled in the jar (spark-submit starts the driver with no installation
   * folder; shipping a file with {@code --conf} still overrides it).
   */
  public static RunConfig loadDefault(Path installation) throws ConfigException {
    Path file = installation.resolve("conf/mrdflow.yaml");
    if (Files.isRegularFile(file)) {
      return load(file);
    }
    try (InputStream in = RunConfig.class.getResourceAsStream(BUNDLED_RESOURCE)) {
      if (in == null) {
        throw new ConfigException(file + ": config file not found, and the jar bundles none");
      }
      return parse(in, BUNDLED);
    } catch (IOException e) {
      throw new ConfigException(BUNDLED + ": " + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  private static RunConfig parse(InputStream in, Path source) throws IOException, ConfigException {
    JsonNode tree = YAML.readTree(in);
    if (tree == null || !tree.isObject()) {
      throw new ConfigException(source + ": expected a YAML mapping at the top level");
    }
    RunConfig parsed = YAML.treeToValue(tree, RunConfig.class);
    RunConfig config = new RunConfig(parsed.analysis, parsed.privacy, parsed.job, source);
    config.validate();
    return config;
  }

  private void validate() throws ConfigException {
    if (analysis == null || privacy == null || job == null) {
      throw new ConfigException(source + ": sections analysis, privacy and job are all required");
    }
    if (job.tasksPerCore < 1) {
      throw new ConfigException(source + ": job.tasks_per_core must be >= 1, got " + job.tasksPerCore);
    }
    if (job.maxFileBytes < 1 || job.maxFileBytes > Integer.MAX_VALUE - 8) {
      throw new ConfigException(
          source + ": job.max_file_bytes must be in 1.." + (Integer.MAX_VALUE - 8) + " (a Java array)");
    }
    if (source.equals(BUNDLED)
        && (analysis.mrdConfig != null || privacy.pseudonymKeyFile != null)) {
      throw new ConfigException(source + ": the bundled config cannot name files relative to "
          + "itself; give a config file with --conf");
    }
  }

  /** A path named in this config, resolved against the config file's folder. */
  public Path resolve(String relative) {
    Path base = source.toAbsolutePath().getParent();
    return base.resolve(relative).normalize();
  }

  /** The effective configuration as a JSON tree (for provenance). */
  public JsonNode toJson() {
    ObjectMapper json = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    com.fasterxml.jackson.databind.node.ObjectNode node = json.createObjectNode();
    node.put("source", source.equals(BUNDLED) ? "bundled in the jar: conf/mrdflow.yaml"
        : source.toAbsolutePath().toString());
    node.set("analysis", json.valueToTree(analysis));
    node.set("privacy", json.valueToTree(privacy));
    node.set("job", json.valueToTree(job));
    return node;
  }
}
