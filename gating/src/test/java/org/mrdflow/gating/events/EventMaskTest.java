package org.mrdflow.gating.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventMaskTest {
  /** The same random set as an EventMask and as java.util.BitSet, the reference. */
  private static EventMask randomMask(int size, long seed, BitSet reference) {
    SplittableRandom random = new SplittableRandom(seed);
    EventMask mask = EventMask.none(size);
    for (int i = 0; i < size; i++) {
      if (random.nextInt(3) == 0) {
        mask.set(i);
        reference.set(i);
      }
    }
    return mask;
  }

  @Test
  void setOperationsAgreeWithJavaUtilBitSet() {
    int size = 1_000_003;
    BitSet a = new BitSet();
    BitSet b = new BitSet();
    EventMask x = randomMask(size, 1, a);
    EventMask y = randomMask(size, 2, b);
    BitSet and = (BitSet) a.clone();
    and.and(b);
    BitSet or = (BitSet) a.clone();
    or.or(b);
    BitSet andNot = (BitSet) a.clone();
    andNot.andNot(b);
    BitSet not = (BitSet) a.clone();
    not.flip(0, size);
    assertThat(x.and(y).toBitSet()).isEqualTo(and);
    assertThat(x.or(y).toBitSet()).isEqualTo(or);
    assertThat(x.andNot(y).toBitSet()).isEqualTo(andNot);
    assertThat(x.not().toBitSet()).isEqualTo(not);
    assertThat(x.not().cardinality()).isEqualTo(size - a.cardinality());
    assertThat(x.indices()).isEqualTo(a.stream().toArray());
    int[] viaNext = a.stream().limit(5).toArray();
    int first = x.nextSetBit(0);
    assertThat(first).isEqualTo(viaNext[0]);
    assertThat(x.nextSetBit(first + 1)).isEqualTo(viaNext[1]);
    assertThat(x.nextSetBit(size)).isEqualTo(-1);
  }

  @Test
  void allAndNotNeverSetBitsBeyondTheLastEvent() {
    EventMask all = EventMask.all(70);
    assertThat(all.cardinality()).isEqualTo(70);
    assertThat(EventMask.none(70).not().cardinality()).isEqualTo(70);
    assertThat(all.nextSetBit(69)).isEqualTo(69);
    assertThat(all.nextSetBit(70)).isEqualTo(-1);
  }
}
