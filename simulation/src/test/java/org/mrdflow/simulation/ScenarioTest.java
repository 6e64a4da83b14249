package org.mrdflow.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScenarioTest {

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void everyScenarioExpandsToUniqueSampleIdsAndSeeds(Scenario scenario) {
    List<SampleSpec> specs = scenario.expand(new Scenario.Options(1, null, 2, null, null));
    Set<String> ids = new HashSet<>();
    Set<Long> seeds = new HashSet<>();
    specs.forEach(s -> {
      ids.add(s.sampleId());
      seeds.add(s.seed());
    });

    assertThat(specs).isNotEmpty();
    assertThat(ids).hasSameSizeAs(specs);
    assertThat(seeds).hasSameSizeAs(specs);
    assertThat(Scenario.ofId(scenario.id())).isEqualTo(scenario);
  }

  @Test
  void aSampleIsTheSameWhateverTheSizeOfItsBatch() {
    Scenario.Options one = new Scenario.Options(5, 10_000, 1, Instrument.CANTO, null);
    Scenario.Options three = new Scenario.Options(5, 10_000, 3, Instrument.CANTO, null);

    List<SampleSpec> small = Scenario.DILUTION.expand(one);
    List<SampleSpec> large = Scenario.DILUTION.expand(three);

    assertThat(large).containsAll(small);
  }

  @Test
  void theDemoMixesScenariosInstrumentsAndAPhenotypeOfEachCd19Kind() {
    List<SampleSpec> demo = Scenario.DEMO.expand(new Scenario.Options(1, null, 1, null, null));

    assertThat(demo).extracting(SampleSpec::scenario)
        .contains("normal", "regenerating", "b_cell_aplasia", "archetype", "cd19_mixed", "dilution",
            "low_cellularity");
    assertThat(demo).extracting(SampleSpec::instrument).containsAll(Instrument.ROTATION);
    assertThat(demo).extracting(SampleSpec::blastPhenotype)
        .contains(BlastPhenotype.CLASSIC, BlastPhenotype.CD19_NEGATIVE, BlastPhenotype.MIXED);
  }

  @Test
  void blastFractionsBecomeShortStableFileNames() {
    assertThat(Scenario.level(0)).isEqualTo("0");
    assertThat(Scenario.level(1e-5)).isEqualTo("1e-5");
    assertThat(Scenario.level(1e-4)).isEqualTo("1e-4");
    assertThat(Scenario.level(0.01)).isEqualTo("1e-2");
    assertThat(Scenario.level(2e-4)).isEqualTo("2e-4");
  }

  @Test
  void impossibleRequestsAreRefusedWithTheProblemNamed() {
    assertThatThrownBy(() -> Scenario.ofId("leukemia")).hasMessageContaining("unknown scenario leukemia");
    assertThatThrownBy(() -> Instrument.ofId("fortessa")).hasMessageContaining("unknown instrument fortessa");
    assertThatThrownBy(() -> Scenario.NORMAL.expand(new Scenario.Options(1, 10, 1, null, null)))
        .hasMessageContaining("events must be between");
    assertThatThrownBy(() -> Scenario.CLASSIC.expand(new Scenario.Options(1, null, 1, null, 1.5)))
        .hasMessageContaining("blast fraction 1.5");
    assertThatThrownBy(() -> new Scenario.Options(1, null, 0, null, null))
        .hasMessageContaining("at least 1");
  }
}
