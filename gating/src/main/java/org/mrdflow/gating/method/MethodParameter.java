package org.mrdflow.gating.method;

import java.util.List;

/**
 * A typed argument a {@link GatingMethod} accepts. Strategies are checked against these before
 * any data is read: unknown names, missing required arguments and wrong types are errors naming
 * the population.
 *
 * @param defaultValue used when the argument is absent; null for required or truly optional ones
 * @param choices the values a STRING argument may take; empty for any value
 */
public record MethodParameter(String name, Type type, boolean required, Object defaultValue,
    String description, List<String> choices) {

  /** The largest bin count a {@link Type#BINS} argument may take (per dimension). */
  public static final int MAX_BINS = 4096;

  public MethodParameter {
    choices = List.copyOf(choices);
  }

  /** The YAML/JSON value kinds an argument may take. */
  public enum Type {
    NUMBER, INTEGER, BOOLEAN, STRING,
    /**
     * A finite number greater than 0, for a threshold in robust SDs or a width: zero or a
     * negative value would turn "farther than z SDs" into "every event" before any data is read.
     */
    POSITIVE,
    /**
     * A number strictly between 0 and 1, for a rate per event or a quantile: 0 or 1 would make
     * a bound empty or infinite, and a larger value is no probability.
     */
    PROBABILITY,
    /**
     * A point in a 2-D method's own dimensions: a list of exactly two finite numbers [x, y], so
     * that a strategy cannot give a point the method has no axis for.
     */
    POINT,
    /**
     * A number of histogram or grid bins: a whole number from 1 to {@link #MAX_BINS}, so that a
     * strategy cannot ask for an empty histogram or one that does not fit in memory.
     */
    BINS,
    /**
     * The id of another population of the strategy (a string): checked to exist when the
     * strategy is loaded, and evaluated before the population whose method refers to it.
     */
    POPULATION;

    /** Whether a loaded value (String, Number, Boolean or List) has this type. */
    public boolean accepts(Object value) {
      return switch (this) {
        case NUMBER -> value instanceof Number;
        case POSITIVE -> value instanceof Number n && Double.isFinite(n.doubleValue())
            && n.doubleValue() > 0;
        case PROBABILITY -> value instanceof Number n && n.doubleValue() > 0
            && n.doubleValue() < 1;
        case INTEGER -> isWhole(value);
        case BINS -> isWhole(value) && ((Number) value).doubleValue() >= 1
            && ((Number) value).doubleValue() <= MAX_BINS;
        case BOOLEAN -> value instanceof Boolean;
        case STRING, POPULATION -> value instanceof String;
        case POINT -> value instanceof List<?> list && list.size() == 2
            && list.stream().allMatch(v -> v instanceof Number n
                && Double.isFinite(n.doubleValue()));
      };
    }

    public String describe() {
      return switch (this) {
        case BINS -> "bin count (a whole number from 1 to " + MAX_BINS + ")";
        case POINT -> "point (two finite numbers [x, y])";
        case POSITIVE -> "positive number (finite, greater than 0)";
        case PROBABILITY -> "probability (a number between 0 and 1, both excluded)";
        default -> name().toLowerCase().replace('_', ' ');
      };
    }

    private static boolean isWhole(Object value) {
      return value instanceof Integer || value instanceof Long
          || value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue());
    }
  }

  public static MethodParameter optional(String name, Type type, Object defaultValue,
      String description) {
    return new MethodParameter(name, type, false, defaultValue, description, List.of());
  }

  /** A reference to another population, by default the one with id {@code defaultId}. */
  public static MethodParameter population(String name, String defaultId, String description) {
    return new MethodParameter(name, Type.POPULATION, false, defaultId, description, List.of());
  }

  public static MethodParameter required(String name, Type type, String description) {
    return new MethodParameter(name, type, true, null, description, List.of());
  }

  /** An optional STRING argument limited to {@code choices}; checked before data is read. */
  public static MethodParameter choice(String name, String defaultValue, String description,
      String... choices) {
    return new MethodParameter(name, Type.STRING, false, defaultValue, description,
        List.of(choices));
  }
}
