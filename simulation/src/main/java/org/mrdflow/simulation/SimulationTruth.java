package org.mrdflow.simulation;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-sample ground truth in the shared format of {@code ../shared/mrdsim} (its README, "Truth
 * JSON"): the headline fields of {@code <stem>.truth.json} and, when present, the per-event label
 * codes of {@code <stem>.labels.bin} (uint8, FCS event order). Files written by {@code mrdsim} and
 * by {@link MarrowSimulator} read the same way, so one evaluation harness serves both.
 *
 * @param archetype blast phenotype code, null for samples without blasts
 * @param replicate replicate number, null when not part of a series
 * @param calls the counts and calls the truth rules give ({@link TruthRules}), as written
 * @param populationCounts count per truth name ({@link Population#truthName()})
 * @param labels one {@link Population#code()} per event, or null when no labels file exists (an
 *     array: {@code equals} compares it by identity, compare with {@code Arrays.equals})
 */
public record SimulationTruth(
    String sampleId,
    String scenario,
    String profile,
    long seed,
    String archetype,
    Integer replicate,
    long totalEvents,
    long debris,
    long doublets,
    TruthRules.Calls calls,
    Map<String, Long> populationCounts,
    byte[] labels) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public SimulationTruth {
    populationCounts = Collections.unmodifiableMap(new LinkedHashMap<>(populationCounts));
  }

  /** The counts keyed by population (populations absent from the file count 0). */
  public Map<Population, Long> countsByPopulation() {
    Map<Population, Long> counts = new EnumMap<>(Population.class);
    populationCounts.forEach((name, n) -> counts.put(Population.ofTruthName(name), n));
    return counts;
  }

  /** Truth of labelled events: counts the labels and applies {@link TruthRules}. */
  static SimulationTruth fromLabels(
      String sampleId,
      String scenario,
      String profile,
      long seed,
      String archetype,
      Integer replicate,
      byte[] labels) {
    Map<Population, Long> counts = countLabels(labels);
    Map<String, Long> byName = new LinkedHashMap<>();
    for (Population p : Population.values()) {
      byName.put(p.truthName(), counts.getOrDefault(p, 0L));
    }
    return new SimulationTruth(
        sampleId, scenario, profile, seed, archetype, replicate,
        labels.length,
        counts.getOrDefault(Population.DEBRIS, 0L),
        counts.getOrDefault(Population.DOUBLET, 0L),
        TruthRules.apply(counts), byName, labels);
  }

  /** Events per population in a label array. */
  static Map<Population, Long> countLabels(byte[] labels) {
    long[] perCode = new long[256];
    for (byte b : labels) {
      perCode[b & 0xFF]++;
    }
    Map<Population, Long> counts = new EnumMap<>(Population.class);
    for (int code = 0; code < perCode.length; code++) {
      if (perCode[code] > 0) {
        Population p = Population.ofCode(code);
        if (p == null) {
          throw new IllegalArgumentException("label code " + code + " is not assigned");
        }
        counts.put(p, perCode[code]);
      }
    }
    return counts;
  }

  /**
   * Reads {@code <stem>.truth.json} and, when its {@code labels_file} exists beside it, the labels.
   *
   * @throws TruthFormatException when a headline field is missing or has the wrong type, a
   *     population is unknown, or the labels disagree with {@code total_events}
   */
  public static SimulationTruth read(Path truthJson) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(truthJson.toFile());
    } catch (JacksonException e) {
      throw new TruthFormatException(truthJson, "not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new TruthFormatException(truthJson, "not a JSON object");
    }
    Fields f = new Fields(truthJson, root);
    Map<String, Long> counts = new LinkedHashMap<>();
    JsonNode countNode = f.require("population_counts");
    if (!countNode.isObject()) {
      throw new TruthFormatException(truthJson, "population_counts is not an object");
    }
    for (Map.Entry<String, JsonNode> e : countNode.properties()) {
      if (Population.ofTruthName(e.getKey()) == null) {
        throw new TruthFormatException(truthJson, "unknown population " + e.getKey());
      }
      if (!e.getValue().canConvertToLong()) {
        throw new TruthFormatException(truthJson, "population_counts." + e.getKey() + " is not a count");
      }
      counts.put(e.getKey(), e.getValue().asLong());
    }
    long total = f.count("total_events");
    byte[] labels = null;
    String labelsFile = f.text("labels_file");
    if (labelsFile != null) {
      Path labelsPath = truthJson.resolveSibling(labelsFile);
      if (Files.exists(labelsPath)) {
        labels = Files.readAllBytes(labelsPath);
        if (labels.length != total) {
          throw new TruthFormatException(
              labelsPath, labels.length + " labels for total_events " + total + " in " + truthJson);
        }
      }
    }
    return new SimulationTruth(
        f.text("sample_id"),
        f.text("scenario"),
        f.text("profile"),
        f.count("seed"),
        f.text("archetype"),
        f.optionalInt("replicate"),
        total,
        f.count("debris"),
        f.count("doublets"),
        new TruthRules.Calls(
            f.count("nucleated_singlets"),
            f.count("blasts"),
            f.count("blasts_cd19pos"),
            f.count("blasts_cd19neg"),
            f.optionalNumber("cd19pos_fraction_of_blasts"),
            f.number("mrd_fraction"),
            f.requiredText("mrd_category"),
            f.requiredText("mrd_category_reason"),
            f.number("achieved_sensitivity"),
            f.bool("blasts_quantifiable_ge_lloq"),
            f.count("hematogones"),
            f.count("mature_b"),
            f.count("lymphocytes"),
            f.number("b_pct_of_lymphocytes"),
            f.bool("b_cell_aplasia"),
            f.optionalBool("car19_eligible"),
            f.bool("car19_evaluable")),
        counts,
        labels);
  }

  /** Typed access to the fields of one truth file, failing with the file and field named. */
  private record Fields(Path file, JsonNode root) {
    JsonNode require(String name) throws TruthFormatException {
      JsonNode n = root.get(name);
      if (n == null) {
        throw new TruthFormatException(file, "missing field " + name);
      }
      return n;
    }

    long count(String name) throws TruthFormatException {
      JsonNode n = require(name);
      if (!n.canConvertToLong() || !n.isIntegralNumber()) {
        throw new TruthFormatException(file, name + " is not an integer: " + n);
      }
      return n.asLong();
    }

    double number(String name) throws TruthFormatException {
      JsonNode n = require(name);
      if (!n.isNumber()) {
        throw new TruthFormatException(file, name + " is not a number: " + n);
      }
      return n.asDouble();
    }

    Double optionalNumber(String name) throws TruthFormatException {
      JsonNode n = root.get(name);
      return n == null || n.isNull() ? null : number(name);
    }

    Integer optionalInt(String name) throws TruthFormatException {
      JsonNode n = root.get(name);
      return n == null || n.isNull() ? null : Math.toIntExact(count(name));
    }

    boolean bool(String name) throws TruthFormatException {
      JsonNode n = require(name);
      if (!n.isBoolean()) {
        throw new TruthFormatException(file, name + " is not true/false: " + n);
      }
      return n.asBoolean();
    }

    Boolean optionalBool(String name) throws TruthFormatException {
      JsonNode n = root.get(name);
      return n == null || n.isNull() ? null : bool(name);
    }

    String text(String name) throws TruthFormatException {
      JsonNode n = root.get(name);
      if (n == null || n.isNull()) {
        return null;
      }
      if (!n.isTextual()) {
        throw new TruthFormatException(file, name + " is not a string: " + n);
      }
      return n.asText();
    }

    String requiredText(String name) throws TruthFormatException {
      require(name);
      return text(name);
    }
  }
}
