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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.GeometricGate;
import org.mrdflow.gating.gate.MethodGate;
import org.mrdflow.gating.gate.RectangleGate;
import org.mrdflow.gating.method.GatingMethods;
import org.mrdflow.gating.panel.Panel;
import org.mrdflow.gating.strategy.GatingStrategy;
import org.mrdflow.gating.strategy.Population;
import org.mrdflow.gating.strategy.StrategyValidator;
import org.mrdflow.gating.strategy.StrategyYaml;
import org.mrdflow.gating.transform.LogicleTransform;
import org.mrdflow.gating.transform.Transform;

/**
 * Everything the per-sample MRD analysis is configured by: the strategy document
 * {@code conf/gating/b-all-mrd.yaml}, an engine gating strategy ({@link StrategyYaml}) of MRD
 * gating methods over the panel it names, plus two MRD keys the engine ignores: {@code scale},
 * the id of the fluorescence transform whose T is set per channel to that channel's
 * {@code $PnR}, {@code rules}, the MRD reporting rules, and {@code quality}, the sample-quality
 * checks a NEGATIVE rests on. The strategy is validated against
 * the registered gating methods when loaded, before any data is read.
 *
 * @param strategyId strategy id (reported as {@code gating_strategy_id})
 * @param strategySha256 SHA-256 of the strategy document's bytes
 * @param strategy the gating strategy, with its panel
 * @param scale id of the fluorescence gating scale (a logicle transform of the strategy)
 * @param rules MRD reporting rules
 * @param quality sample-quality checks (fail closed)
 */
