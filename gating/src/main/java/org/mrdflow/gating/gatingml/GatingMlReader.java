package org.mrdflow.gating.gatingml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.mrdflow.fcs.SpilloverMatrix;
import org.mrdflow.gating.gate.BooleanGate;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.EllipsoidGate;
import org.mrdflow.gating.gate.GateDefinition;
import org.mrdflow.gating.gate.PolygonGate;
import org.mrdflow.gating.gate.RectangleGate;
import org.mrdflow.gating.strategy.GatingStrategy;
import org.mrdflow.gating.strategy.Population;
import org.mrdflow.gating.strategy.RatioDefinition;
import org.mrdflow.gating.transform.AsinhTransform;
import org.mrdflow.gating.transform.HyperlogTransform;
import org.mrdflow.gating.transform.LinearTransform;
import org.mrdflow.gating.transform.LogTransform;
import org.mrdflow.gating.transform.LogicleTransform;
import org.mrdflow.gating.transform.RatioTransform;
import org.mrdflow.gating.transform.Transform;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads a Gating-ML 2.0 document into a {@link GatingStrategy}: transformations (flin, flog,
 * fasinh, logicle, hyperlog, fratio), spectrum matrices and rectangle, polygon, ellipsoid,
 * quadrant and Boolean gates with their parents. Each gate becomes a population whose id is the
 * gate id; each Quadrant of a QuadrantGate becomes a population with the equivalent rectangle
 * ({@code divider_k <= x < divider_k+1} per referenced divider, section 5.1.4), parented like
 * its QuadrantGate. Dimensions name FCS channels ($PnN) or spectrum-matrix fluorochromes.
 */
public final class GatingMlReader {
  private GatingMlReader() {}

