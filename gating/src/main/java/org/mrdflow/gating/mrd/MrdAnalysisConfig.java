package org.mrdflow.gating.mrd;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.panel.Panel;

/**
 * Everything the per-sample MRD analysis is configured by, loaded from the strategy document
 * {@code conf/gating/b-all-mrd.yaml} and the panel it names ({@code conf/panels/<panel>.yaml}).
 *
 * @param strategyId strategy id (reported as {@code gating_strategy_id})
 * @param strategySha256 SHA-256 of the strategy document's bytes
 * @param panel marker aliases
 * @param logicleW logicle W of the fluorescence gating scale (T is each channel's $PnR)
 * @param logicleM logicle M
 * @param logicleA logicle A
 * @param rules MRD reporting rules
 * @param settings gating constants
 */
public record MrdAnalysisConfig(
    String strategyId,
    String strategySha256,
    Panel panel,
    double logicleW,
    double logicleM,
    double logicleA,
    MrdRules rules,
    MrdGatingSettings settings) {

  /** The bundled strategy, relative to the conf directory and to the classpath root. */
  public static final String DEFAULT_STRATEGY = "gating/b-all-mrd.yaml";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  /**
   * The default configuration: {@code <mrdflow.home>/conf/gating/b-all-mrd.yaml} when the system
   * property {@code mrdflow.home} is set (so users edit conf/), else the copy bundled in the jar.
   */
  public static MrdAnalysisConfig defaults() {
    String home = System.getProperty("mrdflow.home");
    if (home != null && Files.isRegularFile(Path.of(home, "conf", DEFAULT_STRATEGY))) {
      return load(Path.of(home, "conf", DEFAULT_STRATEGY));
    }
    String resource = "/conf/" + DEFAULT_STRATEGY;
    try (InputStream in = MrdAnalysisConfig.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new GatingException("the bundled MRD strategy conf/" + DEFAULT_STRATEGY
            + " is missing from the classpath");
      }
      return parse("classpath:conf/" + DEFAULT_STRATEGY, in.readAllBytes(), null);
    } catch (IOException e) {
      throw new GatingException("cannot read the bundled MRD strategy: " + e.getMessage(), e);
    }
  }

  /** Loads a strategy document; its panel is looked up in {@code ../panels/} beside it. */
  public static MrdAnalysisConfig load(Path strategy) {
    try {
      return parse(strategy.toString(), Files.readAllBytes(strategy),
          strategy.toAbsolutePath().getParent().resolveSibling("panels"));
    } catch (IOException e) {
      throw new GatingException(strategy + ": cannot read MRD strategy: " + e.getMessage(), e);
    }
  }

  private static MrdAnalysisConfig parse(String source, byte[] bytes, Path panelDir) {
    JsonNode root;
    try {
      root = YAML.readTree(bytes);
    } catch (IOException e) {
      throw new GatingException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new GatingException(source + ": an MRD strategy must be a YAML mapping");
    }
    String id = text(root, "id", source);
    String panelName = text(root, "panel", source);
    JsonNode scale = root.path("scale");
    MrdRules rules = convert(root.path("rules"), MrdRules.DEFAULTS, MrdRules.class, source);
    MrdGatingSettings settings =
        convert(root.path("method"), MrdGatingSettings.DEFAULTS, MrdGatingSettings.class, source);
    return new MrdAnalysisConfig(id, sha256(bytes), loadPanel(panelName, panelDir, source),
        scale.path("W").asDouble(0.5), scale.path("M").asDouble(4.5),
        scale.path("A").asDouble(0), rules, settings);
  }

  private static Panel loadPanel(String name, Path panelDir, String source) {
    Path file = panelDir == null ? null : panelDir.resolve(name + ".yaml");
    if (file != null && Files.isRegularFile(file)) {
      return Panel.read(file);
    }
    String resource = "/conf/panels/" + name + ".yaml";
    try (InputStream in = MrdAnalysisConfig.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new GatingException(source + ": panel '" + name + "' not found"
            + (file == null ? "" : " (looked for " + file + ")") + " nor on the classpath");
      }
      return Panel.parse("classpath:" + resource, new ByteArrayInputStream(in.readAllBytes()));
    } catch (IOException e) {
      throw new GatingException(
          source + ": cannot read panel '" + name + "': " + e.getMessage(), e);
    }
  }

  /** Overlays the YAML mapping {@code node} on the defaults record, field by field. */
  private static <T> T convert(JsonNode node, T defaults, Class<T> type, String source) {
    if (node.isMissingNode() || node.isNull()) {
      return defaults;
    }
    try {
      JsonNode merged = YAML.valueToTree(defaults);
      ((com.fasterxml.jackson.databind.node.ObjectNode) merged).setAll(
          (com.fasterxml.jackson.databind.node.ObjectNode) node);
      return YAML.treeToValue(merged, type);
    } catch (IOException | ClassCastException | IllegalArgumentException e) {
      throw new GatingException(source + ": invalid " + type.getSimpleName() + " settings: "
          + e.getMessage(), e);
    }
  }

  private static String text(JsonNode root, String field, String source) {
    JsonNode value = root.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new GatingException(source + ": MRD strategy needs a '" + field + "' string");
    }
    return value.asText();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
