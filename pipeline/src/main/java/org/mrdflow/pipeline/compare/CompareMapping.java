package org.mrdflow.pipeline.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mrdflow.pipeline.config.ConfigException;

/**
 * Which populations of a lab's FlowJo workspace play which role in the MRD comparison
 * ({@code conf/compare/*.yaml}). Each role names one FlowJo population path
 * ({@code /Cells/Singlets/CD19+/Blasts}) or a list of them, which is their union (a lab that
 * gates CD19+ and CD19- blasts separately lists both under {@code blasts}).
 *
 * @param blasts the leukemic blasts (MRD numerator)
 * @param denominator the MRD denominator (nucleated cells, or what the lab uses)
 * @param bLineage all B-lineage cells (optional: empty)
 * @param hematogones normal B precursors (optional: empty)
 * @param cd19Blasts the CD19+ blasts, for the CD19+ share and hCD19 CAR-T eligibility
 *     (optional: empty)
 */
public record CompareMapping(List<String> blasts, List<String> denominator,
    List<String> bLineage, List<String> hematogones, List<String> cd19Blasts) {

  public CompareMapping {
    blasts = List.copyOf(blasts);
    denominator = List.copyOf(denominator);
    bLineage = List.copyOf(bLineage);
    hematogones = List.copyOf(hematogones);
    cd19Blasts = List.copyOf(cd19Blasts);
  }

  public static CompareMapping read(Path file) throws IOException, ConfigException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    if (root == null || !root.isObject()) {
      throw new ConfigException(file + ": a compare mapping is a YAML map of roles to "
          + "FlowJo population paths");
    }
    List<String> problems = new ArrayList<>();
    root.fieldNames().forEachRemaining(name -> {
      if (!List.of("blasts", "denominator", "b_lineage", "hematogones", "cd19_blasts")
          .contains(name)) {
        problems.add("unknown role '" + name + "' (roles: blasts, denominator, b_lineage, "
            + "hematogones, cd19_blasts)");
      }
    });
    CompareMapping mapping = new CompareMapping(paths(root, "blasts", true, problems),
        paths(root, "denominator", true, problems), paths(root, "b_lineage", false, problems),
        paths(root, "hematogones", false, problems), paths(root, "cd19_blasts", false, problems));
    if (!problems.isEmpty()) {
      throw new ConfigException(file + ": " + String.join("; ", problems));
    }
    return mapping;
  }

  private static List<String> paths(JsonNode root, String role, boolean required,
      List<String> problems) {
    JsonNode node = root.get(role);
    List<String> paths = new ArrayList<>();
    if (node == null || node.isNull()) {
      if (required) {
        problems.add("role '" + role + "' is required");
      }
      return paths;
    }
    if (node.isArray()) {
      node.forEach(n -> paths.add(n.asText()));
    } else {
      paths.add(node.asText());
    }
    for (String path : paths) {
      if (!path.startsWith("/")) {
        problems.add(role + ": '" + path + "' is not a FlowJo population path (starts with /)");
      }
    }
    return paths;
  }
}
