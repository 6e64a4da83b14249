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
import org.mrdflow.gating.compensation.LabMatrices;
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
 * @param singletPairs the scatter pairs singlets can be found on, in order of preference
 *     ({@code singlet_pairs}): the first whose channels a file has is used
 * @param labMatrices spillover matrices for files without a spillover keyword
 *     ({@code lab_matrices}, a path relative to the strategy; none when absent)
 */
public record MrdAnalysisConfig(
    String strategyId,
    String strategySha256,
    GatingStrategy strategy,
    String scale,
    MrdRules rules,
    QualityRules quality,
    List<SingletPair> singletPairs,
    LabMatrices labMatrices) {

  /** Method names {@link #forSample} adapts to a file's acquisition style. */
  static final String SINGLETS_METHOD = "mrd-singlets";
  static final String SINGLETS_WIDTH_METHOD = "mrd-singlets-width";
  static final String DNA_METHOD = "mrd-dna-positive";
  static final String SSC_LOW_METHOD = "mrd-ssc-low";

  /**
   * One way to find singlets: scatter {@code area} against its pulse {@code height} (a
   * {@code ratio} of the strategy, area/height, cut by {@code mrd-singlets}) or its pulse
   * {@code width} (both on the log {@code transform} of the strategy, cut by
   * {@code mrd-singlets-width}).
   */
  public record SingletPair(String area, String pulse, String ratio, String transform) {
    boolean byHeight() {
      return ratio != null;
    }
  }

  /**
   * How one file was acquired, as {@link #forSample} adapts the strategy to it.
   *
   * @param fsc the role standing for forward-scatter area ("FSC-A", or "FSC-H" on pulse-height
   *     instruments without an area channel)
   * @param ssc the same for side scatter
   * @param singlets the singlet pair the file has, or null (no singlet discrimination)
   * @param dna whether the file has a nucleated-cell dye
   * @param time whether the file has a time channel
   * @param sscSaturatedAt the SSC value at which its detector saturates
   */
  public record Layout(String fsc, String ssc, SingletPair singlets, boolean dna, boolean time,
      double sscSaturatedAt) {}

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
   * their marker's {@code topByMarker} (the channel's $PnR), and the acquisition {@code layout}
   * decides the rest: forward/side scatter roles (a pulse-height instrument's FSC-H stands for
   * FSC-A), the singlet method and pair (area/height ratio or area/width trend; without a pair,
   * or without a time channel or a DNA dye, that step is a fixed gate keeping every event), and
   * the SSC saturation level of the SSC valley search.
   */
  public GatingStrategy forSample(Map<String, Double> topByMarker, Layout layout) {
    LogicleTransform declared = scaleTransform();
    Map<String, Transform> transforms = new LinkedHashMap<>(strategy.transforms());
    Map<String, String> roles = Map.of(MrdAnalysis.FSC_A, layout.fsc(), MrdAnalysis.SSC_A,
        layout.ssc());
    List<Population> populations = new ArrayList<>();
    for (Population population : strategy.populations()) {
      if (!(population.gate() instanceof MethodGate gate)) {
        populations.add(population);
        continue;
      }
      boolean timeStep = gate.dimensions().stream()
          .anyMatch(d -> !d.ratio() && d.parameter().equals(MrdAnalysis.TIME));
      if (timeStep && !layout.time()
          || gate.method().equals(SINGLETS_METHOD) && layout.singlets() == null
          || gate.method().equals(DNA_METHOD) && !layout.dna()) {
        populations.add(keepsEverything(population, layout.fsc()));
        continue;
      }
      String method = gate.method();
      Map<String, Object> arguments = new LinkedHashMap<>(gate.arguments());
      List<Dimension> dimensions = new ArrayList<>();
      if (method.equals(SINGLETS_METHOD)) {
        SingletPair pair = layout.singlets();
        if (pair.byHeight()) {
          dimensions.add(Dimension.of(pair.area(), Dimension.FILE_COMPENSATION, ""));
          dimensions.add(Dimension.of(pair.pulse(), Dimension.FILE_COMPENSATION, ""));
          dimensions.add(new Dimension(pair.ratio(), true, Dimension.FILE_COMPENSATION, ""));
        } else {
          method = SINGLETS_WIDTH_METHOD;
          dimensions.add(Dimension.of(pair.area(), Dimension.FILE_COMPENSATION,
              pair.transform()));
          dimensions.add(Dimension.of(pair.pulse(), Dimension.FILE_COMPENSATION,
              pair.transform()));
        }
      } else {
        if (method.equals(SSC_LOW_METHOD)) {
          arguments.put(SscLowMethod.SATURATED_AT, layout.sscSaturatedAt());
        }
        for (Dimension d : gate.dimensions()) {
          if (!d.ratio() && roles.containsKey(d.parameter())) {
            d = new Dimension(roles.get(d.parameter()), false, d.compensation(), d.transform());
          }
          if (d.transform().equals(scale)) {
            double top = topByMarker.getOrDefault(d.parameter(), declared.T());
            transforms.computeIfAbsent(scaleId(top),
                id -> new LogicleTransform(top, declared.W(), declared.M(), declared.A()));
            d = new Dimension(d.parameter(), d.ratio(), d.compensation(), scaleId(top));
          }
          dimensions.add(d);
        }
      }
      populations.add(new Population(population.id(), population.name(), population.parent(),
          new MethodGate(method, dimensions, arguments)));
    }
    return new GatingStrategy(strategy.source(), strategy.id(), strategy.compensations(),
        transforms, strategy.ratios(), populations, strategy.denominator(), strategy.panel());
  }

  /**
   * A step the file cannot take (no time channel, no singlet pair, no DNA dye) keeps every event,
   * stated as a range open on both sides of forward scatter (Gating-ML needs a dimension for it;
   * every value passes).
   */
  private static Population keepsEverything(Population population, String fsc) {
    return new Population(population.id(), population.name(), population.parent(),
        new RectangleGate(List.of(Dimension.of(fsc, Dimension.FILE_COMPENSATION, "")),
            new double[] {Double.NEGATIVE_INFINITY}, new double[] {Double.POSITIVE_INFINITY}));
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
    List<SingletPair> pairs = singletPairs(root.path("singlet_pairs"), strategy, source);
    check(strategy, scale, source);
    LabMatrices labMatrices = root.hasNonNull("lab_matrices")
        ? labMatrices(root.get("lab_matrices").asText(), directory, source)
        : LabMatrices.NONE;
    return new MrdAnalysisConfig(id, sha256(bytes), strategy, scale, rules, quality, pairs, labMatrices);
  }

  /**
   * The {@code singlet_pairs} list, each pair's ratio or transform checked against the strategy;
   * without the key, the pair the strategy's {@code mrd-singlets} population is stated on.
   */
  private static List<SingletPair> singletPairs(JsonNode node, GatingStrategy strategy,
      String source) {
    if (node.isMissingNode() || node.isNull()) {
      // A strategy written before singlet_pairs: its mrd-singlets dimensions are the one pair.
      for (Population population : strategy.populations()) {
        if (population.gate() instanceof MethodGate gate && gate.method().equals(SINGLETS_METHOD)
            && gate.dimensions().size() == 3 && gate.dimensions().get(2).ratio()) {
          return List.of(new SingletPair(gate.dimensions().get(0).parameter(),
              gate.dimensions().get(1).parameter(), gate.dimensions().get(2).parameter(), null));
        }
      }
      return List.of();
    }
    if (!node.isArray() || node.isEmpty()) {
      throw new GatingException(source + ": 'singlet_pairs' must be a non-empty list");
    }
    List<SingletPair> pairs = new ArrayList<>();
    for (JsonNode p : node) {
      String area = p.path("area").asText("");
      String pulse = p.path("pulse").asText("");
      String ratio = p.hasNonNull("ratio") ? p.get("ratio").asText() : null;
      String transform = p.hasNonNull("transform") ? p.get("transform").asText() : null;
      if (area.isEmpty() || pulse.isEmpty() || (ratio == null) == (transform == null)) {
        throw new GatingException(source + ": each singlet pair needs 'area', 'pulse' and "
            + "either a 'ratio' (pulse height) or a log 'transform' (pulse width): " + p);
      }
      if (ratio != null && (strategy.ratios().get(ratio) == null
          || !strategy.ratios().get(ratio).numerator().equals(area)
          || !strategy.ratios().get(ratio).denominator().equals(pulse))) {
        throw new GatingException(source + ": singlet pair " + area + "/" + pulse
            + " names ratio '" + ratio + "', which is not " + area + " / " + pulse);
      }
      if (transform != null && !strategy.transforms().containsKey(transform)) {
        throw new GatingException(source + ": singlet pair " + area + "/" + pulse
            + " names unknown transform '" + transform + "'");
      }
      for (String role : List.of(area, pulse)) {
        if (strategy.panel() != null && !strategy.panel().hasMarker(role)) {
          throw new GatingException(source + ": singlet pair role " + role
              + " is not a marker of the panel");
        }
      }
      pairs.add(new SingletPair(area, pulse, ratio, transform));
    }
    return List.copyOf(pairs);
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

  /** The lab matrices file: beside the strategy file, or the bundled classpath resource. */
  private static LabMatrices labMatrices(String path, Path directory, String source) {
    if (directory != null) {
      Path file = directory.resolve(path);
      try (InputStream in = Files.newInputStream(file)) {
        return LabMatrices.parse(file.toString(), in);
      } catch (IOException e) {
        throw new GatingException(source + ": cannot read lab matrices " + file + ": "
            + e.getMessage(), e);
      }
    }
    String resource = Path.of("/conf", DEFAULT_STRATEGY).resolveSibling(path).normalize()
        .toString().replace('\\', '/');
    try (InputStream in = MrdAnalysisConfig.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new GatingException(source + ": lab matrices " + resource
            + " not found on the classpath");
      }
      return LabMatrices.parse("classpath:" + resource, in);
    } catch (IOException e) {
      throw new GatingException(source + ": cannot read lab matrices " + resource + ": "
          + e.getMessage(), e);
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
