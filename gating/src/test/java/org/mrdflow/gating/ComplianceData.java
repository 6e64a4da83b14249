package org.mrdflow.gating;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mrdflow.gating.events.Channel;
import org.mrdflow.fcs.FcsFile;
import org.mrdflow.gating.events.EventTable;
import org.mrdflow.gating.events.FcsEvents;
import org.mrdflow.gating.events.Sample;

/** The Gating-ML compliance suite copied into test resources (see its PROVENANCE). */
public final class ComplianceData {
  public static final String ROOT = "/gatingml-compliance/";

  private ComplianceData() {}

  /** data1.fcs read by the FCS reader and converted to scale values by {@code FcsEvents}. */
  public static Sample data1() {
    try (InputStream in = open("data1.fcs")) {
      byte[] bytes = in.readAllBytes();
      try (FcsFile file = FcsFile.read(bytes, "data1.fcs", FcsEvents.SCALE)) {
        return FcsEvents.sample(file.first(), "data1.fcs");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** data1.fcs on the scale, decoded by the suite's independent Python script. */
  public static Sample data1FromPythonDecoder() {
    List<String> lines = lines("data1_scale.csv");
    String[] names = lines.get(0).split(",");
    int events = lines.size() - 1;
    float[][] columns = new float[names.length][events];
    for (int e = 0; e < events; e++) {
      String[] values = lines.get(e + 1).split(",");
      for (int c = 0; c < names.length; c++) {
        columns[c][e] = (float) Double.parseDouble(values[c]);
      }
    }
    List<Channel> channels = new ArrayList<>();
    for (String name : names) {
      channels.add(Channel.named(name));
    }
    return Sample.of("data1.fcs", new EventTable(channels, columns));
  }

  /** Truth membership of gate {@code id}, or null when the suite has no truth file for it. */
  public static boolean[] truth(String id) {
    InputStream in = ComplianceData.class.getResourceAsStream(
        ROOT + "truth/Results_" + id + ".txt");
    if (in == null) {
      return null;
    }
    List<String> lines = read(in);
    boolean[] truth = new boolean[lines.size()];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = lines.get(i).trim().equals("1");
    }
    return truth;
  }

  public static InputStream open(String path) {
    InputStream in = ComplianceData.class.getResourceAsStream(ROOT + path);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + ROOT + path);
    }
    return in;
  }

  public static List<String> lines(String path) {
    return read(open(path));
  }

  private static List<String> read(InputStream in) {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
