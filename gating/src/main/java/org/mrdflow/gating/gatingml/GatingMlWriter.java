package org.mrdflow.gating.gatingml;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.mrdflow.fcs.SpilloverMatrix;
import org.mrdflow.gating.gate.BooleanGate;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.EllipsoidGate;
import org.mrdflow.gating.gate.GateDefinition;
import org.mrdflow.gating.gate.MethodGate;
import org.mrdflow.gating.gate.PolygonGate;
import org.mrdflow.gating.gate.RectangleGate;
import org.mrdflow.gating.strategy.GatingResult;
import org.mrdflow.gating.strategy.GatingStrategy;
import org.mrdflow.gating.strategy.Population;
import org.mrdflow.gating.strategy.RatioDefinition;
import org.mrdflow.gating.transform.AsinhTransform;
import org.mrdflow.gating.transform.HyperlogTransform;
import org.mrdflow.gating.transform.LinearTransform;
import org.mrdflow.gating.transform.LogTransform;
import org.mrdflow.gating.transform.LogicleTransform;
import org.mrdflow.gating.transform.Transform;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes a strategy as a Gating-ML 2.0 document that FlowJo, FlowKit and Cytobank can open.
 * Export what was applied to a sample ({@link #write(GatingResult, OutputStream)}): data-driven
 * gates are then frozen to the geometry fitted to that sample and panel markers are written as
 * the sample's channel names. Numbers are written with Java's shortest exact representation, so
 * reading the document back gives bit-identical geometry and identical memberships.
 */
public final class GatingMlWriter {
  private GatingMlWriter() {}

  /** The strategy as applied to {@code result}'s sample. */
  public static void write(GatingResult result, OutputStream out) {
    write(result.appliedStrategy(), result.markerChannels(), out);
  }

  public static void write(GatingResult result, Path file) {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(result, out);
    } catch (IOException e) {
      throw new GatingMlException(file + ": cannot write: " + e.getMessage(), e);
    }
  }

  /**
   * @param markerChannels marker -> channel name, applied to every dimension (empty for none)
   * @throws GatingMlException if a population has no fixed geometry (an unfitted method gate,
   *     or a method that selected events individually)
   */
  public static void write(GatingStrategy strategy, Map<String, String> markerChannels,
      OutputStream out) {
    Document doc = newDocument();
    Element root = doc.createElementNS(GatingMl.GATING, "gating:Gating-ML");
    root.setAttribute("xmlns:transforms", GatingMl.TRANSFORMS);
    root.setAttribute("xmlns:data-type", GatingMl.DATATYPES);
    doc.appendChild(root);
    strategy.transforms().forEach((id, t) -> root.appendChild(transformation(doc, id, t)));
    strategy.ratios().forEach((id, r) -> root.appendChild(ratio(doc, id, r, markerChannels)));
    strategy.compensations().forEach((id, m) -> root.appendChild(spectrum(doc, id, m)));
    for (Population population : strategy.populations()) {
      root.appendChild(gate(doc, population, markerChannels));
    }
    try {
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
      transformer.transform(new DOMSource(doc), new StreamResult(out));
    } catch (TransformerException e) {
      throw new GatingMlException("cannot serialise Gating-ML: " + e.getMessage(), e);
    }
  }

  private static Document newDocument() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK has no XML document builder", e);
    }
  }

  private static Element transformation(Document doc, String id, Transform transform) {
    Element element = doc.createElementNS(GatingMl.TRANSFORMS, "transforms:transformation");
    element.setAttributeNS(GatingMl.TRANSFORMS, "transforms:id", id);
    Element function;
    if (transform instanceof LinearTransform t) {
      function = function(doc, "flin", "T", t.T(), "A", t.A());
    } else if (transform instanceof LogTransform t) {
      function = function(doc, "flog", "T", t.T(), "M", t.M());
    } else if (transform instanceof AsinhTransform t) {
      function = function(doc, "fasinh", "T", t.T(), "M", t.M(), "A", t.A());
    } else if (transform instanceof LogicleTransform t) {
      function = function(doc, "logicle", "T", t.T(), "W", t.W(), "M", t.M(), "A", t.A());
    } else {
      HyperlogTransform t = (HyperlogTransform) transform;
      function = function(doc, "hyperlog", "T", t.T(), "W", t.W(), "M", t.M(), "A", t.A());
    }
    element.appendChild(function);
    return element;
  }

  private static Element ratio(Document doc, String id, RatioDefinition ratio,
      Map<String, String> markerChannels) {
    Element element = doc.createElementNS(GatingMl.TRANSFORMS, "transforms:transformation");
    element.setAttributeNS(GatingMl.TRANSFORMS, "transforms:id", id);
    Element function = function(doc, "fratio", "A", ratio.transform().A(), "B",
        ratio.transform().B(), "C", ratio.transform().C());
    function.appendChild(fcsDimension(doc, channel(ratio.numerator(), markerChannels)));
    function.appendChild(fcsDimension(doc, channel(ratio.denominator(), markerChannels)));
    element.appendChild(function);
    return element;
  }

  private static Element function(Document doc, String name, Object... parameters) {
    Element function = doc.createElementNS(GatingMl.TRANSFORMS, "transforms:" + name);
    for (int i = 0; i < parameters.length; i += 2) {
      function.setAttributeNS(GatingMl.TRANSFORMS, "transforms:" + parameters[i],
          number((Double) parameters[i + 1]));
    }
    return function;
  }

  private static Element spectrum(Document doc, String id, SpilloverMatrix matrix) {
    Element element = doc.createElementNS(GatingMl.TRANSFORMS, "transforms:spectrumMatrix");
    element.setAttributeNS(GatingMl.TRANSFORMS, "transforms:id", id);
    Element fluorochromes = doc.createElementNS(GatingMl.TRANSFORMS, "transforms:fluorochromes");
    matrix.fluorochromes().forEach(name -> fluorochromes.appendChild(fcsDimension(doc, name)));
    Element detectors = doc.createElementNS(GatingMl.TRANSFORMS, "transforms:detectors");
    matrix.detectors().forEach(name -> detectors.appendChild(fcsDimension(doc, name)));
    element.appendChild(fluorochromes);
    element.appendChild(detectors);
    for (double[] row : matrix.values()) {
      Element spectrum = doc.createElementNS(GatingMl.TRANSFORMS, "transforms:spectrum");
      for (double value : row) {
        Element coefficient = doc.createElementNS(GatingMl.TRANSFORMS, "transforms:coefficient");
        coefficient.setAttributeNS(GatingMl.TRANSFORMS, "transforms:value", number(value));
        spectrum.appendChild(coefficient);
      }
      element.appendChild(spectrum);
    }
    return element;
  }

  private static Element gate(Document doc, Population population,
      Map<String, String> markerChannels) {
    GateDefinition gate = population.gate();
    Element element;
    if (gate instanceof RectangleGate rectangle) {
      element = gateElement(doc, "RectangleGate", population);
      List<Dimension> dimensions = rectangle.dimensions();
      double[] min = rectangle.min();
      double[] max = rectangle.max();
      for (int d = 0; d < dimensions.size(); d++) {
        Element dim = dimension(doc, dimensions.get(d), markerChannels);
        // Gating-ML 2.0 5.1.3: a dimension gives min, max or both; an unbounded one (a quadrant
        // beyond a divider at -INF, a region of every event) keeps its min as "-INF" rather than neither.
        boolean unbounded = min[d] == Double.NEGATIVE_INFINITY
            && max[d] == Double.POSITIVE_INFINITY;
        if (min[d] != Double.NEGATIVE_INFINITY || unbounded) {
          dim.setAttributeNS(GatingMl.GATING, "gating:min", number(min[d]));
        }
        if (max[d] != Double.POSITIVE_INFINITY) {
          dim.setAttributeNS(GatingMl.GATING, "gating:max", number(max[d]));
        }
        element.appendChild(dim);
      }
    } else if (gate instanceof PolygonGate polygon) {
      element = gateElement(doc, "PolygonGate", population);
      polygon.dimensions().forEach(d -> element.appendChild(dimension(doc, d, markerChannels)));
      double[] xs = polygon.xs();
      double[] ys = polygon.ys();
      for (int v = 0; v < xs.length; v++) {
        element.appendChild(coordinates(doc, "gating:vertex", xs[v], ys[v]));
      }
    } else if (gate instanceof EllipsoidGate ellipsoid) {
      element = gateElement(doc, "EllipsoidGate", population);
      ellipsoid.dimensions().forEach(d -> element.appendChild(dimension(doc, d, markerChannels)));
      element.appendChild(coordinates(doc, "gating:mean", ellipsoid.mean()));
      Element matrix = doc.createElementNS(GatingMl.GATING, "gating:covarianceMatrix");
      for (double[] row : ellipsoid.covariance()) {
        Element rowElement = doc.createElementNS(GatingMl.GATING, "gating:row");
        for (double value : row) {
          rowElement.appendChild(valued(doc, "gating:entry", value));
        }
        matrix.appendChild(rowElement);
      }
      element.appendChild(matrix);
      element.appendChild(valued(doc, "gating:distanceSquare", ellipsoid.distanceSquare()));
    } else if (gate instanceof BooleanGate bool) {
      element = gateElement(doc, "BooleanGate", population);
      Element operation = doc.createElementNS(GatingMl.GATING,
          "gating:" + bool.operator().name().toLowerCase());
      for (BooleanGate.Operand operand : bool.operands()) {
        Element reference = doc.createElementNS(GatingMl.GATING, "gating:gateReference");
        reference.setAttributeNS(GatingMl.GATING, "gating:ref", operand.population());
        if (operand.complement()) {
          reference.setAttributeNS(GatingMl.GATING, "gating:use-as-complement", "true");
        }
        operation.appendChild(reference);
      }
      element.appendChild(operation);
    } else {
      throw new GatingMlException("population '" + population.id() + "' uses method "
          + ((MethodGate) gate).method() + " without fixed geometry for this sample, which "
          + "Gating-ML cannot express");
    }
    return element;
  }

  private static Element gateElement(Document doc, String kind, Population population) {
    Element element = doc.createElementNS(GatingMl.GATING, "gating:" + kind);
    element.setAttributeNS(GatingMl.GATING, "gating:id", population.id());
    if (population.parent() != null) {
      element.setAttributeNS(GatingMl.GATING, "gating:parent_id", population.parent());
    }
    return element;
  }

  private static Element dimension(Document doc, Dimension dimension,
      Map<String, String> markerChannels) {
    Element element = doc.createElementNS(GatingMl.GATING, "gating:dimension");
    element.setAttributeNS(GatingMl.GATING, "gating:compensation-ref", dimension.compensation());
    if (dimension.transformed()) {
      element.setAttributeNS(GatingMl.GATING, "gating:transformation-ref",
          dimension.transform());
    }
    if (dimension.ratio()) {
      Element derived = doc.createElementNS(GatingMl.DATATYPES, "data-type:new-dimension");
      derived.setAttributeNS(GatingMl.DATATYPES, "data-type:transformation-ref",
          dimension.parameter());
      element.appendChild(derived);
    } else {
      element.appendChild(fcsDimension(doc, channel(dimension.parameter(), markerChannels)));
    }
    return element;
  }

  private static String channel(String parameter, Map<String, String> markerChannels) {
    return markerChannels.getOrDefault(parameter, parameter);
  }

  private static Element fcsDimension(Document doc, String name) {
    Element element = doc.createElementNS(GatingMl.DATATYPES, "data-type:fcs-dimension");
    element.setAttributeNS(GatingMl.DATATYPES, "data-type:name", name);
    return element;
  }

  private static Element coordinates(Document doc, String name, double... values) {
    Element element = doc.createElementNS(GatingMl.GATING, name);
    for (double value : values) {
      element.appendChild(valued(doc, "gating:coordinate", value));
    }
    return element;
  }

  private static Element valued(Document doc, String name, double value) {
    Element element = doc.createElementNS(GatingMl.GATING, name);
    element.setAttributeNS(GatingMl.DATATYPES, "data-type:value", number(value));
    return element;
  }

  /** Shortest exact decimal; infinities as XML Schema's INF / -INF. */
  static String number(double value) {
    if (Double.isInfinite(value)) {
      return value > 0 ? "INF" : "-INF";
    }
    return Double.toString(value);
  }
}
