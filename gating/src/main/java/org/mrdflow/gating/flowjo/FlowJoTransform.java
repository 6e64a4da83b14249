package org.mrdflow.gating.flowjo;

import java.util.Map;

/**
 * A per-parameter transform of a FlowJo workspace ({@code <Transformations>} of a sample): the
 * element name ({@code linear}, {@code log}, {@code biex}, {@code logicle}, {@code fasinh},
 * {@code hyperlog}, ...) and its attributes without namespace.
 */
public record FlowJoTransform(String kind, Map<String, String> attributes) {
  public FlowJoTransform {
    attributes = Map.copyOf(attributes);
  }

  /** The attribute as a number, or {@code fallback} when absent. */
  public double number(String attribute, double fallback) {
    String value = attributes.get(attribute);
    return value == null || value.isBlank() ? fallback : Double.parseDouble(value.trim());
  }

  /** How the transform is written in listings, e.g. {@code biex(width=-100, pos=4.42, ...)}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(kind).append('(');
    attributes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      if (text.charAt(text.length() - 1) != '(') {
        text.append(", ");
      }
      text.append(e.getKey()).append('=').append(e.getValue());
    });
    return text.append(')').toString();
  }
}
