/**
 * The events of a candidate's history as the domain reasons about them: plain records, free of
 * Kafka, Avro, Jackson and HTTP (an ArchUnit test keeps it so). Their wire and storage form is
 * the Avro {@code dev.preptrack.events} classes, mapped by {@code dev.preptrack.schemas.codec}.
 */
package dev.preptrack.domain.event;