  public static GatingStrategy read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(file.toString(), in);
    } catch (IOException e) {
      throw new GatingMlException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  public static GatingStrategy read(String source, InputStream in) {
    Document document = parse(source, in);
    Element root = document.getDocumentElement();
    if (!"Gating-ML".equals(root.getLocalName()) || !GatingMl.GATING.equals(
        root.getNamespaceURI())) {
      throw new GatingMlException(source + ": root element is not gating:Gating-ML (namespace "
          + GatingMl.GATING + ")");
    }
    Map<String, Transform> transforms = new LinkedHashMap<>();
    Map<String, RatioDefinition> ratios = new LinkedHashMap<>();
    Map<String, SpilloverMatrix> compensations = new LinkedHashMap<>();
    List<Population> populations = new ArrayList<>();
    for (Element element : descendants(root, GatingMl.TRANSFORMS, "transformation")) {
      readTransformation(source, element, transforms, ratios);
    }
    for (Element element : descendants(root, GatingMl.TRANSFORMS, "spectrumMatrix")) {
      String id = requiredAttribute(source, element, "id");
      compensations.put(id, readSpectrumMatrix(source + " spectrumMatrix " + id, element));
    }
    NodeList all = root.getElementsByTagNameNS(GatingMl.GATING, "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element element = (Element) all.item(i);
      String kind = element.getLocalName();
      if (kind.endsWith("Gate")) {
        readGate(source, element, kind, populations);
      }
    }
    return new GatingStrategy(source, source, compensations, transforms, ratios, populations,
        null, null);
  }

  private static Document parse(String source, InputStream in) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      // A gating document has no business loading external entities or DTDs.
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(in);
    } catch (SAXException e) {
      throw new GatingMlException(source + ": not well-formed XML: " + e.getMessage(), e);
    } catch (ParserConfigurationException | IOException e) {
      throw new GatingMlException(source + ": cannot parse: " + e.getMessage(), e);
    }
  }

  private static void readTransformation(String source, Element element,
      Map<String, Transform> transforms, Map<String, RatioDefinition> ratios) {
    String id = requiredAttribute(source, element, "id");
    Element function = firstChild(element, GatingMl.TRANSFORMS);
    if (function == null) {
      throw new GatingMlException(source + ": transformation " + id + " is empty");
    }
    String where = source + ": transformation " + id;
    try {
      switch (function.getLocalName()) {
        case "flin" -> transforms.put(id, new LinearTransform(
            number(where, function, "T"), number(where, function, "A")));
        case "flog" -> transforms.put(id, new LogTransform(
            number(where, function, "T"), number(where, function, "M")));
        case "fasinh" -> transforms.put(id, new AsinhTransform(number(where, function, "T"),
            number(where, function, "M"), number(where, function, "A")));
        case "logicle" -> transforms.put(id, new LogicleTransform(number(where, function, "T"),
            number(where, function, "W"), number(where, function, "M"),
            number(where, function, "A")));
        case "hyperlog" -> transforms.put(id, new HyperlogTransform(number(where, function, "T"),
            number(where, function, "W"), number(where, function, "M"),
            number(where, function, "A")));
        case "fratio" -> {
          List<Element> dims = children(function, GatingMl.DATATYPES, "fcs-dimension");
          if (dims.size() != 2) {
            throw new GatingMlException(where + ": fratio needs 2 fcs-dimensions, has "
                + dims.size());
          }
          ratios.put(id, new RatioDefinition(
              new RatioTransform(number(where, function, "A"), number(where, function, "B"),
                  number(where, function, "C")),
              requiredAttribute(where, dims.get(0), "name"),
              requiredAttribute(where, dims.get(1), "name")));
        }
        default -> throw new GatingMlException(where + ": unsupported transformation "
            + function.getLocalName());
      }
    } catch (IllegalArgumentException e) {
      throw new GatingMlException(where + ": " + e.getMessage(), e);
    }
  }

  private static SpilloverMatrix readSpectrumMatrix(String where, Element element) {
    List<String> fluorochromes = names(where, child(where, element, GatingMl.TRANSFORMS,
        "fluorochromes"));
    List<String> detectors = names(where, child(where, element, GatingMl.TRANSFORMS,
        "detectors"));
    List<Element> spectra = children(element, GatingMl.TRANSFORMS, "spectrum");
    double[][] rows = new double[spectra.size()][];
    for (int r = 0; r < rows.length; r++) {
      List<Element> coefficients = children(spectra.get(r), GatingMl.TRANSFORMS, "coefficient");
      rows[r] = new double[coefficients.size()];
      for (int c = 0; c < rows[r].length; c++) {
        rows[r][c] = number(where, coefficients.get(c), "value");
      }
    }
    try {
      return new SpilloverMatrix(where, fluorochromes, detectors, rows);
    } catch (IllegalArgumentException e) {
      throw new GatingMlException(e.getMessage(), e);
    }
  }

  private static List<String> names(String where, Element list) {
    List<String> names = new ArrayList<>();
    for (Element dimension : children(list, GatingMl.DATATYPES, "fcs-dimension")) {
      names.add(requiredAttribute(where, dimension, "name"));
    }
    return names;
  }

  private static void readGate(String source, Element element, String kind,
      List<Population> populations) {
    String id = requiredAttribute(source, element, "id");
    String parent = attribute(element, "parent_id");
    String where = source + ": " + kind + " " + id;
    GateDefinition gate;
    try {
      switch (kind) {
        case "RectangleGate" -> gate = rectangle(where, element);
        case "PolygonGate" -> gate = polygon(where, element);
        case "EllipsoidGate" -> gate = ellipsoid(where, element);
        case "BooleanGate" -> gate = bool(where, element);
        case "QuadrantGate" -> {
          quadrants(where, element, parent, populations);
          return;
        }
        default -> throw new GatingMlException(where + ": unsupported gate type");
      }
    } catch (org.mrdflow.gating.GatingException e) {
      if (e instanceof GatingMlException) {
        throw e;
      }
      throw new GatingMlException(where + ": " + e.getMessage(), e);
    }
    populations.add(new Population(id, id, parent, gate));
  }

  private static RectangleGate rectangle(String where, Element element) {
    List<Element> dims = children(element, GatingMl.GATING, "dimension");
    List<Dimension> dimensions = new ArrayList<>();
    double[] min = new double[dims.size()];
    double[] max = new double[dims.size()];
    for (int d = 0; d < dims.size(); d++) {
      Element dim = dims.get(d);
      dimensions.add(dimension(where, dim));
      String lo = attribute(dim, "min");
      String hi = attribute(dim, "max");
      if (lo == null && hi == null) {
        throw new GatingMlException(where + ": dimension " + (d + 1)
            + " has neither min nor max");
      }
      min[d] = lo == null ? Double.NEGATIVE_INFINITY : parseNumber(where, "min", lo);
      max[d] = hi == null ? Double.POSITIVE_INFINITY : parseNumber(where, "max", hi);
    }
    return new RectangleGate(dimensions, min, max);
  }

  private static PolygonGate polygon(String where, Element element) {
    List<Dimension> dimensions = dimensions(where, element);
    List<Element> vertices = children(element, GatingMl.GATING, "vertex");
    double[] xs = new double[vertices.size()];
    double[] ys = new double[vertices.size()];
    for (int v = 0; v < xs.length; v++) {
      double[] point = coordinates(where, vertices.get(v));
      if (point.length != 2) {
        throw new GatingMlException(where + ": vertex " + (v + 1) + " has " + point.length
            + " coordinates, expected 2");
      }
      xs[v] = point[0];
      ys[v] = point[1];
    }
    return new PolygonGate(dimensions, xs, ys);
  }

  private static EllipsoidGate ellipsoid(String where, Element element) {
    List<Dimension> dimensions = dimensions(where, element);
    double[] mean = coordinates(where, child(where, element, GatingMl.GATING, "mean"));
    List<Element> rows = children(child(where, element, GatingMl.GATING, "covarianceMatrix"),
        GatingMl.GATING, "row");
    double[][] covariance = new double[rows.size()][];
    for (int r = 0; r < covariance.length; r++) {
      List<Element> entries = children(rows.get(r), GatingMl.GATING, "entry");
      covariance[r] = new double[entries.size()];
      for (int c = 0; c < entries.size(); c++) {
        covariance[r][c] = number(where, entries.get(c), "value");
      }
    }
    double distanceSquare = number(where, child(where, element, GatingMl.GATING,
        "distanceSquare"), "value");
    return new EllipsoidGate(dimensions, mean, covariance, distanceSquare);
  }

  private static BooleanGate bool(String where, Element element) {
    Element operation = firstChild(element, GatingMl.GATING);
    if (operation == null) {
      throw new GatingMlException(where + ": has no and/or/not element");
    }
    BooleanGate.Operator operator = switch (operation.getLocalName()) {
      case "and" -> BooleanGate.Operator.AND;
      case "or" -> BooleanGate.Operator.OR;
      case "not" -> BooleanGate.Operator.NOT;
      default -> throw new GatingMlException(where + ": unknown boolean operation "
          + operation.getLocalName());
    };
    List<BooleanGate.Operand> operands = new ArrayList<>();
    for (Element reference : children(operation, GatingMl.GATING, "gateReference")) {
      operands.add(new BooleanGate.Operand(requiredAttribute(where, reference, "ref"),
          "true".equals(attribute(reference, "use-as-complement"))));
    }
    return new BooleanGate(operator, operands);
  }

  private static void quadrants(String where, Element element, String parent,
      List<Population> populations) {
    Map<String, Dimension> dividerDimensions = new LinkedHashMap<>();
    Map<String, double[]> dividerValues = new LinkedHashMap<>();
    for (Element divider : children(element, GatingMl.GATING, "divider")) {
      String id = requiredAttribute(where, divider, "id");
      dividerDimensions.put(id, dimension(where, divider));
      List<Element> values = children(divider, GatingMl.GATING, "value");
      double[] cuts = new double[values.size()];
      for (int v = 0; v < cuts.length; v++) {
        cuts[v] = parseNumber(where, "divider value", values.get(v).getTextContent().trim());
      }
      java.util.Arrays.sort(cuts);
      dividerValues.put(id, cuts);
    }
    for (Element quadrant : children(element, GatingMl.GATING, "Quadrant")) {
      String id = requiredAttribute(where, quadrant, "id");
      List<Element> positions = children(quadrant, GatingMl.GATING, "position");
      List<Dimension> dimensions = new ArrayList<>();
      double[] min = new double[positions.size()];
      double[] max = new double[positions.size()];
      for (int p = 0; p < positions.size(); p++) {
        String ref = requiredAttribute(where, positions.get(p), "divider_ref");
        double[] cuts = dividerValues.get(ref);
        if (cuts == null) {
          throw new GatingMlException(where + ": quadrant " + id + " refers to unknown divider "
              + ref);
        }
        double location = number(where, positions.get(p), "location");
        dimensions.add(dividerDimensions.get(ref));
        min[p] = Double.NEGATIVE_INFINITY;
        max[p] = Double.POSITIVE_INFINITY;
        for (double cut : cuts) {
          if (cut <= location) {
            min[p] = cut;
          } else {
            max[p] = cut;
            break;
          }
        }
      }
      populations.add(new Population(id, id, parent, new RectangleGate(dimensions, min, max)));
    }
  }

  private static List<Dimension> dimensions(String where, Element gate) {
    List<Dimension> dimensions = new ArrayList<>();
    for (Element dim : children(gate, GatingMl.GATING, "dimension")) {
      dimensions.add(dimension(where, dim));
    }
    return dimensions;
  }

  private static Dimension dimension(String where, Element dim) {
    String compensation = attribute(dim, "compensation-ref");
    String transform = attribute(dim, "transformation-ref");
    Element fcs = firstChild(dim, GatingMl.DATATYPES, "fcs-dimension");
    if (fcs != null) {
      return new Dimension(requiredAttribute(where, fcs, "name"), false, compensation, transform);
    }
    Element derived = firstChild(dim, GatingMl.DATATYPES, "new-dimension");
    if (derived != null) {
      return new Dimension(requiredAttribute(where, derived, "transformation-ref"), true,
          compensation, transform);
    }
    throw new GatingMlException(where + ": dimension has neither fcs-dimension nor "
        + "new-dimension");
  }

  private static double[] coordinates(String where, Element parent) {
    List<Element> coordinates = children(parent, GatingMl.GATING, "coordinate");
    double[] values = new double[coordinates.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = number(where, coordinates.get(i), "value");
    }
    return values;
  }

  /** An attribute in any of the Gating-ML namespaces or without one. */
  private static String attribute(Element element, String name) {
    for (String namespace : new String[] {GatingMl.GATING, GatingMl.TRANSFORMS,
        GatingMl.DATATYPES}) {
      if (element.hasAttributeNS(namespace, name)) {
        return element.getAttributeNS(namespace, name);
      }
    }
    return element.hasAttribute(name) ? element.getAttribute(name) : null;
  }

  private static String requiredAttribute(String where, Element element, String name) {
    String value = attribute(element, name);
    if (value == null || value.isEmpty()) {
      throw new GatingMlException(where + ": element " + element.getLocalName()
          + " lacks attribute " + name);
    }
    return value;
  }

  private static double number(String where, Element element, String name) {
    return parseNumber(where, name, requiredAttribute(where, element, name));
  }

  private static double parseNumber(String where, String name, String text) {
    String trimmed = text.trim();
    // XML Schema doubles spell infinities INF and -INF.
    if (trimmed.equals("INF") || trimmed.equals("+INF")) {
      return Double.POSITIVE_INFINITY;
    }
    if (trimmed.equals("-INF")) {
      return Double.NEGATIVE_INFINITY;
    }
    try {
      return Double.parseDouble(trimmed);
    } catch (NumberFormatException e) {
      throw new GatingMlException(where + ": " + name + " is not a number: '" + text + "'");
    }
  }

  private static List<Element> descendants(Element root, String namespace, String localName) {
    NodeList nodes = root.getElementsByTagNameNS(namespace, localName);
    List<Element> elements = new ArrayList<>(nodes.getLength());
    for (int i = 0; i < nodes.getLength(); i++) {
      elements.add((Element) nodes.item(i));
    }
    return elements;
  }

  private static List<Element> children(Element parent, String namespace, String localName) {
    List<Element> elements = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element e && namespace.equals(e.getNamespaceURI())
          && localName.equals(e.getLocalName())) {
        elements.add(e);
      }
    }
    return elements;
  }

  private static Element child(String where, Element parent, String namespace,
      String localName) {
    Element element = firstChild(parent, namespace, localName);
    if (element == null) {
      throw new GatingMlException(where + ": missing element " + localName);
    }
    return element;
  }

  private static Element firstChild(Element parent, String namespace, String localName) {
    List<Element> elements = children(parent, namespace, localName);
    return elements.isEmpty() ? null : elements.get(0);
  }

  /** First child element in {@code namespace} other than documentation (custom_info). */
  private static Element firstChild(Element parent, String namespace) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element e && namespace.equals(e.getNamespaceURI())) {
        return e;
      }
    }
    return null;
  }
}
