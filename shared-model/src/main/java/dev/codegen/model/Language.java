package dev.codegen.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The languages the service generates and checks code for. */
public enum Language {
  JAVA("java"),
  PYTHON("python"),
  JAVASCRIPT("javascript"),
  TYPESCRIPT("typescript"),
  GO("go"),
  BASH("bash"),
  KOTLIN("kotlin"),
  RUST("rust"),
  C("c"),
  CPP("cpp"),
  CSHARP("csharp"),
  PHP("php"),
  RUBY("ruby"),
  SQL("sql");

  private final String wireName;

  Language(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** Parses a wire name case-insensitively, or returns empty when the language is unsupported. */
  public static Optional<Language> fromWire(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String normalized = value.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(l -> l.wireName.equals(normalized)).findFirst();
  }

  /** Every supported wire name, in declaration order. */
  public static List<String> wireNames() {
    return Arrays.stream(values()).map(Language::wireName).toList();
  }

  @JsonCreator
  static Language fromJson(String value) {
    return fromWire(value)
        .orElseThrow(() -> new IllegalArgumentException("unsupported language: " + value));
  }
}
