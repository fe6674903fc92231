package dev.codegen.plugin.extract;

/**
 * A fenced code block found in model output.
 *
 * @param tag the lower-case first word of the info string, or empty when untagged
 * @param content the block's text without fences, common indentation removed
 */
record FencedBlock(String tag, String content) {

  int lineCount() {
    return content.isEmpty() ? 0 : (int) content.lines().count();
  }
}
