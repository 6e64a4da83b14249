package org.mrdflow.gating.flowjo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.mrdflow.fcs.SpilloverMatrix;
import org.mrdflow.gating.flowjo.FlowJoWorkspace.Group;
import org.mrdflow.gating.flowjo.FlowJoWorkspace.WorkspaceCompensation;
import org.mrdflow.gating.flowjo.FlowJoWorkspace.WorkspacePopulation;
import org.mrdflow.gating.flowjo.FlowJoWorkspace.WorkspaceSample;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads a FlowJo 10 workspace ({@code .wsp}; FlowJo 7.6/9.x workspaces use the same
 * SampleList/SampleNode/Population layout with Gating-ML gate elements and read the same way).
 * Elements are matched by local name, so the Gating-ML namespaces may be bound to any prefix.
 * Nothing here looks at FCS data: see {@link FlowJoStrategies} for binding a sample to a file.
 */
public final class FlowJoWorkspaceReader {
  private FlowJoWorkspaceReader() {}

  public static FlowJoWorkspace read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  public static FlowJoWorkspace read(InputStream in, String source) throws IOException {
    Element root;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      root = factory.newDocumentBuilder().parse(in, source).getDocumentElement();
    } catch (ParserConfigurationException | SAXException e) {
      throw new FlowJoWorkspaceException(source + ": not a readable XML workspace: "
          + e.getMessage(), e);
    }
    if (!"Workspace".equals(local(root))) {
      throw new FlowJoWorkspaceException(
          source + ": root element is <" + local(root) + ">, not a FlowJo <Workspace>");
    }
    String version = root.getAttribute("flowJoVersion");
    if (version.isEmpty()) {
      version = root.getAttribute("version");
    }
    List<WorkspaceSample> samples = new ArrayList<>();
    for (Element list : children(root, "SampleList")) {
      for (Element sample : children(list, "Sample")) {
        samples.add(sample(sample, source));
      }
    }
    List<Group> groups = new ArrayList<>();
    for (Element groupsElement : children(root, "Groups")) {
      for (Element node : children(groupsElement, "GroupNode")) {
        List<String> ids = new ArrayList<>();
        for (Element group : children(node, "Group")) {
          for (Element refs : children(group, "SampleRefs")) {
            for (Element ref : children(refs, "SampleRef")) {
              ids.add(ref.getAttribute("sampleID"));
            }
          }
        }
        groups.add(new Group(node.getAttribute("name"), ids));
      }
    }
    return new FlowJoWorkspace(source, version, samples, groups);
  }

  private static WorkspaceSample sample(Element sample, String source) {
    Element node = first(sample, "SampleNode").orElseThrow(() -> new FlowJoWorkspaceException(
        source + ": a <Sample> without <SampleNode>"));
    String id = node.getAttribute("sampleID");
    Optional<Element> dataSet = first(sample, "DataSet");
    String uri = dataSet.map(d -> d.getAttribute("uri")).orElse("");
    if (id.isEmpty()) {
      id = dataSet.map(d -> d.getAttribute("sampleID")).orElse("");
    }
    Map<String, String> keywords = new LinkedHashMap<>();
    for (Element list : children(sample, "Keywords")) {
      for (Element keyword : children(list, "Keyword")) {
        keywords.put(keyword.getAttribute("name"), keyword.getAttribute("value"));
      }
    }
    Optional<WorkspaceCompensation> compensation =
        first(sample, "spilloverMatrix").map(m -> compensation(m, source, node));
    Map<String, FlowJoTransform> transforms = new LinkedHashMap<>();
    for (Element list : children(sample, "Transformations")) {
      for (Element transform : elements(list)) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < transform.getAttributes().getLength(); i++) {
          Node attribute = transform.getAttributes().item(i);
          String name = attribute.getLocalName() == null
              ? attribute.getNodeName() : attribute.getLocalName();
          attributes.put(name, attribute.getNodeValue());
        }
        for (Element parameter : children(transform, "parameter")) {
          transforms.put(attr(parameter, "name"), new FlowJoTransform(local(transform), attributes));
        }
      }
    }
    List<WorkspacePopulation> populations = new ArrayList<>();
    for (Element subpopulations : children(node, "Subpopulations")) {
      collect(subpopulations, "", populations);
    }
    return new WorkspaceSample(id, node.getAttribute("name"), uri, keywords,
        count(node), compensation, transforms, populations);
  }

  private static WorkspaceCompensation compensation(
      Element matrix, String source, Element sampleNode) {
    List<String> detectors = new ArrayList<>();
    for (Element parameters : children(matrix, "parameters")) {
      for (Element parameter : children(parameters, "parameter")) {
        detectors.add(attr(parameter, "name"));
      }
    }
    double[][] rows = new double[detectors.size()][detectors.size()];
    for (Element spillover : children(matrix, "spillover")) {
      int row = detectors.indexOf(attr(spillover, "parameter"));
      for (Element coefficient : children(spillover, "coefficient")) {
        int column = detectors.indexOf(attr(coefficient, "parameter"));
        if (row < 0 || column < 0) {
          throw new FlowJoWorkspaceException(source + ": sample " + sampleNode.getAttribute("name")
              + ": spillover matrix " + matrix.getAttribute("name") + " names a parameter ("
              + attr(spillover, "parameter") + " / " + attr(coefficient, "parameter")
              + ") missing from its parameter list");
        }
        rows[row][column] = Double.parseDouble(attr(coefficient, "value"));
      }
    }
    String name = matrix.getAttribute("name");
    return new WorkspaceCompensation(name, matrix.getAttribute("prefix"),
        matrix.getAttribute("suffix"),
        SpilloverMatrix.of(source + " matrix " + name, detectors, rows));
  }

  /** Walks a {@code <Subpopulations>} element: populations and Boolean nodes, parents first. */
  private static void collect(Element subpopulations, String parentPath,
      List<WorkspacePopulation> out) {
    for (Element child : elements(subpopulations)) {
      String kind = switch (local(child)) {
        case "Population" -> "";
        case "AndNode" -> "AND";
        case "OrNode" -> "OR";
        case "NotNode" -> "NOT";
        default -> null;
      };
      if (kind == null) {
        continue;
      }
      String name = child.getAttribute("name");
      String path = parentPath + "/" + name;
      List<String> dependents = new ArrayList<>();
      for (Element list : children(child, "Dependents")) {
        for (Element dependent : children(list, "Dependent")) {
          dependents.add(dependent.getAttribute("name"));
        }
      }
      Optional<FlowJoGate> gate = kind.isEmpty()
          ? first(child, "Gate").map(FlowJoWorkspaceReader::gate) : Optional.empty();
      out.add(new WorkspacePopulation(path, name, parentPath.isEmpty() ? null : parentPath, gate,
          kind.isEmpty() ? null : kind, dependents, child.getAttribute("owningGroup"),
          count(child)));
      for (Element nested : children(child, "Subpopulations")) {
        collect(nested, path, out);
      }
    }
  }

  private static FlowJoGate gate(Element gateElement) {
    String gateId = attr(gateElement, "id");
    Element shape = elements(gateElement).stream().findFirst().orElse(null);
    if (shape == null) {
      return new FlowJoGate.Unsupported(gateId, List.of(), "(empty <Gate>)");
    }
    List<String> dimensions = new ArrayList<>();
    List<Element> dimensionElements = children(shape, "dimension");
    for (Element dimension : dimensionElements) {
      dimensions.add(elements(dimension).stream().findFirst()
          .map(d -> attr(d, "name")).orElse(""));
    }
    switch (local(shape)) {
      case "RectangleGate" -> {
        double[] min = new double[dimensions.size()];
        double[] max = new double[dimensions.size()];
        for (int d = 0; d < min.length; d++) {
          min[d] = bound(dimensionElements.get(d), "min", Double.NEGATIVE_INFINITY);
          max[d] = bound(dimensionElements.get(d), "max", Double.POSITIVE_INFINITY);
        }
        return new FlowJoGate.Rectangle(gateId, dimensions, min, max);
      }
      case "PolygonGate" -> {
        List<double[]> vertices = vertices(shape);
        double[] xs = new double[vertices.size()];
        double[] ys = new double[vertices.size()];
        for (int v = 0; v < xs.length; v++) {
          xs[v] = vertices.get(v)[0];
          ys[v] = vertices.get(v)[1];
        }
        return new FlowJoGate.Polygon(gateId, dimensions, xs, ys);
      }
      case "EllipsoidGate" -> {
        double[][] foci = first(shape, "foci").map(f -> vertices(f).toArray(double[][]::new))
            .orElse(new double[0][]);
        double[][] edge = first(shape, "edge").map(f -> vertices(f).toArray(double[][]::new))
            .orElse(new double[0][]);
        return new FlowJoGate.Ellipse(gateId, dimensions, foci, edge);
      }
      default -> {
        return new FlowJoGate.Unsupported(gateId, dimensions, local(shape));
      }
    }
  }

  private static List<double[]> vertices(Element parent) {
    List<double[]> vertices = new ArrayList<>();
    for (Element vertex : children(parent, "vertex")) {
      List<Element> coordinates = children(vertex, "coordinate");
      double[] point = new double[coordinates.size()];
      for (int c = 0; c < point.length; c++) {
        point[c] = Double.parseDouble(attr(coordinates.get(c), "value"));
      }
      vertices.add(point);
    }
    return vertices;
  }

  private static double bound(Element dimension, String name, double open) {
    String value = attr(dimension, name);
    return value.isEmpty() ? open : Double.parseDouble(value);
  }

  private static long count(Element node) {
    String count = node.getAttribute("count");
    return count.isEmpty() ? -1 : Long.parseLong(count.trim());
  }

  /** An attribute by local name, whatever its namespace prefix ("" when absent). */
  private static String attr(Element element, String localName) {
    for (int i = 0; i < element.getAttributes().getLength(); i++) {
      Node attribute = element.getAttributes().item(i);
      String name = attribute.getLocalName() == null
          ? attribute.getNodeName() : attribute.getLocalName();
      if (name.equals(localName)) {
        return attribute.getNodeValue();
      }
    }
    return "";
  }

  private static String local(Node node) {
    return node.getLocalName() == null ? node.getNodeName() : node.getLocalName();
  }

  private static List<Element> elements(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element) {
        out.add(element);
      }
    }
    return out;
  }

  private static List<Element> children(Element parent, String localName) {
    return elements(parent).stream().filter(e -> local(e).equals(localName)).toList();
  }

  private static Optional<Element> first(Element parent, String localName) {
    return children(parent, localName).stream().findFirst();
  }
}
