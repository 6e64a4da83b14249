package org.mrdflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mrdflow.fcs.ColumnSummary;
import org.mrdflow.fcs.FcsChannel;
import org.mrdflow.fcs.FcsDataset;
import org.mrdflow.fcs.FcsFile;
import org.mrdflow.fcs.FcsReadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mrdflow fcs ...}: look inside FCS files. */
@Command(
    name = "fcs",
    mixinStandardHelpOptions = true,
    description = "Inspect FCS files.",
    subcommands = {FcsCommand.Stats.class})
public final class FcsCommand extends CommandGroup {
  /** {@code mrdflow fcs stats FILE [--dataset N] [--linearize]}. */
  @Command(
      name = "stats",
      mixinStandardHelpOptions = true,
      description = "Print per-dataset metadata, per-channel sum/min/max, the first and last "
          + "three events and all keywords as JSON. Values are raw unless --linearize.")
  static final class Stats implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "FCS file (any extension).")
    Path file;

    @Option(names = "--dataset", paramLabel = "N",
        description = "Show only data set N (0-based, in $NEXTDATA order).")
    Integer dataset;

    @Option(names = "--linearize",
        description = "Read as flowCore's read.FCS does by default: decode log $PnE, truncate at $PnR.")
    boolean linearize;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      FcsReadOptions options = linearize ? FcsReadOptions.flowCoreDefaults()
          : FcsReadOptions.defaults();
      JsonNodeFactory json = JsonNodeFactory.instance;
      try (FcsFile f = FcsFile.open(file, options)) {
        List<FcsDataset> datasets = f.datasets();
        if (dataset != null && (dataset < 0 || dataset >= datasets.size())) {
          err.println(file + ": no dataset " + dataset + " (the file has "
              + datasets.size() + ")");
          return 2;
        }
        ObjectNode root = json.objectNode();
        root.put("file", file.toString());
        ArrayNode described = root.putArray("datasets");
        for (FcsDataset d : datasets) {
          if (dataset == null || dataset == d.index()) {
            described.add(describe(json, d));
          }
        }
        CliOutput.printJson(out, root, true);
        return 0;
      } catch (IOException e) {
        return CliOutput.unreadableFcs(err, file, e);
      }
    }

    private static ObjectNode describe(JsonNodeFactory json, FcsDataset d) {
      ObjectNode node = json.objectNode();
      node.put("index", d.index());
      node.put("version", d.version());
      node.put("events", d.eventCount());
      node.put("parameters", d.parameterCount());
      ArrayNode channels = node.putArray("channels");
      for (int c = 0; c < d.parameterCount(); c++) {
        FcsChannel ch = d.channels().get(c);
        ColumnSummary s = d.summary(c);
        ObjectNode cn = channels.addObject();
        cn.put("name", ch.name());
        cn.put("label", ch.label());
        cn.put("bits", ch.bits());
        putNumber(cn, "range", ch.range());
        putNumber(cn, "sum", s.sum());
        putNumber(cn, "min", s.min());
        putNumber(cn, "max", s.max());
      }
      int n = d.eventCount();
      node.set("first", events(json, d, 0, Math.min(3, n)));
      node.set("last", events(json, d, Math.max(0, n - 3), n));
      ObjectNode keywords = node.putObject("keywords");
      for (Map.Entry<String, String> e : d.keywords().asMap().entrySet()) {
        keywords.put(e.getKey(), e.getValue());
      }
      return node;
    }

    private static ArrayNode events(JsonNodeFactory json, FcsDataset d, int from, int to) {
      // Read the stored arrays as they are: widening a float column to double[] just to print six
      // events would double the heap a large file needs.
      ArrayNode rows = json.arrayNode();
      for (int e = from; e < to; e++) {
        ArrayNode row = rows.addArray();
        for (int c = 0; c < d.parameterCount(); c++) {
          addNumber(row, d.storesFloat(c) ? d.floatColumn(c)[e] : d.doubleColumn(c)[e]);
        }
      }
      return rows;
    }

    /** Integral values print without ".0"; NaN and infinities as strings, as the goldens do. */
    private static void putNumber(ObjectNode node, String field, double v) {
      if (isWhole(v)) {
        node.put(field, (long) v);
      } else if (Double.isFinite(v)) {
        node.put(field, v);
      } else {
        node.put(field, Double.toString(v));
      }
    }

    private static void addNumber(ArrayNode row, double v) {
      if (isWhole(v)) {
        row.add((long) v);
      } else if (Double.isFinite(v)) {
        row.add(v);
      } else {
        row.add(Double.toString(v));
      }
    }

    private static boolean isWhole(double v) {
      return Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 0x1p53;
    }
  }
}
