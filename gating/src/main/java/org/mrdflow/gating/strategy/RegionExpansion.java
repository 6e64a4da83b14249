package org.mrdflow.gating.strategy;

import java.util.ArrayList;
import java.util.List;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.gate.BooleanGate;
import org.mrdflow.gating.gate.BooleanGate.Operand;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.RectangleGate;
import org.mrdflow.gating.gate.Region;

/**
 * A fitted {@link Region} as ordinary populations: each part becomes a population
 * {@code <id>.<part name>} (a fixed gate, or a Boolean gate over earlier parts and populations),
 * in dependency order, and the last one is the fitted population itself with its declared id,
 * name and parent. Parts of an {@link Region.And} are nested (each one's parent is the
 * previous), so every shape is only applied to the events the previous parts kept.
 */
final class RegionExpansion {
  private final List<Population> populations = new ArrayList<>();
  private final List<Dimension> dimensions;

  private RegionExpansion(List<Dimension> dimensions) {
    this.dimensions = dimensions;
  }

  /**
   * @param dimensions the method's dimensions; a top-level {@link Region.Everything} is stated
   *     as a rectangle open on both sides of the first one
   */
  static List<Population> expand(Population population, Region region,
      List<Dimension> dimensions) {
    RegionExpansion expansion = new RegionExpansion(dimensions);
    expansion.place(region, population.parent(), population.id(), population.name());
    return expansion.populations;
  }

  /** Adds populations so that population {@code id} holds the events of {@code parent} in r. */
  private void place(Region region, String parent, String id, String name) {
    if (region instanceof Region.Shape shape) {
      add(id, name, parent, shape.gate());
    } else if (region instanceof Region.Member member) {
      add(id, name, parent, and(parent, member.population(), false));
    } else if (region instanceof Region.Not not) {
      String part = id + "." + partName(not.part());
      place(not.part(), parent, part, partName(not.part()));
      add(id, name, parent, parent == null
          ? new BooleanGate(BooleanGate.Operator.NOT, List.of(new Operand(part, false)))
          : and(parent, part, true));
    } else if (region instanceof Region.Or or) {
      List<Operand> operands = new ArrayList<>();
      for (Region part : or.parts()) {
        String partId = id + "." + partName(part);
        place(part, parent, partId, partName(part));
        operands.add(new Operand(partId, false));
      }
      add(id, name, parent, new BooleanGate(BooleanGate.Operator.OR, operands));
    } else if (region instanceof Region.And and) {
      String within = parent;
      String previous = null;
      for (Region part : and.parts()) {
        if (part instanceof Region.And) {
          throw new GatingException("population '" + id + "': a region 'and' cannot be a part "
              + "of another 'and': list its parts instead");
        }
        String partId = id + "." + partName(part);
        place(part, within, partId, partName(part));
        previous = within;
        within = partId;
      }
      // The last part lies within the one before it: their AND is the last part, stated with
      // two operands as Gating-ML requires, under the declared parent.
      add(id, name, parent, new BooleanGate(BooleanGate.Operator.AND,
          List.of(new Operand(previous, false), new Operand(within, false))));
    } else if (region instanceof Region.Everything) {
      add(id, name, parent, parent != null ? and(parent, parent, false) : openRectangle(id));
    } else {
      if (parent == null) {
        throw new GatingException("population '" + id + "': a top-level region cannot be empty");
      }
      add(id, name, parent, and(parent, parent, true));
    }
  }

  private RectangleGate openRectangle(String id) {
    if (dimensions.isEmpty()) {
      throw new GatingException("population '" + id + "': a top-level region of every event "
          + "needs a dimension to be stated on");
    }
    return new RectangleGate(List.of(dimensions.get(0)), new double[] {Double.NEGATIVE_INFINITY},
        new double[] {Double.POSITIVE_INFINITY});
  }

  private static BooleanGate and(String parent, String other, boolean complement) {
    if (parent == null) {
      throw new GatingException("a top-level region cannot refer to population '" + other + "'");
    }
    return new BooleanGate(BooleanGate.Operator.AND,
        List.of(new Operand(parent, false), new Operand(other, complement)));
  }

  private void add(String id, String name, String parent,
      org.mrdflow.gating.gate.GateDefinition gate) {
    populations.add(new Population(id, name, parent, gate));
  }

  private static String partName(Region region) {
    if (region instanceof Region.Shape shape) {
      return shape.name();
    } else if (region instanceof Region.Or or) {
      return or.name();
    } else if (region instanceof Region.Not not) {
      return not.name();
    } else if (region instanceof Region.Member member) {
      return "in-" + member.population();
    } else if (region instanceof Region.Everything) {
      return "all";
    } else if (region instanceof Region.Nothing) {
      return "none";
    }
    return ((Region.And) region).name();
  }
}
