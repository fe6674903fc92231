// {{banner}}
"use strict";

/** Returns the characters of text in reverse order. */
function {{name}}(text) {
  return Array.from(text).reverse().join("");
}

module.exports = { {{name}} };

if (require.main === module) {
  console.log({{name}}(process.argv.slice(2).join(" ") || "hello world"));
}