public record MrdAnalysisConfig(
    String strategyId,
    String strategySha256,
    GatingStrategy strategy,
    String scale,
    MrdRules rules,
    QualityRules quality) {

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

  /** Loads a strategy document; its panel path is relative to the document. */
  public static MrdAnalysisConfig load(Path strategy) {
    try {
      return parse(strategy.toString(), Files.readAllBytes(strategy),
          strategy.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new GatingException(strategy + ": cannot read MRD strategy: " + e.getMessage(), e);
    }
  }

  /** The panel the strategy's marker dimensions are resolved through. */
  public Panel panel() {
    return strategy.panel();
  }

  /** The fluorescence gating scale as declared (its T serves channels without a $PnR). */
  public LogicleTransform scaleTransform() {
    return (LogicleTransform) strategy.transforms().get(scale);
  }

  /** Id of the scale transform with top {@code top} in {@link #forSample}'s strategies. */
  public String scaleId(double top) {
    return scale + "-T" + top;
  }

  /**
   * The strategy as applied to one sample: dimensions on the scale transform use it with T =
   * their marker's {@code topByMarker} (the channel's $PnR), and without a time channel the time
   * QC is a fixed gate that keeps every event.
   */
  public GatingStrategy forSample(Map<String, Double> topByMarker, boolean hasTime) {
    LogicleTransform declared = scaleTransform();
    Map<String, Transform> transforms = new LinkedHashMap<>(strategy.transforms());
    List<Population> populations = new ArrayList<>();
    for (Population population : strategy.populations()) {
      if (!(population.gate() instanceof MethodGate gate)) {
        populations.add(population);
        continue;
      }
      if (!hasTime && gate.dimensions().stream()
          .anyMatch(d -> !d.ratio() && d.parameter().equals(MrdAnalysis.TIME))) {
        // No time channel: the time QC keeps every event, stated as a range open on both
        // sides of FSC-A (Gating-ML needs a dimension for it; every value passes).
        populations.add(new Population(population.id(), population.name(), population.parent(),
            new RectangleGate(List.of(Dimension.of(MrdAnalysis.FSC_A,
                Dimension.FILE_COMPENSATION, "")), new double[] {Double.NEGATIVE_INFINITY},
                new double[] {Double.POSITIVE_INFINITY})));
        continue;
      }
      List<Dimension> dimensions = new ArrayList<>();
      for (Dimension d : gate.dimensions()) {
        if (d.transform().equals(scale)) {
          double top = topByMarker.getOrDefault(d.parameter(), declared.T());
          transforms.computeIfAbsent(scaleId(top),
              id -> new LogicleTransform(top, declared.W(), declared.M(), declared.A()));
          d = new Dimension(d.parameter(), d.ratio(), d.compensation(), scaleId(top));
        }
        dimensions.add(d);
      }
      populations.add(new Population(population.id(), population.name(), population.parent(),
          new MethodGate(gate.method(), dimensions, gate.arguments())));
    }
    return new GatingStrategy(strategy.source(), strategy.id(), strategy.compensations(),
        transforms, strategy.ratios(), populations, strategy.denominator(), strategy.panel());
  }

  /**
   * @param directory resolves the panel path; null for the bundled form, whose panel is a
   *     classpath resource beside the strategy (also what the YAML fuzz target uses: it cannot
   *     reach the file system)
   */
  static MrdAnalysisConfig parse(String source, byte[] bytes, Path directory) {
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
    String panelPath = text(root, "panel", source);
    String scale = text(root, "scale", source);
    MrdRules rules = convert(root.path("rules"), MrdRules.DEFAULTS, MrdRules.class, source);
    QualityRules quality =
        convert(root.path("quality"), QualityRules.DEFAULTS, QualityRules.class, source);
    GatingStrategy strategy;
    if (directory != null) {
      strategy = StrategyYaml.parse(source, new ByteArrayInputStream(bytes), directory);
    } else {
      // Bundled: the panel is a classpath resource beside the strategy, not a file.
      ((ObjectNode) root).remove("panel");
      GatingStrategy parsed;
      try {
        parsed = StrategyYaml.parse(source,
            new ByteArrayInputStream(YAML.writeValueAsBytes(root)), null);
      } catch (IOException e) {
        throw new GatingException(source + ": " + e.getMessage(), e);
      }
      strategy = new GatingStrategy(parsed.source(), parsed.id(), parsed.compensations(),
          parsed.transforms(), parsed.ratios(), parsed.populations(), parsed.denominator(),
          bundledPanel(Path.of("/conf", DEFAULT_STRATEGY).resolveSibling(panelPath), source));
    }
    check(strategy, scale, source);
    return new MrdAnalysisConfig(id, sha256(bytes), strategy, scale, rules, quality);
  }

  /**
   * Everything is checked before data is read: the engine's validation (parents, markers,
   * methods and their arguments), the scale transform, and the populations the MRD result is
   * read from.
   */
  private static void check(GatingStrategy strategy, String scale, String source) {
    StrategyValidator.validate(strategy, GatingMethods.discover());
    if (!(strategy.transforms().get(scale) instanceof LogicleTransform)) {
      throw new GatingException(source + ": scale '" + scale
          + "' must name a logicle transform of the strategy");
    }
    List<String> missing = new ArrayList<>();
    for (String population : MarrowGatingResult.POPULATIONS) {
      if (strategy.population(population).isEmpty()) {
        missing.add(population);
      }
    }
    if (!missing.isEmpty()) {
      throw new GatingException(source + ": the MRD result needs populations " + missing);
    }
    for (Population population : strategy.populations()) {
      if (population.gate() instanceof GeometricGate gate
          && gate.dimensions().stream().anyMatch(d -> d.transform().equals(scale))) {
        throw new GatingException(source + ": population '" + population.id() + "': a fixed "
            + "gate cannot use the per-channel scale '" + scale + "' (its T varies by file)");
      }
    }
  }

  private static Panel bundledPanel(Path resourcePath, String source) {
    String resource = resourcePath.normalize().toString().replace('\\', '/');
    try (InputStream in = MrdAnalysisConfig.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new GatingException(source + ": panel " + resource + " not found on the classpath");
      }
      return Panel.parse("classpath:" + resource, new ByteArrayInputStream(in.readAllBytes()));
    } catch (IOException e) {
      throw new GatingException(source + ": cannot read panel " + resource + ": "
          + e.getMessage(), e);
    }
  }

  /** Overlays the YAML mapping {@code node} on the defaults record, field by field. */
  private static <T> T convert(JsonNode node, T defaults, Class<T> type, String source) {
    if (node.isMissingNode() || node.isNull()) {
      return defaults;
    }
    try {
      JsonNode merged = YAML.valueToTree(defaults);
      ((ObjectNode) merged).setAll((ObjectNode) node);
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
