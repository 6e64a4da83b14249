package org.mrdflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.mrdflow.models.StatsInputException;
import org.mrdflow.models.data.CsvTable;
import org.mrdflow.models.json.StatsJson;
import org.mrdflow.models.survival.ConfidenceType;
import org.mrdflow.models.survival.CoxModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mrdflow stats}: outcome statistics on a CSV file, printed as the JSON documents of
 * {@link StatsJson} (field names are a contract analysts diff against R). Without {@code --json}
 * the same document is printed indented for reading.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Survival and competing-risks statistics that match R's survival and cmprsk.",
    subcommands = {StatsCommand.Km.class, StatsCommand.Cox.class, StatsCommand.Cif.class,
        StatsCommand.FineGrayCommand.class, StatsCommand.Fisher.class,
        StatsCommand.LandmarkCommand.class, StatsCommand.MantelByar.class})
public final class StatsCommand extends CommandGroup {

  /** Shared: run a document builder, print it, map bad input to exit code 2. */
  abstract static class Base implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print compact JSON (default: indented).")
    boolean json;

    /** Prints the document; {@code source} (the input file, or null) prefixes input errors. */
    int print(Object source, Supplier<JsonNode> document) {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        CliOutput.printJson(out, document.get(), !json);
        out.flush();
        return 0;
      } catch (StatsInputException e) {
        String message = e.getMessage();
        if (source != null && !message.startsWith(source.toString())) {
          message = source + ": " + message;
        }
        err.println("mrdflow stats " + spec.name() + ": " + message);
        err.flush();
        return 2;
      } catch (RuntimeException | java.io.IOException e) {
        err.println("mrdflow stats " + spec.name() + ": failed: " + e);
        err.flush();
        return 1;
      }
    }

    static CsvTable read(Path input) {
      if (!Files.isRegularFile(input)) {
        throw new StatsInputException(input + ": no such file");
      }
      return CsvTable.read(input);
    }

    static double[] times(String list) {
      return times("--times", list);
    }

    static double[] times(String option, String list) {
      if (list == null) {
        return null;
      }
      try {
        return Arrays.stream(list.split(",")).map(String::trim).mapToDouble(Double::parseDouble)
            .toArray();
      } catch (NumberFormatException e) {
        throw new StatsInputException(option + ": not a comma-separated list of numbers: "
            + list);
      }
    }
  }

  @Command(name = "km", mixinStandardHelpOptions = true,
      description = {"Kaplan-Meier curves, medians, survival at times and the log-rank test.",
          "With --start, the rows are (start, stop] intervals and a group may change over time:"
              + " Simon-Makuch curves, whose numbers at risk change as patients switch group."})
  static final class Km extends Base {
    @Option(names = "--input", required = true, description = "CSV file.") Path input;
    @Option(names = {"--time", "--stop"}, required = true,
        description = "Follow-up time column (the interval's stop with --start).") String time;
    @Option(names = "--start", description = "Interval start column for (start, stop] rows.")
    String start;
    @Option(names = "--event", required = true, description = "Event column (0 = censored).")
    String event;
    @Option(names = "--group", description = "Grouping column.") String group;
    @Option(names = "--conf-type", defaultValue = "log",
        description = "Confidence interval type: log, log-log, plain, logit or arcsin (default ${DEFAULT-VALUE}).")
    String confType;
    @Option(names = "--times", description = "Comma-separated times to report, for example 6,12,24.") String times;

    @Override
    public Integer call() {
      return print(input, () -> StatsJson.km(read(input), new StatsJson.KmRequest(start, time,
          event, group, ConfidenceType.fromName(confType), times(times))));
    }
  }

  @Command(name = "cox", mixinStandardHelpOptions = true,
      description = {"Cox proportional-hazards regression with tests, concordance and cox.zph.",
          "With --start, the rows are (start, stop] intervals and the covariates may change over"
              + " time (e.g. transplant, MRD status); --robust adds SEs clustered by --id."})
  static final class Cox extends Base {
    @Option(names = "--input", required = true, description = "CSV file.") Path input;
    @Option(names = {"--time", "--stop"}, required = true,
        description = "Follow-up time column (the interval's stop with --start).") String time;
    @Option(names = "--start", description = "Interval start column for (start, stop] rows.")
    String start;
    @Option(names = "--id", description = "Patient id column (the cluster of --robust).")
    String id;
    @Option(names = "--robust",
        description = "Add robust_se: the sandwich variance clustered by --id (by row without it).")
    boolean robust;
    @Option(names = "--event", required = true, description = "Event column (0 = censored).")
    String event;
    @Option(names = "--covariates", required = true, split = ",",
        description = "Comma-separated numeric covariate columns.") List<String> covariates;
    @Option(names = "--ties", defaultValue = "efron",
        description = "Method for tied event times: efron, breslow or exact (default ${DEFAULT-VALUE}).") String ties;

    @Override
    public Integer call() {
      return print(input, () -> StatsJson.cox(read(input), new StatsJson.CoxRequest(start, time,
          event, id, covariates, CoxModel.Ties.fromName(ties), robust)));
    }
  }

  @Command(name = "landmark", mixinStandardHelpOptions = true,
      description = {"Landmark analyses on (start, stop] rows: at each landmark L, the patients"
          + " event-free and followed beyond L, grouped by their --group value at L, with"
          + " Kaplan-Meier curves from L, the log-rank test and a Cox model."})
  static final class LandmarkCommand extends Base {
    @Option(names = "--input", required = true, description = "CSV file.") Path input;
    @Option(names = "--start", required = true, description = "Interval start column.")
    String start;
    @Option(names = "--stop", required = true, description = "Interval stop column.") String stop;
    @Option(names = "--event", required = true, description = "Event column (0 = censored).")
    String event;
    @Option(names = "--id", required = true, description = "Patient id column.") String id;
    @Option(names = "--group", required = true,
        description = "Time-dependent group column (0/1), read on the row covering each landmark.")
    String group;
    @Option(names = "--landmark", required = true,
        description = "Comma-separated landmark times, for example 90,180.") String landmarks;
    @Option(names = "--conf-type", defaultValue = "log",
        description = "Confidence interval type: log, log-log, plain, logit or arcsin (default ${DEFAULT-VALUE}).")
    String confType;
    @Option(names = "--times", description = "Comma-separated times after the landmark.")
    String times;

    @Override
    public Integer call() {
      return print(input, () -> StatsJson.landmark(read(input), new StatsJson.LandmarkRequest(
          start, stop, event, id, group, times("--landmark", landmarks),
          ConfidenceType.fromName(confType), times(times))));
    }
  }

  @Command(name = "mantel-byar", mixinStandardHelpOptions = true,
      description = {"The Mantel-Byar test of a 0/1 group that may change over time (e.g."
          + " transplanted): a log-rank test in which each patient counts in his current group."})
  static final class MantelByar extends Base {
    @Option(names = "--input", required = true, description = "CSV file.") Path input;
    @Option(names = "--start", required = true, description = "Interval start column.")
    String start;
    @Option(names = "--stop", required = true, description = "Interval stop column.") String stop;
    @Option(names = "--event", required = true, description = "Event column (0 = censored).")
    String event;
    @Option(names = "--group", required = true,
        description = "The row's current group, 0 or 1.") String group;

    @Override
    public Integer call() {
      return print(input, () -> StatsJson.mantelByar(read(input),
          new StatsJson.MantelByarRequest(start, stop, event, group)));
    }
  }

  @Command(name = "cif", mixinStandardHelpOptions = true,
      description = "Cumulative incidence per cause and group, and Gray's test.")
  static final class Cif extends Base {
    @Option(names = "--input", required = true, description = "CSV file.") Path input;
    @Option(names = "--time", required = true, description = "Follow-up time column.") String time;
    @Option(names = "--status", required = true,
        description = "Status column: 0 = censored, 1..k = the cause.") String status;
    @Option(names = "--group", description = "Grouping column.") String group;
    @Option(names = "--times", description = "Report at these times instead of every jump.")
    String times;

    @Override
    public Integer call() {
      return print(input, () -> StatsJson.cif(read(input),
          new StatsJson.CifRequest(time, status, group, times(times))));
    }
  }

  @Command(name = "finegray", mixinStandardHelpOptions = true,
      description = "Fine-Gray subdistribution-hazards regression with robust SEs (crr).")
  static final class FineGrayCommand extends Base {
    @Option(names = "--input", required = true, description = "CSV file.") Path input;
    @Option(names = "--time", required = true, description = "Follow-up time column.") String time;
    @Option(names = "--status", required = true,
        description = "Status column: 0 = censored, 1..k = the cause.") String status;
    @Option(names = "--cause", defaultValue = "1", description = "Cause of interest.") int cause;
    @Option(names = "--covariates", required = true, split = ",",
        description = "Comma-separated numeric covariate columns.") List<String> covariates;

    @Override
    public Integer call() {
      return print(input, () -> StatsJson.fineGray(read(input),
          new StatsJson.FineGrayRequest(time, status, cause, covariates)));
    }
  }

  @Command(name = "fisher", mixinStandardHelpOptions = true,
      description = "Fisher's exact test (two-sided as R) with the conditional MLE odds ratio.")
  static final class Fisher extends Base {
    @Option(names = "--table", required = true, split = ",",
        description = "Counts row by row: a,b,c,d for the table [[a,b],[c,d]].") long[] table;
    @Option(names = "--rows", defaultValue = "2", description = "Number of rows (default 2).")
    int rows;

    @Override
    public Integer call() {
      return print(null, () -> StatsJson.fisher(table, rows));
    }
  }
}
