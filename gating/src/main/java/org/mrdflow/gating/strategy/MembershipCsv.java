package org.mrdflow.gating.strategy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mrdflow.gating.events.EventMask;

/**
 * Per-event membership as CSV: a header of population ids, then one row per event (file order)
 * with 1 where the event is in the population and 0 where not — the form FlowKit and the
 * Gating-ML compliance truths use, for comparing with gates applied in FlowJo.
 */
public final class MembershipCsv {
  private MembershipCsv() {}

  public static void write(GatingResult result, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(result, out);
    }
  }

  public static void write(GatingResult result, Writer out) throws IOException {
    List<PopulationResult> populations = result.populations();
    StringBuilder header = new StringBuilder();
    for (PopulationResult population : populations) {
      if (header.length() > 0) {
        header.append(',');
      }
      header.append(quote(population.id()));
    }
    Writer writer = out instanceof BufferedWriter ? out : new BufferedWriter(out);
    writer.write(header.append('\n').toString());
    EventMask[] masks = populations.stream().map(PopulationResult::events)
        .toArray(EventMask[]::new);
    char[] row = new char[2 * masks.length];
    for (int c = 0; c < masks.length; c++) {
      row[2 * c + 1] = c + 1 < masks.length ? ',' : '\n';
    }
    for (int e = 0; e < result.eventCount(); e++) {
      for (int c = 0; c < masks.length; c++) {
        row[2 * c] = masks[c].get(e) ? '1' : '0';
      }
      writer.write(row);
    }
    writer.flush();
  }

  private static String quote(String id) {
    return id.contains(",") || id.contains("\"") ? '"' + id.replace("\"", "\"\"") + '"' : id;
  }
}
