// {{banner}}
// Requested: {{summary}}
"use strict";

/** Offline stand-in: counts the words of text. */
function {{name}}(text) {
  const trimmed = text.trim();
  return trimmed === "" ? 0 : trimmed.split(/\s+/).length;
}

module.exports = { {{name}} };

if (require.main === module) {
  console.log({{name}}(process.argv.slice(2).join(" ") || "hello offline world"));
}
