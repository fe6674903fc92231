package dev.codegen.plugin.security;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import dev.codegen.model.Severity;
import dev.codegen.plugin.pipeline.Artifact;
import edu.umd.cs.findbugs.BugCollectionBugReporter;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugPattern;
import edu.umd.cs.findbugs.DetectorFactory;
import edu.umd.cs.findbugs.DetectorFactoryCollection;
import edu.umd.cs.findbugs.FindBugs2;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.Project;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.config.UserPreferences;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SpotBugs with Find Security Bugs, in-process, on the bytecode of the generated Java: the code is
 * compiled in memory against the JDK alone ({@link InMemoryJavac}), the class files are written to
 * a private temporary directory only for SpotBugs to read (nothing is loaded or run) and deleted
 * after. Only detectors that report {@code SECURITY} bug patterns run.
 *
 * <p>Severity follows SpotBugs' priority (high, normal, low), with weak hashes, {@code
 * java.util.Random} and file paths from parameters capped at low: Find Security Bugs reports them
 * for any use, most of them harmless in generated code. SpotBugs keeps global state, so one
 * analysis runs at a time in this JVM; a job that cannot get its turn within the limit times out.
 */
final class SpotBugsAnalyser implements Analyser {

  static final String TOOL = "spotbugs";

  private static final String SECURITY = "SECURITY";

  /** CWEs for patterns whose SpotBugs metadata names none. */
  private static final Map<String, Integer> CWE =
      Map.ofEntries(
          Map.entry("COMMAND_INJECTION", 78),
          Map.entry("SQL_INJECTION_JDBC", 89),
          Map.entry("SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE", 89),
          Map.entry("SQL_PREPARED_STATEMENT_GENERATED_FROM_NONCONSTANT_STRING", 89),
          Map.entry("PATH_TRAVERSAL_IN", 22),
          Map.entry("PATH_TRAVERSAL_OUT", 22),
          Map.entry("OBJECT_DESERIALIZATION", 502),
          Map.entry("PREDICTABLE_RANDOM", 330),
          Map.entry("WEAK_MESSAGE_DIGEST_MD5", 328),
          Map.entry("WEAK_MESSAGE_DIGEST_SHA1", 328),
          Map.entry("ECB_MODE", 327),
          Map.entry("DES_USAGE", 327),
          Map.entry("CIPHER_INTEGRITY", 353),
          Map.entry("STATIC_IV", 329),
          Map.entry("HARD_CODE_PASSWORD", 259),
          Map.entry("HARD_CODE_KEY", 321),
          Map.entry("WEAK_TRUST_MANAGER", 295),
          Map.entry("WEAK_HOSTNAME_VERIFIER", 295),
          Map.entry("UNENCRYPTED_SOCKET", 319),
          Map.entry("XXE_DOCUMENT", 611),
          Map.entry("XXE_SAXPARSER", 611),
          Map.entry("XXE_XMLREADER", 611),
          Map.entry("XXE_XMLSTREAMREADER", 611),
          Map.entry("LDAP_INJECTION", 90),
          Map.entry("XPATH_INJECTION", 643),
          Map.entry("SCRIPT_ENGINE_INJECTION", 94),
          Map.entry("URLCONNECTION_SSRF_FD", 918));

  /** Reported for any use, mostly harmless in generated code: never more than low. */
  private static final Map<String, Severity> CAP =
      Map.of(
          "WEAK_MESSAGE_DIGEST_MD5", Severity.LOW,
          "WEAK_MESSAGE_DIGEST_SHA1", Severity.LOW,
          "PREDICTABLE_RANDOM", Severity.LOW,
          "PATH_TRAVERSAL_IN", Severity.LOW,
          "PATH_TRAVERSAL_OUT", Severity.LOW,
          "CRLF_INJECTION_LOGS", Severity.LOW,
          "INFORMATION_EXPOSURE_THROUGH_AN_ERROR_MESSAGE", Severity.LOW);

  private static final Map<String, String> FIX =
      Map.of(
          "COMMAND_INJECTION", "run a fixed program with separate arguments (ProcessBuilder list)",
          "SQL_INJECTION_JDBC", "use a PreparedStatement with ? parameters",
          "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE", "use a PreparedStatement with ? parameters",
          "OBJECT_DESERIALIZATION", "do not deserialise untrusted data; use JSON or an allow-list",
          "PREDICTABLE_RANDOM", "use java.security.SecureRandom for tokens and keys",
          "WEAK_MESSAGE_DIGEST_MD5", "use SHA-256 (MessageDigest.getInstance(\"SHA-256\"))",
          "ECB_MODE", "use AES/GCM/NoPadding with a fresh IV",
          "XXE_DOCUMENT", "disable DOCTYPEs (disallow-doctype-decl) on the parser factory");

  private static final ReentrantLock ONE_AT_A_TIME = new ReentrantLock();

  private final Duration wait;
  private final InMemoryJavac javac;

