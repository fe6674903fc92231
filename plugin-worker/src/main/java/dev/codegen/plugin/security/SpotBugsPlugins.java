package dev.codegen.plugin.security;

import com.h3xstream.findsecbugs.FindSecBugsGlobalConfig;
import edu.umd.cs.findbugs.Plugin;
import java.net.URI;

/** Registers Find Security Bugs with SpotBugs once per JVM, from the jar on the class path. */
final class SpotBugsPlugins {

  private static String problem;
  private static boolean loaded;

  private SpotBugsPlugins() {}

  /** {@code null} when Find Security Bugs is registered, else why not. */
  static synchronized String loadFindSecBugs() {
    if (!loaded) {
      loaded = true;
      try {
        URI jar =
            FindSecBugsGlobalConfig.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI();
        Plugin.addCustomPlugin(jar);
      } catch (Exception | LinkageError e) {
        problem = "could not load Find Security Bugs: " + e;
      }
    }
    return problem;
  }
}
