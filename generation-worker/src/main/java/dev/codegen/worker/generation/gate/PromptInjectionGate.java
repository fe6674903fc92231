package dev.codegen.worker.generation.gate;

import java.util.List;

/** Prompts that try to override the model's instructions or extract them. */
final class PromptInjectionGate extends PatternGate {

  static final String NAME = "input.prompt_injection";

  PromptInjectionGate() {
    super(
        NAME,
        List.of(
            Rule.of(
                    "injection.ignore_instructions",
                    "\\b(ignore|disregard|forget|override|bypass)\\s+(all\\s+|any\\s+|every\\s+)?"
                        + "(of\\s+)?(the\\s+|your\\s+|my\\s+|these\\s+)?(previous|prior|above|earlier"
                        + "|preceding|original|system)\\s+(instructions?|prompts?|rules|directions"
                        + "|guidelines|context)",
                    "asks the model to ignore its instructions")
                .onlyWith("ignore", "disregard", "forget", "override", "bypass"),
            Rule.of(
                    "injection.reveal_system_prompt",
                    "\\b(reveal|show|print|repeat|output|display|leak|dump|tell\\s+me)\\s+(me\\s+)?"
                        + "(your|the)\\s+(full\\s+|exact\\s+)?(system\\s+prompt|hidden\\s+(instructions"
                        + "|prompt)|initial\\s+(instructions|prompt)|original\\s+instructions"
                        + "|secret\\s+instructions)",
                    "asks the model to reveal its system prompt")
                // every alternative of the last group ends in "prompt" or "instructions"
                .onlyWith("prompt", "instruction"),
            Rule.of(
                    "injection.role_override",
                    "\\byou\\s+are\\s+now\\s+(DAN|in\\s+developer\\s+mode|an?\\s+(unrestricted"
                        + "|unfiltered|jailbroken))|\\b(jailbreak|DAN)\\s+mode\\b|\\bdo\\s+anything"
                        + "\\s+now\\b|\\b(respond|answer|act|behave)\\s+without\\s+(any\\s+)?"
                        + "(restrictions|filters|guardrails|safety)",
                    "asks the model to drop its safety rules")
                // per alternative: what "you are now" becomes, "mode", "anything", the last group
                .onlyWith(
                    "dan",
                    "mode",
                    "unrestricted",
                    "unfiltered",
                    "jailbroken",
                    "anything",
                    "restrictions",
                    "filters",
                    "guardrails",
                    "safety"),
            Rule.of(
                    "injection.fake_system_message",
                    "<\\|?(system|im_start)\\|?>|\\[/?INST\\]|</?system>",
                    "embeds a forged system or chat-template message")
                .onlyWith("<system", "<|system", "</system", "im_start", "inst]")));
  }
}
