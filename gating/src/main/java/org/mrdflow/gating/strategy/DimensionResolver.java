package org.mrdflow.gating.strategy;

import java.util.HashMap;
import java.util.Map;
import org.mrdflow.fcs.SpilloverMatrix;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.compensation.Compensation;
import org.mrdflow.gating.events.EventTable;
import org.mrdflow.gating.events.Sample;
import org.mrdflow.gating.gate.Dimension;

/**
 * Turns gate dimensions into value columns for one sample: raw -> compensated -> transformed,
 * every stage explicit and computed once (compensated tables per compensation id, columns per
 * dimension) however many gates share them.
 */
final class DimensionResolver {
  private final GatingStrategy strategy;
  private final Sample sample;
  private final Map<String, String> markerChannels;
  private final Map<String, EventTable> compensated = new HashMap<>();
  private final Map<Dimension, float[]> columns = new HashMap<>();

  /**
   * @param markerChannels panel marker -> channel name for this sample (empty without a panel)
   */
  DimensionResolver(GatingStrategy strategy, Sample sample, Map<String, String> markerChannels) {
    this.strategy = strategy;
    this.sample = sample;
    this.markerChannels = markerChannels;
  }

  int eventCount() {
    return sample.events().eventCount();
  }

  /** The sample with compensation {@code id} applied ("uncompensated", "FCS" or a matrix id). */
  EventTable table(String id) {
    EventTable table = compensated.get(id);
    if (table == null) {
      table = switch (id) {
        case Dimension.UNCOMPENSATED -> sample.events();
        // A file without a spillover keyword is used as acquired (Gating-ML 2.0 section 4.3:
        // the compliance suite's Rectangle2 equals Rectangle1 for that reason).
        case Dimension.FILE_COMPENSATION -> sample.spillover()
            .map(matrix -> Compensation.of(matrix).apply(sample.events()))
            .orElse(sample.events());
        default -> {
          SpilloverMatrix matrix = strategy.compensations().get(id);
          if (matrix == null) {
            throw new GatingException("unknown compensation '" + id + "'");
          }
          yield Compensation.of(matrix).apply(sample.events());
        }
      };
      compensated.put(id, table);
    }
    return table;
  }

  /** Values of {@code dimension} for every event; shared, do not modify. */
  float[] values(Dimension dimension) {
    float[] values = columns.get(dimension);
    if (values == null) {
      values = dimension.transformed()
          ? transformed(dimension)
          : untransformed(dimension);
      columns.put(dimension, values);
    }
    return values;
  }

  private float[] transformed(Dimension dimension) {
    float[] linear = values(new Dimension(
        dimension.parameter(), dimension.ratio(), dimension.compensation(), ""));
    float[] out = new float[linear.length];
    strategy.transforms().get(dimension.transform()).apply(linear, out, linear.length);
    return out;
  }

  private float[] untransformed(Dimension dimension) {
    EventTable table = table(dimension.compensation());
    if (!dimension.ratio()) {
      return column(table, dimension.parameter());
    }
    RatioDefinition ratio = strategy.ratios().get(dimension.parameter());
    float[] numerator = column(table, ratio.numerator());
    float[] denominator = column(table, ratio.denominator());
    float[] out = new float[numerator.length];
    ratio.transform().apply(numerator, denominator, out, out.length);
    return out;
  }

  private float[] column(EventTable table, String parameter) {
    int index = table.indexOf(parameter);
    if (index < 0 && markerChannels.containsKey(parameter)) {
      index = table.indexOf(markerChannels.get(parameter));
    }
    if (index < 0) {
      throw new GatingException(sample.name() + ": no channel or marker '" + parameter
          + "' in the data, which has " + table.channelNames());
    }
    return table.column(index);
  }
}
