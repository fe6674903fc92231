package dev.codegen.worker.openai;

import dev.codegen.model.Language;

/** The system instructions sent with every request. */
final class Instructions {

  private Instructions() {}

  static String forLanguage(Language language) {
    return "You are a code generator. Answer with complete, compilable "
        + language.wireName()
        + " code in one markdown code block fenced with ```"
        + language.wireName()
        + ", followed by at most three sentences of explanation. Never include credentials,"
        + " destructive commands or code that evaluates untrusted input.";
  }
}
