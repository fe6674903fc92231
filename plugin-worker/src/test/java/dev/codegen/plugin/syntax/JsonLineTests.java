package dev.codegen.plugin.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLineTests {

  @Test
  void writesOneLineThatReadsBackTheSameStrings() {
    Map<String, String> members = new LinkedHashMap<>();
    members.put("id", "7");
    members.put("source", "a\n\t\"b\" \\ \u0001 \u2028 é ✓");
    members.put("none", null);

    String line = JsonLine.object(members);

    assertThat(line).doesNotContain("\n").doesNotContain("\u2028");
    assertThat(JsonLine.parse(line)).isEqualTo(members);
  }

  @Test
  void readsTheCheckersAnswers() {
    @SuppressWarnings("unchecked")
    Map<String, Object> answer =
        (Map<String, Object>)
            JsonLine.parse(
                "{\"id\": \"1\", \"diagnostics\": [{\"line\": 3, \"column\": 7, \"severity\":"
                    + " \"error\", \"code\": \"python.SyntaxError\", \"message\": \"x \\u00e9\"}],"
                    + " \"ok\": true, \"ratio\": -1.5e2, \"nothing\": null, \"empty\": {},"
                    + " \"list\": []}");

    assertThat(answer).containsEntry("nothing", null);
    answer.remove("nothing");
    assertThat(answer)
        .isEqualTo(
            Map.of(
                "id",
                "1",
                "diagnostics",
                List.of(
                    Map.of(
                        "line", 3L,
                        "column", 7L,
                        "severity", "error",
                        "code", "python.SyntaxError",
                        "message", "x é")),
                "ok",
                true,
                "ratio",
                -150.0,
                "empty",
                Map.of(),
                "list",
                List.of()));
  }

  @Test
  void refusesWhatIsNotOneJsonValue() {
    for (String bad : new String[] {"", "{", "{\"a\" 1}", "[1,]x", "\"open", "{} {}", "tru"}) {
      assertThatThrownBy(() -> JsonLine.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
