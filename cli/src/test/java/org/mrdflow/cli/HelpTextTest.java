package org.mrdflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every {@code --help} text a user reads is whole sentences (issue 13, item 9): each command's
 * description and each option's and parameter's description starts with a capital letter and
 * ends with a full stop. Walks the whole command tree, {@code bench pipeline} included.
 */
class HelpTextTest {

  @Test
  void everyCommandOptionAndParameterIsDescribedInWholeSentences() {
    List<String> fragments = new ArrayList<>();
    collect(MrdflowCli.commandLine(), fragments);
    assertThat(fragments).as("help texts that are not whole sentences").isEmpty();
  }

  @Test
  void theCheckRejectsFragments() {
    assertThat(isWholeSentences("Saved model (JSON).")).isTrue();
    assertThat(isWholeSentences("Exit 0 ok. See `mrdflow run --help`.")).isTrue();
    assertThat(isWholeSentences("saved model (JSON).")).isFalse();
    assertThat(isWholeSentences("Saved model (JSON)")).isFalse();
    assertThat(isWholeSentences("")).isFalse();
  }

  private static void collect(CommandLine command, List<String> fragments) {
    CommandSpec spec = command.getCommandSpec();
    String name = spec.qualifiedName();
    check(name, String.join(" ", spec.usageMessage().description()), fragments);
    for (ArgSpec arg : spec.args()) {
      String argName = arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel();
      // ${DEFAULT-VALUE} and the like as the user sees them
      check(name + " " + argName, String.join(" ", arg.renderedDescription()), fragments);
    }
    command.getSubcommands().values().forEach(sub -> collect(sub, fragments));
  }

  private static void check(String where, String text, List<String> fragments) {
    // picocli's own help command writes its line breaks as %n
    if (!isWholeSentences(text.replace("%n", " "))) {
      fragments.add(where + ": \"" + text.strip() + "\"");
    }
  }

  /** Starts with a capital letter and ends with a full stop (possibly inside a closing bracket). */
  static boolean isWholeSentences(String text) {
    String t = text.strip();
    return !t.isEmpty() && Character.isUpperCase(t.charAt(0)) && (t.endsWith(".") || t.endsWith(".)"));
  }
}
