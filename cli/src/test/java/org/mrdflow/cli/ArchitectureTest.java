package org.mrdflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The architecture as a test, on the compiled classes of every module of the reactor (read from
 * their constant pools, {@link ClassFiles}): no package cycle anywhere, no Spark, Hadoop or Scala
 * class referred to below the pipeline module, and none reachable from a command that is not one
 * of {@link MrdflowCli#SPARK_COMMANDS}.
 */
class ArchitectureTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  /** Modules that may refer to Spark: the job, and the command line that starts it. */
  private static final Set<String> SPARK_MODULES = Set.of("pipeline", "cli");

  private static Map<String, ClassFiles.Module> modules;
  /** Every class of the project -> what it refers to. */
  private static Map<String, Set<String>> classes;

  @BeforeAll
  static void readTheCompiledModules() throws IOException {
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
    modules = new LinkedHashMap<>();
    classes = new HashMap<>();
    while (m.find()) {
      Path output = ROOT.resolve(m.group(1)).resolve("target/classes");
      assertThat(output).as("module %s is compiled before cli's tests", m.group(1)).isDirectory();
      ClassFiles.Module module = ClassFiles.read(m.group(1), output);
      modules.put(module.name(), module);
      classes.putAll(module.classes());
    }
  }

  @Test
  void everyModuleIsReadAndHasClasses() {
    assertThat(modules.keySet())
        .contains("fcsfile", "gating", "simulation", "models", "pipeline", "cli");
    assertThat(modules.values()).allSatisfy(mod -> assertThat(mod.classes()).isNotEmpty());
  }

  @Test
  void noPackageDependsOnItselfThroughAnother() {
    assertThat(packageCycles(packageGraph(classes))).isEmpty();
  }

  @Test
  void theCycleFinderReportsACycleWhenThereIsOne() {
    // A hand-made graph: a -> b -> c -> a is one cycle, d -> a is not part of it.
    Map<String, Set<String>> fake = Map.of(
        "x/a/A", Set.of("x/b/B"), "x/b/B", Set.of("x/c/C"), "x/c/C", Set.of("x/a/A"),
        "x/d/D", Set.of("x/a/A"));
    assertThat(packageCycles(packageGraph(fake))).hasSize(1).first().asString()
        .contains("x.a -> x.b (A -> B)", "x.b -> x.c (B -> C)", "x.c -> x.a (C -> A)")
        .doesNotContain("x.d");
  }

  @Test
  void noModuleBelowThePipelineRefersToSparkHadoopOrScala() {
    List<String> offenders = new ArrayList<>();
    modules.values().stream().filter(mod -> !SPARK_MODULES.contains(mod.name())).forEach(mod ->
        mod.classes().forEach((name, refs) -> refs.stream().filter(ClassFiles::isSparkWorld)
            .findFirst().ifPresent(ref -> offenders.add(mod.name() + ": " + name + " -> " + ref))));
    assertThat(offenders).isEmpty();
  }

  @Test
  void noCommandOutsideTheSparkCommandsCanReachSpark() {
    Map<String, Class<?>> commands = new TreeMap<>();
    collect(MrdflowCli.commandLine(), "", commands);
    assertThat(commands.keySet()).containsAll(MrdflowCli.SPARK_COMMANDS)
        .contains("fcs stats", "stats km", "simulate", "analyze", "evaluate", "gate",
            "bench fcs", "bench gating");
    List<String> reaching = new ArrayList<>();
    commands.forEach((typed, type) -> {
      if (MrdflowCli.SPARK_COMMANDS.stream().noneMatch(typed::startsWith)) {
        List<String> path = pathToSpark(type.getName().replace('.', '/'));
        if (path != null) {
          reaching.add(typed + ": " + String.join(" -> ", path));
        }
      }
    });
    assertThat(reaching).isEmpty();
    // ... and the Spark commands do reach it (the search can find what it looks for).
    assertThat(pathToSpark(commands.get("run").getName().replace('.', '/'))).isNotNull();
  }

  @Test
  void theClusterEntryPointNeedsNothingTheClusterJarLeavesOut() {
    // What cli/pom.xml's cluster profile leaves out of the jar: these modules, Smile, JavaCPP.
    Set<String> leftOut = new TreeSet<>(modules.get("simulation").classes().keySet());
    leftOut.addAll(modules.get("models").classes().keySet());
    List<String> path = pathTo("org/mrdflow/cli/ClusterCli", ref -> leftOut.contains(ref)
        || ref.startsWith("smile/") || ref.startsWith("org/bytedeco/"));
    assertThat(path).as("a chain from the cluster entry point to a class the jar leaves out")
        .isNull();
    // ... while the full command line does reach them (the search can find what it looks for).
    assertThat(pathTo("org/mrdflow/cli/MrdflowCli", leftOut::contains)).isNotNull();
    assertThat(pathTo("org/mrdflow/cli/ClusterCli", ClassFiles::isSparkWorld)).isNotNull();
  }

  @Test
  void theLauncherChoosesSparkForExactlyTheSparkCommands() throws IOException {
    String launcher = Files.readString(ROOT.resolve("bin/mrdflow"));
    Matcher m = Pattern.compile("(?m)^spark_commands=\\((.*)\\)$").matcher(launcher);
    assertThat(m.find()).as("bin/mrdflow declares spark_commands=(...)").isTrue();
    List<String> declared = Arrays.stream(m.group(1).split("\"\\s*\"?"))
        .map(s -> s.replace("\"", "").trim()).filter(s -> !s.isEmpty()).toList();
    assertThat(declared).containsExactlyElementsOf(MrdflowCli.SPARK_COMMANDS);
  }

  @Test
  void sparksJavaOptionsAreOneListForTestsLauncherAndSparkSubmit() throws IOException {
    Matcher m = Pattern.compile("<spark.jvm.options>([^<]+)</spark.jvm.options>")
        .matcher(Files.readString(ROOT.resolve("pom.xml")));
    assertThat(m.find()).isTrue();
    assertThat(Files.readString(ROOT.resolve("conf/spark-java-options")).trim())
        .isEqualTo(m.group(1).trim()).contains("--add-opens=java.base/sun.util.calendar=ALL-UNNAMED");
    assertThat(Files.readString(ROOT.resolve("bin/mrdflow"))).contains("conf/spark-java-options");
  }

  private static void collect(CommandLine command, String prefix, Map<String, Class<?>> out) {
    command.getSubcommands().forEach((name, sub) -> {
      Object user = sub.getCommandSpec().userObject();
      if (user != null && user.getClass().getName().startsWith("org.mrdflow.")) {
        String typed = (prefix + " " + name).trim();
        out.put(typed, user.getClass());
        collect(sub, typed, out);
      }
    });
  }

  private static List<String> pathToSpark(String start) {
    return pathTo(start, ClassFiles::isSparkWorld);
  }

  /**
   * The chain of classes from {@code start} to the first class {@code target} accepts,
   * following the project's own classes only, or null.
   */
  private static List<String> pathTo(String start, Predicate<String> target) {
    Map<String, String> parent = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    parent.put(start, null);
    while (!queue.isEmpty()) {
      String current = queue.poll();
      for (String ref : classes.getOrDefault(current, Set.of())) {
        if (parent.containsKey(ref)) {
          continue;
        }
        parent.put(ref, current);
        if (target.test(ref)) {
          List<String> path = new ArrayList<>();
          for (String at = ref; at != null; at = parent.get(at)) {
            path.add(0, at);
          }
          return path;
        }
        if (classes.containsKey(ref)) { // follow the project's own classes only
          queue.add(ref);
        }
      }
    }
    return null;
  }

  /** Package -> package it depends on -> one class-level example of the dependency. */
  private static Map<String, Map<String, String>> packageGraph(Map<String, Set<String>> graph) {
    Map<String, Map<String, String>> packages = new TreeMap<>();
    graph.forEach((name, refs) -> {
      String from = ClassFiles.packageOf(name);
      for (String ref : refs) {
        String to = ClassFiles.packageOf(ref);
        if (graph.containsKey(ref) && !to.equals(from)) {
          packages.computeIfAbsent(from, k -> new TreeMap<>())
              .putIfAbsent(to, simple(name) + " -> " + simple(ref));
        }
      }
    });
    return packages;
  }

  private static String simple(String binaryName) {
    return binaryName.substring(binaryName.lastIndexOf('/') + 1);
  }

  /**
   * The strongly connected components of more than one package (Tarjan), each described by its
   * edges with a class-level example, e.g. {@code a -> b (A -> B)}.
   */
  static List<String> packageCycles(Map<String, Map<String, String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<String> cycles = new ArrayList<>();
    for (String start : graph.keySet()) {
      if (!index.containsKey(start)) {
        strongConnect(start, graph, index, low, stack, onStack, cycles);
      }
    }
    return cycles;
  }

  private static void strongConnect(String v, Map<String, Map<String, String>> graph,
      Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
      Set<String> onStack, List<String> cycles) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    onStack.add(v);
    for (String w : graph.getOrDefault(v, Map.of()).keySet()) {
      if (!index.containsKey(w)) {
        strongConnect(w, graph, index, low, stack, onStack, cycles);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        List<String> edges = new ArrayList<>();
        for (String from : component) {
          graph.get(from).forEach((to, example) -> {
            if (component.contains(to)) {
              edges.add(from + " -> " + to + " (" + example + ")");
            }
          });
        }
        cycles.add("cycle " + component + ": " + edges);
      }
    }
  }
}
