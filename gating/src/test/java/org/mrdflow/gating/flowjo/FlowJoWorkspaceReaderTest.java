package org.mrdflow.gating.flowjo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mrdflow.gating.events.FcsEvents;
import org.mrdflow.gating.events.Sample;
import org.mrdflow.gating.flowjo.FlowJoImportProblem.Kind;
import org.mrdflow.gating.flowjo.FlowJoWorkspace.WorkspaceSample;
import org.mrdflow.gating.gate.BooleanGate;
import org.mrdflow.gating.gate.RectangleGate;
import org.mrdflow.gating.method.GatingMethods;
import org.mrdflow.gating.strategy.GatingResult;
import org.mrdflow.gating.strategy.Population;
import org.mrdflow.gating.strategy.StrategyEvaluator;
import org.mrdflow.gating.transform.LogicleTransform;

class FlowJoWorkspaceReaderTest {

  @Test
  void booleanWorkspaceImportsEveryPopulationFlowJoCountedWithItsOperators() throws Exception {
    Path folder = FlowJoImportCountsTest.resources();
    FlowJoWorkspace workspace =
        FlowJoWorkspaceReader.read(folder.resolve("8_color_ICS_boolean_gate_testing.wsp"));
    assertThat(workspace.flowJoVersion()).isEqualTo("10.8.1");
    assertThat(workspace.groups()).extracting(FlowJoWorkspace.Group::name)
        .containsExactly("All Samples", "Beads", "Compensation", "DEN");
    Map<String, List<String>> expected = expectedPaths(
        folder.resolve("expected-8_color_ICS_boolean_gate_testing.csv"));
    assertThat(expected).hasSize(3);
    for (WorkspaceSample sample : workspace.samples()) {
      if (!expected.containsKey(sample.name())) {
        continue;
      }
      // Bind to the file's channels as FlowJo recorded them ($PnN keywords).
      List<String> channels = new ArrayList<>();
      int parameters = Integer.parseInt(sample.keywords().get("$PAR"));
      for (int p = 1; p <= parameters; p++) {
        channels.add(sample.keywords().get("$P" + p + "N"));
      }
      ImportedStrategy imported = FlowJoStrategies.bind(workspace, sample, channels);
      assertThat(imported.problems()).isEmpty();
      assertThat(imported.strategy().populations())
          .extracting(p -> imported.strategy().path(p.id()))
          .containsExactlyInAnyOrderElementsOf(expected.get(sample.name()));
      // Names unique in the sample are the ids; CD107a+ exists under CD4+ and CD8+.
      Population or = imported.strategy().population("CD107a+ or IFNg+").orElseThrow();
      assertThat(or.gate()).isEqualTo(new BooleanGate(BooleanGate.Operator.OR, List.of(
          new BooleanGate.Operand("/Time/Singlets/aAmine-/CD3+/CD4+/CD107a+", false),
          new BooleanGate.Operand("/Time/Singlets/aAmine-/CD3+/CD4+/IFNg+", false))));
      Population not = imported.strategy().population("IL2+-").orElseThrow();
      assertThat(((BooleanGate) not.gate()).operator()).isEqualTo(BooleanGate.Operator.NOT);
      assertThat(imported.strategy().compensations()).containsOnlyKeys(
          "flowjo-Acquisition-defined");
    }
    // Logicle with FlowJo's parameters, exactly as written.
    WorkspaceSample first = workspace.samples().get(0);
    FlowJoTransform logicle = first.transforms().values().stream()
        .filter(t -> t.kind().equals("logicle")).findFirst().orElseThrow();
    assertThat(logicle.number("W", 0)).isEqualTo(1);
    assertThat(logicle.number("M", 0)).isEqualTo(4.418539922);
  }

  @Test
  void polygonsOnALogicleAxisAreGatedOnTheLogicleScale() throws Exception {
    FlowJoWorkspace workspace = FlowJoWorkspaceReader.read(FlowJoImportCountsTest.resources()
        .resolve("8_color_ICS_boolean_gate_testing.wsp"));
    WorkspaceSample sample = workspace.samples().get(0);
    List<String> channels = new ArrayList<>();
    for (int p = 1; p <= Integer.parseInt(sample.keywords().get("$PAR")); p++) {
      channels.add(sample.keywords().get("$P" + p + "N"));
    }
    ImportedStrategy imported = FlowJoStrategies.bind(workspace, sample, channels);
    assertThat(imported.strategy().transforms().values())
        .contains(new LogicleTransform(262144, 1, 4.418539922, 0));
    // Rectangles never carry a transform: FlowJo's raw bounds are tested on raw values.
    assertThat(imported.strategy().populations()).map(Population::gate)
        .filteredOn(g -> g instanceof RectangleGate)
        .allSatisfy(g -> assertThat(((RectangleGate) g).dimensions())
            .allSatisfy(d -> assertThat(d.transformed()).isFalse()));
  }

