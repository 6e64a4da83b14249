package org.mrdflow.gating.method;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The gating methods available by name: those registered through {@link ServiceLoader} plus any
 * added with {@link #with}. Immutable.
 */
public final class GatingMethods {
  private final Map<String, GatingMethod> byName;

  private GatingMethods(Map<String, GatingMethod> byName) {
    this.byName = byName;
  }

  /** Every method registered on the class path. */
  public static GatingMethods discover() {
    Map<String, GatingMethod> methods = new TreeMap<>();
    for (GatingMethod method : ServiceLoader.load(GatingMethod.class,
        GatingMethods.class.getClassLoader())) {
      methods.put(method.name(), method);
    }
    return new GatingMethods(methods);
  }

  /** These methods plus {@code extra} (replacing any of the same name). */
  public GatingMethods with(GatingMethod... extra) {
    Map<String, GatingMethod> methods = new TreeMap<>(byName);
    for (GatingMethod method : extra) {
      methods.put(method.name(), method);
    }
    return new GatingMethods(methods);
  }

  public Optional<GatingMethod> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Collection<String> names() {
    return byName.keySet();
  }

  /**
   * Problems with {@code arguments} for {@code method}: unknown names, missing required
   * arguments, wrong types. Empty when valid.
   */
  public static List<String> checkArguments(GatingMethod method, Map<String, Object> arguments) {
    List<String> problems = new ArrayList<>();
    for (String name : arguments.keySet()) {
      if (method.parameters().stream().noneMatch(p -> p.name().equals(name))) {
        problems.add("method " + method.name() + " has no argument '" + name + "' (it takes "
            + method.parameters().stream().map(MethodParameter::name).toList() + ")");
      }
    }
    for (MethodParameter parameter : method.parameters()) {
      Object value = arguments.get(parameter.name());
      if (value == null) {
        if (parameter.required()) {
          problems.add("method " + method.name() + " needs argument '" + parameter.name() + "' ("
              + parameter.type().describe() + ")");
        }
      } else if (!parameter.type().accepts(value)) {
        problems.add("argument '" + parameter.name() + "' of method " + method.name()
            + " must be of type " + parameter.type().describe() + ", got '" + value + "'");
      } else if (!parameter.choices().isEmpty() && !parameter.choices().contains(value)) {
        problems.add("argument '" + parameter.name() + "' of method " + method.name()
            + " must be one of " + parameter.choices() + ", got '" + value + "'");
      }
    }
    return problems;
  }
}
