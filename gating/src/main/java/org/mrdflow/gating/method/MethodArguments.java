package org.mrdflow.gating.method;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A method's arguments after validation, with declared defaults filled in. Typed getters; the
 * types were checked by {@link GatingMethods#checkArguments} so a getter never sees a wrong kind.
 */
public final class MethodArguments {
  private final Map<String, Object> values;

  public MethodArguments(List<MethodParameter> parameters, Map<String, Object> given) {
    Map<String, Object> all = new HashMap<>();
    for (MethodParameter parameter : parameters) {
      if (parameter.defaultValue() != null) {
        all.put(parameter.name(), parameter.defaultValue());
      }
    }
    all.putAll(given);
    this.values = Map.copyOf(all);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public double number(String name) {
    return ((Number) require(name)).doubleValue();
  }

  public Optional<Double> optionalNumber(String name) {
    return Optional.ofNullable((Number) values.get(name)).map(Number::doubleValue);
  }

  public int integer(String name) {
    return ((Number) require(name)).intValue();
  }

  public boolean bool(String name) {
    return (Boolean) require(name);
  }

  public String string(String name) {
    return (String) require(name);
  }

  public double[] point(String name) {
    return ((List<?>) require(name)).stream().mapToDouble(v -> ((Number) v).doubleValue())
        .toArray();
  }

  public Optional<double[]> optionalPoint(String name) {
    return has(name) ? Optional.of(point(name)) : Optional.empty();
  }

  private Object require(String name) {
    Object value = values.get(name);
    if (value == null) {
      throw new IllegalStateException("argument '" + name + "' was not declared with a default");
    }
    return value;
  }
}
