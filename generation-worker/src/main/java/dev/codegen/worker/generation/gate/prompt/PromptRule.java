package dev.codegen.worker.generation.gate.prompt;

import dev.codegen.model.Severity;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One prompt rule, read from {@code gate/prompt/rules.json}.
 *
 * @param id stable rule id, e.g. {@code injection.ignore_previous}
 * @param gate the gate its findings belong to: {@link PromptRules#INJECTION} or {@link
 *     PromptRules#MALICIOUS}
 * @param category what kind of attack it describes, e.g. {@code malware}
 * @param cwe the weakness, or {@code null}
 * @param severity how much a match matters
 * @param views the views it reads ({@code original}, {@code clean}, {@code ascii}, {@code decoded})
 * @param pattern what it looks for, case-insensitive
 * @param unless a defensive or harmless context that cancels a match when found near it, or {@code
 *     null}
 * @param window how many characters either side of a match {@code unless} reads
 * @param negatable whether a negation earlier in the match's clause ("must not ... disable the
 *     antivirus") cancels it
 * @param message what is wrong
 * @param fix what to do instead
 */
public record PromptRule(
    String id,
    String gate,
    String category,
    String cwe,
    Severity severity,
    Set<String> views,
    Pattern pattern,
    Pattern unless,
    int window,
    boolean negatable,
    String message,
    String fix) {}
