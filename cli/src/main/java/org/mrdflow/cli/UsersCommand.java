package org.mrdflow.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.mrdflow.review.store.ReviewStore;
import org.mrdflow.review.store.ReviewStoreException;
import org.mrdflow.review.store.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mrdflow users ...}: accounts of the review workstation. */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = "Manage the accounts of the review workstation.",
    subcommands = {UsersCommand.Add.class})
public final class UsersCommand extends CommandGroup {

  /** {@code mrdflow users add --warehouse DIR [--db URL] NAME --role reviewer|director}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Add a reviewer or director. The password is read from standard input (its first line; typed",
        "without echo on a terminal) and stored as a PBKDF2-HMAC-SHA256 hash, never in clear."
      })
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "Pipeline output folder.")
    Path warehouse;

    @Option(names = "--db", paramLabel = "JDBC-URL", description = "Review database (default: the warehouse's H2 file).")
    String db;

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "Either reviewer or director.")
    String role;

    @Parameters(paramLabel = "NAME", description = "User name: letters, digits, '.', '_' or '-'.")
    String name;

    @Override
    public Integer call() {
      var err = spec.commandLine().getErr();
      char[] password = null;
      try {
        Role parsed = Role.of(role);
        password = readPassword();
        if (password == null) {
          err.println("users add: no password on standard input");
          return 2;
        }
        ReviewStore store = ReviewStore.open(db != null ? db : ReviewStore.defaultUrl(warehouse));
        store.addUser(name, parsed, password);
        spec.commandLine().getOut().println("added " + name + " (" + parsed.id() + ")");
        return 0;
      } catch (IllegalArgumentException | ReviewStoreException e) {
        err.println("users add: " + e.getMessage());
        return 2;
      } catch (IOException e) {
        err.println("users add: cannot read the password from standard input: " + e.getMessage());
        return 1;
      } finally {
        if (password != null) {
          Arrays.fill(password, '\0');
        }
      }
    }

    private static char[] readPassword() throws IOException {
      Console console = System.console();
      if (console != null) {
        return console.readPassword("password: ");
      }
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return line == null ? null : line.toCharArray();
    }
  }
}
