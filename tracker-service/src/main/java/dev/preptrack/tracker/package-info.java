/**
 * The write side: commands from HTTP, the CLI and imports are validated, checked against each
 * candidate's write model by a single writer per candidate, and become events in
 * {@code preptrack.events}. Computes no readiness or themes. (Issue 3 builds it.)
 */
package dev.preptrack.tracker;
