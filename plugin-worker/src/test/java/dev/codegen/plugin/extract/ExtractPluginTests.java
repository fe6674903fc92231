package dev.codegen.plugin.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.Language;
import dev.codegen.model.PluginVerdict;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.PluginResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ExtractPluginTests {

  private final ExtractPlugin plugin = new ExtractPlugin();

  private PluginResult extract(Language language, String text) {
    return plugin.apply(new Artifact("job", language, text));
  }

  @Test
  void takesTheCodeOutOfATaggedFenceWithProseAround() {
    String answer =
        """
        Here is your endpoint:

        ```python
        from fastapi import FastAPI
        app = FastAPI()
        ```

        Run it with uvicorn.
        """;

    PluginResult result = extract(Language.PYTHON, answer);

    assertThat(result.code()).isEqualTo("from fastapi import FastAPI\napp = FastAPI()\n");
    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.PASSED);
    assertThat(result.report().plugin()).isEqualTo("extract");
    assertThat(result.report().summary()).contains("1 fenced block", "tagged python");
  }

  @Test
  void takesAnUntaggedFence() {
    PluginResult result = extract(Language.BASH, "Try:\n```\necho hi\n```\n");

    assertThat(result.code()).isEqualTo("echo hi\n");
  }

  @Test
  void prefersTheBlockTaggedWithTheJobLanguageOverALargerOne() {
    String answer =
        """
        Install first:
        ```bash
        pip install fastapi uvicorn and a very long list of other packages to make this block big
        ```
        ```py
        print("hi")
        ```
        """;

    assertThat(extract(Language.PYTHON, answer).code()).isEqualTo("print(\"hi\")\n");
  }

  @Test
  void takesTheLargestBlockWhenNoneIsTaggedWithTheJobLanguage() {
    String answer = "```\nsmall\n```\ntext\n```text\nthe larger block\nof two lines\n```\n";

    PluginResult result = extract(Language.GO, answer);

    assertThat(result.code()).isEqualTo("the larger block\nof two lines\n");
    assertThat(result.report().summary()).contains("2 fenced block", "largest");
  }

  @Test
  void takesTheLargestOfSeveralBlocksTaggedWithTheJobLanguage() {
    String answer = "```java\nclass A {}\n```\n```java\nclass Bigger { int x; }\n```";

    assertThat(extract(Language.JAVA, answer).code()).isEqualTo("class Bigger { int x; }\n");
  }

  @Test
  void takesTheTextItselfWhenThereIsNoFence() {
    PluginResult result = extract(Language.PYTHON, "\n\n  print('hi')\n\n");

    assertThat(result.code()).isEqualTo("print('hi')\n");
    assertThat(result.report().summary()).contains("no code fence");
  }

  @Test
  void keepsRelativeIndentationOfAnIndentedFence() {
    String answer = "1. Code:\n   ```python\n   def f():\n       return 1\n   ```\n";

    assertThat(extract(Language.PYTHON, answer).code()).isEqualTo("def f():\n    return 1\n");
  }

  @Test
  void readsAnUnclosedFenceToTheEndBecauseTruncatedAnswersNeverCloseIt() {
    String answer = "```javascript\nconsole.log(1);\nconsole.log(2);";

    assertThat(extract(Language.JAVASCRIPT, answer).code())
        .isEqualTo("console.log(1);\nconsole.log(2);\n");
  }

  @Test
  void readsTildeFencesAndPandocTags() {
    assertThat(extract(Language.GO, "~~~{.go}\npackage main\n~~~\n").code())
        .isEqualTo("package main\n");
  }

  @Test
  void doesNotCloseABacktickFenceWithTildes() {
    assertThat(extract(Language.BASH, "```sh\necho a\n~~~\necho b\n```").code())
        .isEqualTo("echo a\n~~~\necho b\n");
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void knowsTheTagOfEveryLanguageByItsWireName(Language language) {
    assertThat(LanguageTags.matches(language.wireName(), language)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "KOTLIN, kts",
    "RUST, rs",
    "C, h",
    "CPP, c++",
    "CPP, hpp",
    "CSHARP, c#",
    "CSHARP, cs",
    "PHP, php",
    "RUBY, rb",
    "SQL, mysql",
    "SQL, sqlite",
  })
  void prefersTheBlockTaggedForANewLanguage(Language language, String tag) {
    String answer =
        "```text\na larger block of prose that is not code\n```\n```" + tag + "\nx\n```";

    PluginResult result = extract(language, answer);

    assertThat(result.code()).isEqualTo("x\n");
    assertThat(result.report().summary()).contains("tagged " + tag);
  }

  @Test
  void doesNotTakeACBlockForCpp() {
    String answer = "```c\nint a_larger_c_block;\n```\n```cpp\nint b;\n```";

    assertThat(extract(Language.CPP, answer).code()).isEqualTo("int b;\n");
    assertThat(extract(Language.C, answer).code()).isEqualTo("int a_larger_c_block;\n");
  }

  @Test
  void failsWhenNothingCodeLikeRemains() {
    PluginResult result = extract(Language.PYTHON, "   \n\n");

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.FAILED);
    assertThat(result.failed()).isTrue();
  }

  @Test
  void failsWhenEveryFenceIsEmptyAndNoTextRemains() {
    assertThat(extract(Language.PYTHON, "```python\n\n```").report().verdict())
        .isEqualTo(PluginVerdict.FAILED);
  }

  @Test
  void failsOnNullCode() {
    assertThat(extract(Language.PYTHON, null).report().verdict()).isEqualTo(PluginVerdict.FAILED);
  }
}
