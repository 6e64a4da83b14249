package org.mrdflow.models.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON building helpers: non-finite or undefined numbers become {@code null}. */
final class JsonNumbers {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonNumbers() {}

  static void put(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }

  static ArrayNode array(double[] values) {
    ArrayNode a = NODES.arrayNode();
    for (double v : values) {
      if (Double.isFinite(v)) {
        a.add(v);
      } else {
        a.addNull();
      }
    }
    return a;
  }

  static ArrayNode array(int[] values) {
    ArrayNode a = NODES.arrayNode();
    for (int v : values) {
      a.add(v);
    }
    return a;
  }

  static ArrayNode array(Iterable<String> values) {
    ArrayNode a = NODES.arrayNode();
    for (String v : values) {
      a.add(v);
    }
    return a;
  }

  static ObjectNode chiSquare(org.mrdflow.models.ChiSquareResult r) {
    ObjectNode o = NODES.objectNode();
    put(o, "chisq", r.statistic());
    o.put("df", r.df());
    put(o, "p", r.p());
    return o;
  }
}
