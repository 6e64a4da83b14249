package org.mrdflow.gating.events;

import java.util.Objects;

/**
 * One column of an {@link EventTable}: the detector name ({@code $PnN}) and, when the file has
 * one, the stain label ({@code $PnS}, e.g. "CD19 PE-Cy7"); {@code label} is empty when absent.
 */
public record Channel(String name, String label) {
  public Channel {
    Objects.requireNonNull(name, "name");
    label = label == null ? "" : label;
  }

  public static Channel named(String name) {
    return new Channel(name, "");
  }
}
