'use strict';

/**
 * Groups items by the value a key function returns.
 * @param {Array} items the items
 * @param {Function} keyOf returns the group key of an item
 * @returns {Map} key to the items with that key, in input order
 */
function groupBy(items, keyOf) {
  const groups = new Map();
  for (const item of items) {
    const key = keyOf(item);
    if (!groups.has(key)) {
      groups.set(key, []);
    }
    groups.get(key).push(item);
  }
  return groups;
}

/**
 * Sums a numeric field per group.
 * @param {Map} groups the groups
 * @param {string} field the field to sum
 * @returns {Object} key to sum
 */
function sumBy(groups, field) {
  const totals = {};
  for (const [key, items] of groups) {
    totals[key] = items.reduce((total, item) => total + item[field], 0);
  }
  return totals;
}

const orders = [
  { customer: 'ada', amount: 30 },
  { customer: 'bob', amount: 12 },
  { customer: 'ada', amount: 8 },
  { customer: 'cy', amount: 21 },
  { customer: 'bob', amount: 5 },
];

const totals = sumBy(groupBy(orders, (order) => order.customer), 'amount');
for (const [customer, total] of Object.entries(totals)) {
  console.log(`${customer}: ${total}`);
}

module.exports = { groupBy, sumBy };
