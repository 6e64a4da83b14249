package org.mrdflow.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;
import org.mrdflow.gating.mrd.ReportText;

/** The pipeline's codes have their words in gating's one place for them ({@link ReportText}). */
class ReportWordsTest {

  @Test
  void everyErrorCodeHasASentenceACytometristUnderstands() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(ReportText.describedFailures()).as(code.name()).contains(code.name());
      assertThat(ReportText.failure(code.name())).doesNotContain("_").hasSizeGreaterThan(30);
    }
  }

  @Test
  void everyQcFlagThePipelineAddsHasASentence() throws IllegalAccessException {
    int flags = 0;
    for (Field f : AnalysedSample.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class
          && f.getName().endsWith("_FAILED")) {
        assertThat(ReportText.describedFlags()).contains((String) f.get(null));
        flags++;
      }
    }
    assertThat(flags).isEqualTo(2);
  }
}
