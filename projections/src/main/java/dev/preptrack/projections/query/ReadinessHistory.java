package dev.preptrack.projections.query;

import java.util.List;

/**
 * Readiness over time, as {@code GET /readiness/history} answers it: one rubric (or one of its
 * sections), its score and level at each point from {@code from} to {@code to}, {@code step}
 * apart (ISO-8601 duration). Each point is exactly what {@code GET /readiness?asOf=<point>}
 * answers for it. Instants are ISO-8601 text.
 *
 * @param section null for the rubric as a whole
 */
public record ReadinessHistory(int rulesVersion, String rubric, String section, String from, String to, String step,
        List<Point> points) {

    public record Point(String at, int score, String level) {
    }
}
