// {{banner}}
"use strict";

/** Returns n! as a BigInt for a non-negative integer n. */
function {{name}}(n) {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError("n must be a non-negative integer");
  }
  let result = 1n;
  for (let i = 2n; i <= BigInt(n); i++) {
    result *= i;
  }
  return result;
}

module.exports = { {{name}} };

if (require.main === module) {
  const n = Number(process.argv[2] ?? 10);
  console.log(`${n}! = ${{{name}}(n)}`);
}
