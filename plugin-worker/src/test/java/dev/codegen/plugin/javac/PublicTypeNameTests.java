package dev.codegen.plugin.javac;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublicTypeNameTests {

  @Test
  void findsThePublicTopLevelClassAfterOtherTypes() {
    String code =
        "class Helper {}\n\n@Deprecated\npublic final class App {\n  public class Inner {}\n}\n";

    assertThat(PublicTypeName.of(code)).isEqualTo("App");
  }

  @Test
  void findsPublicRecordsEnumsInterfacesAndAnnotations() {
    assertThat(PublicTypeName.of("public record Point(int x) {}")).isEqualTo("Point");
    assertThat(PublicTypeName.of("public enum Color { RED }")).isEqualTo("Color");
    assertThat(PublicTypeName.of("public sealed interface Shape {}")).isEqualTo("Shape");
    assertThat(PublicTypeName.of("public @interface Marker {}")).isEqualTo("Marker");
  }

  @Test
  void ignoresTypesMentionedInComments() {
    String code =
        "// public class Wrong {}\n/* public class AlsoWrong {} */\npublic class Right {}";

    assertThat(PublicTypeName.of(code)).isEqualTo("Right");
  }

  @Test
  void fallsBackToTheFirstTopLevelTypeThenToMain() {
    assertThat(PublicTypeName.of("final class Only {}")).isEqualTo("Only");
    assertThat(PublicTypeName.of("int x;")).isEqualTo("Main");
  }
}
