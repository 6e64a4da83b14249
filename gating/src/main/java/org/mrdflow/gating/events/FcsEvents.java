package org.mrdflow.gating.events;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mrdflow.fcs.FcsChannel;
import org.mrdflow.fcs.FcsDataType;
import org.mrdflow.fcs.FcsDataset;
import org.mrdflow.fcs.FcsFile;
import org.mrdflow.fcs.FcsReadOptions;
import org.mrdflow.fcs.SpilloverMatrix;

/**
 * FCS datasets as gating samples. Gates apply to SCALE values (Gating-ML 2.0 section 3.4; FCS
 * 3.1 sections 3.3.25/3.3.28): log-amplified integer channels ({@code $PnE = f1,f2}, f1 > 0)
 * are decoded to {@code f2 10^(f1 x / $PnR)} (f2 = 0 read as 1) and linear channels are divided
 * by their gain {@code $PnG}; nothing is truncated. The file's spillover keyword, if any, comes
 * along with its detector names for "FCS" compensation.
 */
public final class FcsEvents {
  /** Reader options giving scale values: linearize $PnE, apply $PnG, no truncation. */
  public static final FcsReadOptions SCALE = FcsReadOptions.defaults()
      .withLinearize(true)
      .withApplyGain(true);

  private FcsEvents() {}

  /** The first dataset of {@code file} on the scale. */
  public static Sample read(Path file) throws IOException {
    try (FcsFile fcs = FcsFile.open(file, SCALE)) {
      return sample(fcs.first(), file.getFileName().toString());
    }
  }

  /**
   * The top of a channel's scale, in the units {@link #SCALE} reads it in: the T of any transform
   * (logicle, hyperlog, ...) that should map the channel's full range. A log-amplified integer
   * channel reaches {@code f2 10^f1} (f2 = 0 read as 1); a linear channel with gain
   * {@code $PnG} reaches {@code $PnR / $PnG}; otherwise {@code $PnR}. Using {@code $PnR} itself
   * would put a log channel's decades above T (e.g. 10^4 against $PnR = 1024).
   */
  public static double scaleTop(FcsChannel channel) {
    if (channel.isLogAmplified() && channel.dataType() == FcsDataType.INTEGER && channel.range() > 0) {
      return (channel.logOffset() == 0 ? 1 : channel.logOffset()) * Math.pow(10, channel.logDecades());
    }
    if (!channel.isLogAmplified() && channel.gain() > 0 && channel.gain() != 1) {
      return channel.range() / channel.gain();
    }
    return channel.range();
  }

  /** {@code dataset} as a sample; its columns must already be readable (file still open). */
  public static Sample sample(FcsDataset dataset, String name) {
    List<Channel> channels = new ArrayList<>();
    float[][] columns = new float[dataset.parameterCount()][];
    for (int c = 0; c < columns.length; c++) {
      FcsChannel channel = dataset.channels().get(c);
      channels.add(new Channel(channel.name(), channel.label()));
      columns[c] = dataset.floatColumn(c);
    }
    Optional<SpilloverMatrix> spillover = dataset.spillover()
        .map(m -> m.withSource(name + " " + m.source()));
    return new Sample(name, new EventTable(channels, columns), spillover);
  }
}
