package io.doltsync.internal.versioning;

import io.doltsync.spi.CommitMetadata;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arguments of {@code DOLT_COMMIT(...)} and {@code COMMIT(...)}, read as Dolt reads them:
 * {@code -m/--message}, {@code --author 'Name <email>'}, {@code -a/--all}, {@code -A/--ALL},
 * {@code --allow-empty}, {@code --skip-empty}, {@code --branch}, combined flags ({@code '-Am'}). The 2020
 * form {@code COMMIT('message')} is a message alone. {@code -a} and {@code -A} are accepted and change
 * nothing: every change is committed.
 *
 * @param branch the branch named by {@code --branch}, or null
 */
record CommitOptions(String message, String authorName, String authorEmail, boolean allowEmpty,
    boolean skipEmpty, String branch) {

  private static final Set<String> VALUE_OPTIONS = Set.of("m", "message", "author", "branch");
  private static final Set<String> SUPPORTED =
      Set.of("m", "message", "author", "branch", "a", "all", "A", "ALL", "allow-empty", "skip-empty");
  private static final Pattern AUTHOR = Pattern.compile("\\s*(.*?)\\s*<([^<>]*)>\\s*");

  /** Reads commit arguments. */
  static CommitOptions parse(List<String> arguments) throws SQLException {
    if (arguments.size() == 1 && arguments.get(0) != null && !arguments.get(0).startsWith("-")) {
      return new CommitOptions(arguments.get(0), null, null, false, false, null);
    }
    CliArguments parsed = CliArguments.parse(arguments, VALUE_OPTIONS);
    for (String option : parsed.options()) {
      if (!SUPPORTED.contains(option)) {
        throw new SQLFeatureNotSupportedException("commit option " + (option.length() == 1 ? "-" : "--") + option
            + " is not supported on a doltsync connection (supported: -m/--message, --author, -a, -A,"
            + " --allow-empty, --skip-empty, --branch)", "0A000");
      }
    }
    if (!parsed.positional().isEmpty()) {
      throw new SQLException("error: unexpected commit argument '" + parsed.positional().get(0) + "'", "42000");
    }
    if (parsed.has("allow-empty") && parsed.has("skip-empty")) {
      throw new SQLException("error: cannot use both --allow-empty and --skip-empty", "42000");
    }
    String author = parsed.value("author");
    Matcher matcher = AUTHOR.matcher(author == null ? "" : author);
    if (author != null && (!matcher.matches() || matcher.group(1).isEmpty())) {
      throw new SQLException("Author not formatted correctly: '" + author + "' (expected 'Name <email>')", "42000");
    }
    return new CommitOptions(parsed.value("m", "message"), author == null ? null : matcher.group(1),
        author == null ? null : matcher.group(2), parsed.has("allow-empty"), parsed.has("skip-empty"),
        parsed.value("branch"));
  }

  /** The author and message for the mirror; null fields leave the choice to it. */
  CommitMetadata metadata() {
    return new CommitMetadata(authorName, authorEmail, message);
  }

  /** These options with {@code --allow-empty}, as the 2020 {@code COMMIT()} always made a commit. */
  CommitOptions allowingEmpty() {
    return new CommitOptions(message, authorName, authorEmail, true, false, branch);
  }

  /** Arguments for Dolt's {@code dolt_commit} that commit every change of the working set with these options. */
  List<String> doltArguments() {
    List<String> arguments = new ArrayList<>(List.of("-A"));
    if (message != null) {
      arguments.addAll(List.of("-m", message));
    }
    if (authorName != null) {
      arguments.addAll(List.of("--author", authorName + " <" + authorEmail + ">"));
    }
    if (allowEmpty) {
      arguments.add("--allow-empty");
    }
    if (skipEmpty) {
      arguments.add("--skip-empty");
    }
    return arguments;
  }
}
