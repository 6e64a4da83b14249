package org.mrdflow.gating.panel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mrdflow.gating.events.Channel;
import org.mrdflow.gating.events.EventTable;

/**
 * Marker aliases: how instruments and labs name each marker in {@code $PnS} (stain label) and
 * {@code $PnN} (detector). Markers are always resolved by name, never by column position.
 *
 * <p>A channel carries marker M when, ignoring case, its {@code $PnN} or {@code $PnS} equals one
 * of M's aliases, or its {@code $PnS} contains an alias as a whole word (words split at
 * blanks, '-', '_', '/', ':' and parentheses), so "CD19 PE-Cy7", "CD19-APC" and a channel named
 * "FL5-A" labelled "CD19" all carry CD19. When both the area and the height signal of a
 * detector match, the area ({@code -A}) channel is taken, as cytometrists gate fluorescence on
 * area.
 *
 * <p>Several channels carrying a marker of {@code preferFirstAlias} (e.g. the blue "SSC-A" and
 * the violet "SSC-B-A" or "Violet SSC-A" of CytoFLEX and Aurora instruments) are not ambiguous:
 * the channel whose name or label equals the earliest alias in the panel's list wins. Any other
 * marker carried by several channels stays ambiguous.
 *
 * @param name panel name
 * @param aliases marker -> aliases (the marker's own name is always an alias)
 * @param preferFirstAlias markers resolved by alias order when several channels carry them
 */
public record Panel(String name, Map<String, List<String>> aliases,
    List<String> preferFirstAlias) {
  private static final String WORD_SEPARATORS = "[\\s\\-_/:()]+";

  public Panel {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    aliases.forEach((marker, list) -> {
      List<String> all = new ArrayList<>();
      all.add(marker);
      list.stream().filter(a -> !a.equalsIgnoreCase(marker)).forEach(all::add);
      copy.put(marker, List.copyOf(all));
    });
    aliases = java.util.Collections.unmodifiableMap(copy);
    preferFirstAlias = List.copyOf(preferFirstAlias);
  }

  public Panel(String name, Map<String, List<String>> aliases) {
    this(name, aliases, List.of());
  }

  /**
   * Reads a panel YAML file: {@code name: ...}, {@code markers: {CD19: [aliases...], ...}} and
   * optionally {@code prefer_first_alias: [SSC-A, ...]}.
   */
  public static Panel read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(file.toString(), in);
    } catch (IOException e) {
      throw new PanelException(file + ": cannot read panel: " + e.getMessage());
    }
  }

  public static Panel parse(String source, InputStream in) throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new PanelException(source + ": not valid YAML: " + e.getMessage());
    }
    if (root == null || !root.path("markers").isObject()) {
      throw new PanelException(source + ": a panel needs a 'markers' mapping of marker -> aliases");
    }
    Map<String, List<String>> aliases = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.path("markers").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      List<String> list = new ArrayList<>();
      JsonNode value = field.getValue();
      if (value.isArray()) {
        value.forEach(alias -> list.add(alias.asText()));
      } else if (!value.isNull()) {
        throw new PanelException(source + ": aliases of marker " + field.getKey()
            + " must be a list of strings");
      }
      aliases.put(field.getKey(), list);
    }
    List<String> preferFirst = new ArrayList<>();
    JsonNode prefer = root.path("prefer_first_alias");
    if (prefer.isArray()) {
      prefer.forEach(marker -> preferFirst.add(marker.asText()));
    } else if (!prefer.isMissingNode() && !prefer.isNull()) {
      throw new PanelException(source + ": prefer_first_alias must be a list of markers");
    }
    for (String marker : preferFirst) {
      if (!aliases.containsKey(marker)) {
        throw new PanelException(source + ": prefer_first_alias names " + marker
            + ", which is not a marker of the panel");
      }
    }
    return new Panel(root.path("name").asText(source), aliases, preferFirst);
  }

  public boolean hasMarker(String marker) {
    return aliases.containsKey(marker);
  }

  /**
   * The channel ({@code $PnN}) carrying each of {@code markers} in {@code events}.
   *
   * @throws PanelException listing every missing or ambiguous marker and the channels found
   */
  public Map<String, String> resolve(EventTable events, Collection<String> markers) {
    Map<String, String> resolved = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String marker : markers) {
      List<Channel> matches = new ArrayList<>();
      for (Channel channel : events.channels()) {
        if (carries(channel, marker)) {
          matches.add(channel);
        }
      }
      if (matches.size() > 1 && preferFirstAlias.contains(marker)) {
        matches = firstAliasMatches(marker, matches);
      }
      if (matches.size() > 1) {
        List<Channel> areas = matches.stream()
            .filter(c -> c.name().toUpperCase(Locale.ROOT).endsWith("-A")).toList();
        if (areas.size() == 1) {
          matches = areas;
        }
      }
      if (matches.isEmpty()) {
        problems.add(marker + " (aliases " + aliases.getOrDefault(marker, List.of(marker))
            + ") is missing");
      } else if (matches.size() > 1) {
        problems.add(marker + " is ambiguous: " + describe(matches));
      } else {
        resolved.put(marker, matches.get(0).name());
      }
    }
    if (!problems.isEmpty()) {
      throw new PanelException("panel " + name + ": " + String.join("; ", problems)
          + ". Channels found: " + describe(events.channels()));
    }
    return resolved;
  }

  /**
   * The channel carrying {@code marker} in {@code events}, if exactly one does (after the
   * alias-order and area rules of {@link #resolve}); empty when none does.
   *
   * @throws PanelException when the marker is ambiguous
   */
  public java.util.Optional<String> resolveOptional(EventTable events, String marker) {
    for (Channel channel : events.channels()) {
      if (carries(channel, marker)) {
        return java.util.Optional.of(resolve(events, List.of(marker)).get(marker));
      }
    }
    return java.util.Optional.empty();
  }

  /** Of {@code matches}, those whose name or label equals the earliest matching alias. */
  private List<Channel> firstAliasMatches(String marker, List<Channel> matches) {
    for (String alias : aliases.getOrDefault(marker, List.of(marker))) {
      List<Channel> exact = matches.stream()
          .filter(c -> alias.equalsIgnoreCase(c.name()) || alias.equalsIgnoreCase(c.label()))
          .toList();
      if (!exact.isEmpty()) {
        return exact;
      }
    }
    return matches;
  }

  private boolean carries(Channel channel, String marker) {
    for (String alias : aliases.getOrDefault(marker, List.of(marker))) {
      if (alias.equalsIgnoreCase(channel.name()) || alias.equalsIgnoreCase(channel.label())) {
        return true;
      }
      if (!alias.matches(".*" + WORD_SEPARATORS + ".*")) {
        for (String word : channel.label().split(WORD_SEPARATORS)) {
          if (word.equalsIgnoreCase(alias)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static String describe(List<Channel> channels) {
    List<String> parts = new ArrayList<>();
    for (Channel channel : channels) {
      parts.add(channel.label().isEmpty()
          ? channel.name()
          : channel.name() + " [" + channel.label() + "]");
    }
    return String.join(", ", parts);
  }
}
