package org.mrdflow.gating.gate;

import java.util.List;
import java.util.Objects;
import org.mrdflow.gating.GatingException;

/**
 * The geometry a data-driven gating method returns for one population of one sample: fixed
 * shapes ({@link GeometricGate}: ranges/rectangles, polygons such as half-planes of a linear
 * score, n-dimensional ellipsoids) over named dimensions, Boolean combinations of them, and the
 * membership of other populations evaluated earlier. The population is its parent's events
 * inside the region.
 *
 * <p>The engine does not evaluate a region by itself: it expands it into ordinary populations
 * (one per named part, combined by Gating-ML 2.0 Boolean gates, section 5.1.5) and applies
 * those, so the counts, the Gating-ML export and the plots all come from the same gates, and a
 * re-imported export gives the same events by construction.
 */
public sealed interface Region {

  /** A fixed shape; {@code name} becomes the part's id suffix ({@code <population>.<name>}). */
  record Shape(String name, GeometricGate gate) implements Region {
    public Shape {
      Objects.requireNonNull(gate, "gate");
      requireName(name);
    }
  }

  /** Events inside every part; the parts are applied in order, each within the previous. */
  record And(String name, List<Region> parts) implements Region {
    public And {
      requireName(name);
      parts = List.copyOf(parts);
      if (parts.size() < 2) {
        throw new GatingException("region 'and' needs at least 2 parts, got " + parts.size());
      }
    }
  }

  /** Events inside any part. */
  record Or(String name, List<Region> parts) implements Region {
    public Or {
      requireName(name);
      parts = List.copyOf(parts);
      if (parts.size() < 2) {
        throw new GatingException("region 'or' needs at least 2 parts, got " + parts.size());
      }
    }
  }

  /** Events outside {@code part}. */
  record Not(String name, Region part) implements Region {
    public Not {
      requireName(name);
      Objects.requireNonNull(part, "part");
    }
  }

  /** The events of another population of the strategy, evaluated before this one. */
  record Member(String population) implements Region {
    public Member {
      Objects.requireNonNull(population, "population");
    }
  }

  /** Every event of the parent (e.g. a time QC that found no disturbance). */
  record Everything() implements Region {}

  /** No event (e.g. a CD19-negative clone: no blast of an expressing subclone). */
  record Nothing() implements Region {}

  private static void requireName(String name) {
    if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
      throw new GatingException("region part name '" + name
          + "' must start with a letter and hold only letters, digits, '-' and '_'");
    }
  }
}
