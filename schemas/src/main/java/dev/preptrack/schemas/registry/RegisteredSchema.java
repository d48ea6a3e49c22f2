package dev.preptrack.schemas.registry;

import org.apache.avro.Schema;

/** A schema as a registry holds it under a subject: its global id and its version there. */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {
}
