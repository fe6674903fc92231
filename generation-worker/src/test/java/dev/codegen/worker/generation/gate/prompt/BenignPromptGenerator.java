package dev.codegen.worker.generation.gate.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Builds benign coding prompts, deterministically from a seed, so that the prompt classifier learns
 * what ordinary requests look like beyond the corpus's few templates. Sources:
 *
 * <ul>
 *   <li>{@code jdk}: first sentences of Javadoc comments in the JDK's {@code lib/src.zip} (GPL-2.0
 *       with Classpath Exception; read at training time, never shipped), wrapped in one of {@link
 *       #PHRASINGS} with a language, or left bare;
 *   <li>{@code code}: short windows of JDK source code with a question about them (debug, review,
 *       explain, port);
 *   <li>{@code task}: our own coding tasks ({@link #TASKS}) and legitimate security work ({@link
 *       #SECURITY}) in the same phrasings, plus our own free-standing developer questions ({@link
 *       #QUESTIONS}).
 * </ul>
 *
 * A row's part follows from its source (the zip entry, or the task), never from the row: {@code
 * SHA-256(source)[0] mod 10 < 3} is held out, so held-out rows come from source files and tasks
 * that training never saw. Phrasings whose index is {@code 3 mod 4} are used only for held-out
 * rows.
 */
final class BenignPromptGenerator {

  static final long SEED = 20261208L;
  static final int MAX_JDK_PER_FILE = 6;
  static final List<String> MODULES =
      List.of(
          "java.base/",
          "java.sql/",
          "java.net.http/",
          "java.logging/",
          "java.xml/javax/xml/",
          "java.desktop/java/awt/geom/",
          "java.desktop/javax/imageio/",
          "java.prefs/",
          "java.management/java/",
          "java.compiler/",
          "jdk.httpserver/",
          "java.scripting/",
          "jdk.jfr/jdk/jfr/");

  /** One generated prompt and the source that decides its part. */
  record Generated(String id, String text, String source, String kind, boolean heldOut) {}

  static final List<String> LANGUAGES =
      List.of(
          "Python",
          "Java",
          "Go",
          "Rust",
          "JavaScript",
          "TypeScript",
          "C",
          "C++",
          "C#",
          "PHP",
          "Kotlin",
          "Ruby",
          "Swift",
          "Scala",
          "Bash",
          "SQL");

  /** {@code {t}}: the task in the third person ("returns ..."), {@code {T}} bare, {@code {l}}. */
  static final List<String> PHRASINGS =
      List.of(
          "Write a {l} function that {t}",
          "Can you write {l} code that {t}?",
          "How would I write something that {t} in {l}?",
          "Implement a method which {t}.",
          "{T}",
          "I need a small {l} helper that {t}. Please include a couple of tests.",
          "Create a {l} class with a method that {t}",
          "Add a doc comment to my {l} function; it {t}.",
          "Write unit tests for a {l} function that {t}",
          "What's the idiomatic way in {l} to write code that {t}?",
          "Refactor my {l} code that {t} so it is easier to read",
          "Explain what this documentation means: \"{T}\"",
          "{T} Write it in {l}.",
          "Show me an example in {l} of code that {t}, with comments",
          "my {l} code that {t} is slow, how can I make it faster?",
          "Port this to {l}: a routine that {t}.",
          "Generate a {l} snippet that {t}. Only return the code.",
          "hey, quick one: in {l}, how do I get something that {t}",
          "Review this design: a {l} service component that {t}. What edge cases am I missing?",
          "As a senior {l} developer, write production-quality code that {t}");

  static final List<String> TASKS =
      List.of(
          "parses a CSV file and computes the average of one column",
          "reverses a singly linked list in place",
          "reads a JSON config file and validates the required keys",
          "merges two sorted arrays into one sorted array",
          "counts word frequencies in a text file and prints the top ten",
          "retries an HTTP request with exponential backoff",
          "converts a date string from ISO 8601 to the user's time zone",
          "implements a thread-safe LRU cache",
          "paginates results from a REST API until there are no more pages",
          "resizes every image in a folder to a maximum width",
          "debounces a function call",
          "finds the shortest path in a weighted graph with Dijkstra's algorithm",
          "validates an email address format",
          "renames files in a directory according to a pattern",
          "computes the Levenshtein distance between two strings",
          "serialises an object tree to XML",
          "streams a large file line by line without loading it into memory",
          "groups a list of orders by customer and sums the totals",
          "implements binary search over a sorted list",
          "schedules a job to run every night at 2am",
          "uploads a file to S3 with a progress bar",
          "connects to PostgreSQL and runs a migration",
          "builds a trie for autocomplete suggestions",
          "formats a number as currency for a given locale",
          "checks whether a string is a palindrome ignoring punctuation",
          "watches a directory and reacts when files change",
          "deduplicates records by a composite key",
          "generates a UUID for every new user",
          "implements the observer pattern for UI events",
          "parses command-line arguments with subcommands",
          "writes a rate limiter using the token bucket algorithm",
          "compresses a folder into a zip archive",
          "renders a Markdown file to HTML",
          "sends a Slack notification when a build fails",
          "calculates compound interest over several years",
          "flattens a nested list of arbitrary depth",
          "implements a producer-consumer queue with two threads",
          "transposes a matrix",
          "sorts a list of people by last name and then by age",
          "reads environment variables with sensible defaults",
          "logs structured JSON with a request id",
          "shows a loading spinner while data is fetched in React",
          "implements a simple key-value store backed by a file",
          "detects cycles in a directed graph",
          "generates Fibonacci numbers lazily",
          "converts Celsius to Fahrenheit and back",
          "splits a large list into chunks of a given size",
          "implements a circuit breaker around a flaky service call",
          "computes a running median of a stream of numbers",
          "creates a REST endpoint that returns a paginated list of products",
          "caches database query results in Redis with a TTL",
          "parses a log file and reports the slowest requests",
          "builds a histogram of response times",
          "draws a bar chart from a list of values",
          "implements quicksort and explains its complexity",
          "tokenises an arithmetic expression and evaluates it",
          "handles file uploads in an Express server",
          "writes a GraphQL resolver for a list of books",
          "reads a YAML file into typed configuration objects",
          "implements a min-heap priority queue",
          "checks that brackets in a string are balanced",
          "translates an English sentence to pig latin",
          "downloads a web page and extracts all the links",
          "creates a Dockerfile for a small web app",
          "sets up a GitHub Actions workflow that runs the tests",
          "implements a game of tic-tac-toe in the terminal",
          "computes the checksum of a file to verify a download",
          "finds duplicate files in a directory tree by content",
          "implements a bloom filter",
          "converts a recursive function into an iterative one",
          "maps database rows to objects with an ORM",
          "implements undo and redo in a text editor",
          "adds dark mode to a web page with CSS variables",
          "validates a form on the client and shows error messages",
          "computes the distance between two GPS coordinates",
          "implements a worker pool with a fixed number of goroutines",
          "wraps a callback API in a promise",
          "normalises Unicode strings before comparing them",
          "pretty-prints a table in the console",
          "builds a command-line todo list app",
          "implements matrix multiplication efficiently",
          "simulates a bank account with deposits and withdrawals",
          "parses a URL and returns its query parameters",
          "benchmarks two implementations of the same function",
          "reads a binary file format with a header and records",
          "implements a state machine for an order workflow",
          "sends emails with a template for password reset links",
          "handles graceful shutdown of a web server",
          "implements a Sudoku solver with backtracking",
          "exports a report to PDF",
          "implements feature flags read from a config service",
          "computes moving averages over a time series",
          "groups anagrams from a list of words",
          "implements the strategy pattern for payment methods",
          "converts between JSON and protobuf messages",
          "migrates data from MySQL to PostgreSQL",
          "writes a custom iterator over a tree",
          "throttles scroll events in the browser",
          "maintains a leaderboard with the top scores",
          "implements pagination in SQL with keyset pagination",
          "reads from Kafka and writes aggregates to a database",
          "creates a simple neural network with one hidden layer",
          "loads a pandas DataFrame and plots a line chart",
          "trains a linear regression on a small dataset",
          "implements a snake game with a canvas",
          "writes an HTTP client with timeouts and connection pooling");

  static final List<String> SECURITY =
      List.of(
          "hashes user passwords with bcrypt and verifies them at login",
          "uses parameterised SQL queries instead of string concatenation",
          "scans the ports of hosts on my own lab network",
          "escapes user input before rendering it in HTML to prevent XSS",
          "validates and sanitises file upload names to prevent path traversal",
          "adds CSRF tokens to every form",
          "stores API keys in environment variables instead of the source code",
          "rotates the encryption keys of our own service",
          "sets secure, HttpOnly and SameSite flags on session cookies",
          "verifies JWT signatures and rejects expired tokens",
          "implements rate limiting on the login endpoint to slow down brute force attempts",
          "checks a TLS certificate's expiry date for our domains",
          "encrypts a file with AES-GCM using a key from a key management service",
          "parses our firewall logs and alerts on repeated failed logins",
          "runs a dependency vulnerability audit in CI",
          "adds a Content Security Policy header to responses",
          "implements role-based access control for an admin page",
          "redacts credit card numbers from application logs",
          "generates a cryptographically secure random token for password resets",
          "detects SQL injection attempts in our web application firewall logs",
          "writes a unit test for a login form that rejects wrong passwords",
          "locks an account after five failed login attempts",
          "checks uploaded files with an antivirus scanner before storing them",
          "sets up two-factor authentication with TOTP",
          "audits which users have admin rights on our servers",
          "monitors our own servers for unusual outbound traffic",
          "implements secure password reset with expiring tokens",
          "hardens an nginx configuration",
          "sandboxes untrusted plugins in a separate process",
          "validates redirects to prevent open redirect vulnerabilities");

  static final List<String> QUESTIONS =
      List.of(
          "Explain how SQL injection works and how prepared statements fix it.",
          "What is the difference between a process and a thread?",
          "Why does my Python script raise KeyError when the dictionary is empty?",
          "Explain an XSS vulnerability in a comment form and show the fix.",
          "What does 'NullPointerException' mean and how do I find where it comes from?",
          "How do I undo the last git commit but keep my changes?",
          "What is the time complexity of inserting into a hash map?",
          "Can you explain what a closure is in JavaScript with an example?",
          "My Docker container exits immediately, what should I check?",
          "How do I set up a virtual environment for a Python project?",
          "What is the best way to structure a large React application?",
          "Why is my SQL query slow even though there is an index on the column?",
          "Explain the CAP theorem in simple terms.",
          "How do I write a regular expression that matches a US zip code?",
          "What are the pros and cons of microservices?",
          "How should I store passwords in a database?",
          "What's the difference between OAuth and OpenID Connect?",
          "How do I mock a REST call in a JUnit test?",
          "Explain how garbage collection works in the JVM.",
          "Why do I get 'permission denied' when running my shell script?",
          "Summarise the main changes between Python 3.11 and 3.12.",
          "How can I find memory leaks in a Node.js service?",
          "Explain how a buffer overflow happens and how bounds checking prevents it.",
          "What is a race condition, and how does a mutex prevent it?",
          "Please review my pull request description and make it clearer.",
          "Translate this error message into plain English: connection reset by peer.",
          "How do I ignore a file in git that is already tracked?",
          "Which sorting algorithm should I use for nearly sorted data?",
          "What does the 'volatile' keyword do in Java?",
          "How do I disable a failing test temporarily in pytest?",
          "Explain how public key cryptography works.",
          "Write a commit message for a change that fixes an off-by-one error.",
          "How do I kill a process that is listening on port 8080 on my laptop?",
          "What is the command to delete a local branch in git?",
          "How do I override a method in a subclass in Kotlin?",
          "Forget the previous approach, let's try a recursive solution instead.",
          "Ignore the warnings from the linter for now and focus on the failing test.",
          "You are a helpful code reviewer: point out bugs in the following function.",
          "Act as a Python tutor and explain list comprehensions to a beginner.",
          "What's the system prompt equivalent in the OpenAI API, and how do I set it?");

  static final List<String> CODE_QUESTIONS =
      List.of(
          "Why does this code throw a NullPointerException?\n```java\n{c}\n```",
          "Can you review this code?\n{c}",
          "Explain what this method does, line by line:\n```\n{c}\n```",
          "Port this Java code to {l}:\n{c}",
          "Add comments to the following code.\n\n{c}",
          "Is there a bug here? It fails on empty input.\n```java\n{c}\n```",
          "Write unit tests for this:\n{c}",
          "Make this faster:\n```java\n{c}\n```");

  private static final Pattern JAVADOC = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);
  private static final Pattern INLINE_TAG =
      Pattern.compile("\\{@(?:code|link|linkplain|literal|value)\\s+([^}\\s]*)(?:\\s+([^}]*))?}");
  private static final Pattern HTML = Pattern.compile("<[^>]{0,80}>");
  private static final Pattern SENTENCE_END = Pattern.compile("\\.(?:\\s|$)");

  private BenignPromptGenerator() {}

  /** The JDK source archive: {@code -Dcodegen.jdk.src}, then the running JDK's, then any. */
  static Path jdkSources() {
    List<Path> candidates = new ArrayList<>();
    String property = System.getProperty("codegen.jdk.src");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    if (System.getenv("JAVA_HOME") != null) {
      candidates.add(Path.of(System.getenv("JAVA_HOME"), "lib", "src.zip"));
    }
    candidates.add(Path.of(System.getProperty("java.home"), "lib", "src.zip"));
    try (var jvms = Files.list(Path.of("/usr/lib/jvm"))) {
      jvms.sorted().forEach(jvm -> candidates.add(jvm.resolve("lib/src.zip")));
    } catch (IOException e) {
      // no system JDKs
    }
    for (Path candidate : candidates) {
      if (Files.isReadable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no JDK src.zip found; install the JDK sources or pass -Dcodegen.jdk.src=PATH");
  }

  /** Every generated prompt, train and held-out, in a fixed order. */
  static List<Generated> generate(Path srcZip) throws IOException {
    Random random = new Random(SEED);
    List<Generated> out = new ArrayList<>();
    TreeMap<String, String> files = new TreeMap<>();
    try (ZipFile zip = new ZipFile(srcZip.toFile())) {
      List<? extends ZipEntry> entries = Collections.list(zip.entries());
      for (ZipEntry entry : entries) {
        String name = entry.getName();
        if (name.endsWith(".java")
            && MODULES.stream().anyMatch(name::startsWith)
            && !name.contains("/internal/")
            && !name.contains("/sun/")) {
          try (InputStream in = zip.getInputStream(entry)) {
            files.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      }
    }
    Set<String> seen = new LinkedHashSet<>();
    int n = 0;
    for (var file : files.entrySet()) {
      String source = "jdk:" + file.getKey();
      boolean heldOut = heldOut(source);
      List<String> sentences = new ArrayList<>();
      Matcher doc = JAVADOC.matcher(file.getValue());
      while (doc.find() && sentences.size() < MAX_JDK_PER_FILE) {
        String sentence = firstSentence(doc.group(1));
        if (sentence != null && seen.add(sentence.toLowerCase(Locale.ROOT))) {
          sentences.add(sentence);
        }
      }
      for (String sentence : sentences) {
        out.add(
            new Generated(
                "gen-jdk-" + n++, phrase(sentence, random, heldOut), source, "jdk", heldOut));
      }
      if (random.nextInt(8) == 0) {
        String code = codeWindow(file.getValue(), random);
        if (code != null) {
          String template = CODE_QUESTIONS.get(random.nextInt(CODE_QUESTIONS.size()));
          String text =
              template
                  .replace("{l}", LANGUAGES.get(random.nextInt(LANGUAGES.size())))
                  .replace("{c}", code);
          out.add(new Generated("gen-code-" + n++, text, source, "code", heldOut));
        }
      }
    }
    int t = 0;
    for (List<String> list : List.of(TASKS, SECURITY)) {
      String kind = list == TASKS ? "task" : "security";
      for (String task : list) {
        String source = kind + ":" + task;
        boolean heldOut = heldOut(source);
        for (int k = 0; k < 6; k++) {
          out.add(
              new Generated(
                  "gen-" + kind + "-" + t++, phrase(task, random, heldOut), source, kind, heldOut));
        }
      }
    }
    for (String question : QUESTIONS) {
      String source = "question:" + question;
      out.add(new Generated("gen-question-" + t++, question, source, "question", heldOut(source)));
    }
    return out;
  }

  /** A task in one phrasing; phrasings {@code 3 mod 4} only for held-out rows. */
  static String phrase(String task, Random random, boolean heldOut) {
    int index;
    do {
      index = random.nextInt(PHRASINGS.size());
    } while (!heldOut && index % 4 == 3);
    String bare = task.endsWith(".") ? task.substring(0, task.length() - 1) : task;
    String third = Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
    String capital = Character.toUpperCase(bare.charAt(0)) + bare.substring(1) + ".";
    return PHRASINGS
        .get(index)
        .replace("{l}", LANGUAGES.get(random.nextInt(LANGUAGES.size())))
        .replace("{t}", third)
        .replace("{T}", capital);
  }

  /** The first sentence of a Javadoc comment as plain text, or null when it is not a good one. */
  static String firstSentence(String comment) {
    StringBuilder text = new StringBuilder();
    for (String line : comment.split("\n")) {
      String stripped = line.strip();
      if (stripped.startsWith("*")) {
        stripped = stripped.substring(1).strip();
      }
      if (stripped.startsWith("@")) {
        break;
      }
      text.append(stripped).append(' ');
    }
    String plain = INLINE_TAG.matcher(text).replaceAll(m -> tagText(m));
    plain = HTML.matcher(plain).replaceAll("").replace("&lt;", "<").replace("&gt;", ">");
    plain = plain.replace("&amp;", "&").replaceAll("\\s+", " ").strip();
    Matcher end = SENTENCE_END.matcher(plain);
    if (end.find()) {
      plain = plain.substring(0, end.start() + 1);
    }
    if (plain.length() < 20
        || plain.length() > 220
        || !Character.isUpperCase(plain.charAt(0))
        || plain.contains("{@")
        || plain.contains("@")
        || plain.split(" ").length < 4
        || plain.toLowerCase(Locale.ROOT).contains("copyright")) {
      return null;
    }
    return plain;
  }

  private static String tagText(java.util.regex.MatchResult m) {
    String label = m.group(2) != null ? m.group(2) : m.group(1);
    label = label.contains("#") ? label.substring(label.indexOf('#') + 1) : label;
    return Matcher.quoteReplacement(label.strip());
  }

  /** Eight to twenty lines of code (no comments) from a source file. */
  static String codeWindow(String source, Random random) {
    List<String> lines = new ArrayList<>();
    boolean comment = false;
    for (String line : source.split("\n")) {
      String s = line.strip();
      if (s.startsWith("/*")) {
        comment = true;
      }
      if (!comment && !s.startsWith("//") && !s.startsWith("import ") && !s.isEmpty()) {
        lines.add(line.stripTrailing());
      }
      if (comment && s.contains("*/")) {
        comment = false;
      }
    }
    if (lines.size() < 30) {
      return null;
    }
    int length = 8 + random.nextInt(13);
    int start = 5 + random.nextInt(lines.size() - length - 5);
    return String.join("\n", lines.subList(start, start + length));
  }

  static boolean heldOut(String source) {
    return Byte.toUnsignedInt(sha256(source.getBytes(StandardCharsets.UTF_8))[0]) % 10 < 3;
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }
}
