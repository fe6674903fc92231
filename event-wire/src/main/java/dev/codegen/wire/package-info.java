/**
 * The event wire format, spelled once for every service: the JSON mapper, record and header
 * building, the dead-letter format, client ids and outage logging. Kafka clients and Jackson 3
 * only; no Spring, so each service wires it as it likes.
 */
package dev.codegen.wire;
