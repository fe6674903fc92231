/**
 * The event contracts every CodeGen module speaks: records carried on Kafka topics, the topic names
 * and the header names. Nothing here depends on Spring or Kafka; JSON names are fixed with Jackson
 * annotations so that Jackson 2 and Jackson 3 map the same wire format.
 */
package dev.codegen.model;
