package org.mrdflow.pipeline.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stand-in file format for testing the job's plumbing without the FCS reader: the 10-byte FCS
 * HEADER magic followed by "key=value" lines that {@link FakeAnalyzer} turns into a result.
 */
public final class FakeFcs {
  private FakeFcs() {}

  public static Path write(Path file, Map<String, String> fields) throws IOException {
    StringBuilder s = new StringBuilder("FCS3.1    \n");
    fields.forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
    Files.createDirectories(file.getParent());
    return Files.write(file, s.toString().getBytes(StandardCharsets.UTF_8));
  }

  public static Map<String, String> sample(long events, long blasts) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("events", Long.toString(events));
    f.put("blasts", Long.toString(blasts));
    return f;
  }

  static Map<String, String> parse(byte[] bytes) {
    Map<String, String> fields = new LinkedHashMap<>();
    String text = new String(bytes, StandardCharsets.UTF_8);
    for (String line : text.substring(text.indexOf('\n') + 1).split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        fields.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return fields;
  }
}