  @Test
  void problemsNameSampleAndGateWhileTheRestIsImportedAndGated() throws Exception {
    Path folder = FlowJoImportCountsTest.resources();
    String text = Files.readString(folder.resolve("simple_diamond_example_quad_gate.wsp"));
    // Q1 on a parameter the file lacks; Q2 as a gate element FlowJo has but we do not.
    String broken = replaceInPopulation(text, "Q1: channel_A- , channel_B+",
        "data-type:name=\"channel_A\"", "data-type:name=\"channel_X\"");
    broken = replaceInPopulation(broken, "Q2: channel_A+ , channel_B+",
        "gating:RectangleGate", "gating:CurlyQuadGate");
    FlowJoWorkspace workspace = FlowJoWorkspaceReader.read(
        new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)), "broken.wsp");
    Sample sample = FcsEvents.read(folder.resolve("test_data_diamond_01.fcs"));
    WorkspaceSample workspaceSample = FlowJoStrategies
        .sampleForFile(workspace, "test_data_diamond_01.fcs", null).orElseThrow();
    ImportedStrategy imported =
        FlowJoStrategies.bind(workspace, workspaceSample, sample.events().channelNames());
    assertThat(imported.problems()).extracting(FlowJoImportProblem::kind, FlowJoImportProblem::gate)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.UNKNOWN_PARAMETER,
                "/Q1: channel_A- , channel_B+"),
            org.assertj.core.groups.Tuple.tuple(Kind.UNSUPPORTED_GATE,
                "/Q2: channel_A+ , channel_B+"));
    assertThat(imported.problems()).allSatisfy(p ->
        assertThat(p.sample()).isEqualTo("test_data_diamond_01.fcs"));
    assertThatThrownBy(imported::requireComplete).isInstanceOf(FlowJoImportException.class)
        .hasMessageContaining("channel_X").hasMessageContaining("CurlyQuadGate");
    GatingResult result = new StrategyEvaluator(imported.strategy(), GatingMethods.discover())
        .apply(sample);
    // The two remaining quadrants keep FlowJo's counts (expected-diamond_quad.csv).
    assertThat(result.populations().stream().collect(Collectors.toMap(
        p -> p.path(), p -> p.count()))).containsOnly(
            Map.entry("/Q3: channel_A+ , channel_B-", 50330),
            Map.entry("/Q4: channel_A- , channel_B-", 49403));
  }

  @Test
  void notAWorkspaceIsATypedError() {
    assertThatThrownBy(() -> FlowJoWorkspaceReader.read(new ByteArrayInputStream(
        "<Gating-ML/>".getBytes(StandardCharsets.UTF_8)), "x.xml"))
        .isInstanceOf(FlowJoWorkspaceException.class).hasMessageContaining("x.xml")
        .hasMessageContaining("not a FlowJo <Workspace>");
  }

  @Test
  void samplesAreFoundByUriFileNameSampleNodeNameOrFil() throws Exception {
    // Two samples as FlowJo writes them when files were renamed after the analysis (the URI
    // names the new file, $FIL the acquisition name) and when the URI is stale (old name).
    String xml = """
        <Workspace flowJoVersion="10.7.1"><SampleList>
          <Sample><DataSet uri="file:////server/share/FCS/0001_-_renamed.fcs" sampleID="1"/>
            <Keywords><Keyword name="$FIL" value="Specimen_001_Tube_001_001.fcs"/></Keywords>
            <SampleNode name="0001_-_renamed.fcs" sampleID="1" count="500"/></Sample>
          <Sample><DataSet uri="file:/D:/old/lymphocytes.fcs" sampleID="2"/>
            <Keywords><Keyword name="$FIL" value="68983.fcs"/></Keywords>
            <SampleNode name="68983.fcs" sampleID="2" count="19225"/></Sample>
        </SampleList></Workspace>""";
    FlowJoWorkspace workspace = FlowJoWorkspaceReader.read(
        new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "two.wsp");
    WorkspaceSample renamed = workspace.samples().get(0);
    WorkspaceSample stale = workspace.samples().get(1);
    assertThat(renamed.uriFileName()).isEqualTo("0001_-_renamed.fcs");
    assertThat(FlowJoStrategies.sampleForFile(workspace, "0001_-_renamed.fcs", null))
        .contains(renamed);
    assertThat(FlowJoStrategies.sampleForFile(workspace, "68983.fcs", null)).contains(stale);
    assertThat(FlowJoStrategies.sampleForFile(workspace, "copy.fcs",
        "Specimen_001_Tube_001_001.fcs")).contains(renamed);
    assertThat(FlowJoStrategies.sampleForFile(workspace, "copy.fcs", "other.fcs")).isEmpty();
    assertThat(FlowJoStrategies.sampleNamed(workspace, "lymphocytes.fcs")).contains(stale);
    assertThat(FlowJoStrategies.sampleNamed(workspace, "2")).contains(stale);
    assertThat(renamed.eventCount()).isEqualTo(500);
    assertThat(renamed.populations()).isEmpty();
  }

  private static String replaceInPopulation(String text, String population, String from,
      String to) {
    int start = text.indexOf("<Population name=\"" + population + "\"");
    int end = text.indexOf("</Population>", start);
    return text.substring(0, start) + text.substring(start, end).replace(from, to)
        + text.substring(end);
  }

  private static Map<String, List<String>> expectedPaths(Path csv) throws Exception {
    List<String> lines = Files.readAllLines(csv);
    return lines.subList(1, lines.size()).stream().map(FlowJoCases::csv).collect(
        Collectors.groupingBy(f -> f[0], java.util.LinkedHashMap::new,
            Collectors.mapping(f -> f[1], Collectors.toList())));
  }
}
