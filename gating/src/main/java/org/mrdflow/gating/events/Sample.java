package org.mrdflow.gating.events;

import java.util.Objects;
import java.util.Optional;
import org.mrdflow.fcs.SpilloverMatrix;

/**
 * One acquisition to gate: its events on the data scale (FCS channel values already converted
 * to scale values, see {@link FcsEvents}) and the spillover matrix its file carries, if any.
 */
public record Sample(String name, EventTable events, Optional<SpilloverMatrix> spillover) {
  public Sample {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(spillover, "spillover");
  }

  public static Sample of(String name, EventTable events) {
    return new Sample(name, events, Optional.empty());
  }
}
