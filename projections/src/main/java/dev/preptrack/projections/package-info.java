/**
 * The read models: readiness per rubric section, feedback themes and story history as pure
 * folds over the events, the Kafka Streams topologies that run them, and the versioned rules
 * they are computed under. Speaks no HTTP. (Issue 4 builds it.)
 */
package dev.preptrack.projections;