  /**
   * @param wait how long a job waits for another job's analysis to finish before it times out
   */
  SpotBugsAnalyser(Duration wait) {
    this(wait, new InMemoryJavac());
  }

  SpotBugsAnalyser(Duration wait, InMemoryJavac javac) {
    this.wait = wait;
    this.javac = javac;
  }

  @Override
  public String tool() {
    return TOOL;
  }

  @Override
  public boolean handles(Language language) {
    return language == Language.JAVA;
  }

  @Override
  public AnalyserRun analyse(Artifact artifact) {
    if (!javac.available()) {
      return AnalyserRun.skipped(TOOL, "no system Java compiler to produce bytecode");
    }
    InMemoryJavac.Result compiled = javac.compile(artifact.code());
    if (compiled.classes().isEmpty()) {
      return AnalyserRun.skipped(
          TOOL, "the code does not compile against the JDK alone: " + compiled.firstError());
    }
    String pluginProblem = SpotBugsPlugins.loadFindSecBugs();
    if (pluginProblem != null) {
      return AnalyserRun.error(TOOL, pluginProblem);
    }
    try {
      if (!ONE_AT_A_TIME.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        return AnalyserRun.timeout(TOOL, "another SpotBugs analysis ran longer than " + wait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return AnalyserRun.timeout(TOOL, "interrupted while waiting for SpotBugs");
    }
    Path dir = null;
    try {
      dir = write(compiled.classes());
      return AnalyserRun.ran(TOOL, analyse(dir, artifact.code()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return AnalyserRun.timeout(TOOL, "SpotBugs was interrupted");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      ONE_AT_A_TIME.unlock();
      ExternalTool.delete(dir);
    }
  }

  private static Path write(Map<String, byte[]> classes) throws IOException {
    Path dir = Files.createTempDirectory("codegen-spotbugs-");
    for (Map.Entry<String, byte[]> c : classes.entrySet()) {
      Path file = dir.resolve(c.getKey().replace('.', '/') + ".class");
      Files.createDirectories(file.getParent());
      Files.write(file, c.getValue());
    }
    return dir;
  }

  private static List<Finding> analyse(Path classes, String code)
      throws IOException, InterruptedException {
    Project project = new Project();
    project.addFile(classes.toString());
    BugCollectionBugReporter reporter = new BugCollectionBugReporter(project);
    reporter.setPriorityThreshold(Priorities.LOW_PRIORITY);
    try (FindBugs2 engine = new FindBugs2()) {
      engine.setProject(project);
      engine.setBugReporter(reporter);
      DetectorFactoryCollection detectors = DetectorFactoryCollection.instance();
      engine.setDetectorFactoryCollection(detectors);
      engine.setUserPreferences(securityOnly(detectors));
      engine.setNoClassOk(true);
      engine.execute();
    }
    List<BugInstance> bugs = new ArrayList<>(reporter.getBugCollection().getCollection());
    bugs.sort(Comparator.comparingInt(SpotBugsAnalyser::line));
    List<Finding> found = new ArrayList<>();
    for (BugInstance bug : bugs) {
      BugPattern pattern = bug.getBugPattern();
      if (!SECURITY.equals(pattern.getCategory())) {
        continue;
      }
      String type = bug.getType();
      int cwe = pattern.getCWEid() > 0 ? pattern.getCWEid() : CWE.getOrDefault(type, 0);
      Severity severity =
          Findings.atMost(severity(bug.getPriority()), CAP.getOrDefault(type, Severity.CRITICAL));
      found.add(
          Findings.of(
              TOOL,
              type,
              Findings.cwe(cwe),
              severity,
              code,
              Math.max(line(bug), 0),
              0,
              bug.getMessageWithoutPrefix(),
              FIX.get(type)));
    }
    return found;
  }

  /** The default detectors, minus those that report nothing in the SECURITY category. */
  private static UserPreferences securityOnly(DetectorFactoryCollection detectors) {
    UserPreferences preferences = UserPreferences.createDefaultUserPreferences();
    for (DetectorFactory factory : detectors.getFactories()) {
      var reported = factory.getReportedBugPatterns();
      if (!reported.isEmpty()) {
        boolean security = reported.stream().anyMatch(p -> SECURITY.equals(p.getCategory()));
        preferences.enableDetector(factory, security);
      }
    }
    preferences.getFilterSettings().clearAllCategories();
    preferences.getFilterSettings().addCategory(SECURITY);
    preferences.getFilterSettings().setMinPriority("Low");
    return preferences;
  }

  private static int line(BugInstance bug) {
    SourceLineAnnotation source = bug.getPrimarySourceLineAnnotation();
    return source == null ? 0 : source.getStartLine();
  }

  static Severity severity(int priority) {
    return switch (priority) {
      case Priorities.HIGH_PRIORITY -> Severity.HIGH;
      case Priorities.NORMAL_PRIORITY -> Severity.MEDIUM;
      default -> Severity.LOW;
    };
  }
}
