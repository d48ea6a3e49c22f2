package dev.preptrack.projections.query;

import dev.preptrack.rules.Rubric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a change of rules does to one candidate's answers: readiness per rubric and section under
 * each of two versions and the change, and which themes appear, vanish or change count. Both
 * answers are read at the same moment from each version's own projections, so the difference is
 * the rules' alone. A section renamed or split in {@code to} is matched to its former id in
 * {@code from} through {@code to}'s {@code formerly}.
 */
public final class RulesDiff {

    /** One score under each version; null where that version has no such rubric or section. */
    public record Score(Integer from, Integer to, Integer change, String fromLevel, String toLevel) {
        static Score of(Integer from, Integer to, String fromLevel, String toLevel) {
            return new Score(from, to, from != null && to != null ? to - from : null, fromLevel, toLevel);
        }
    }

    public record SectionChange(String section, String formerly, Score score) {
    }

    public record RubricChange(String rubric, Score score, List<SectionChange> sections) {
    }

    public record ReadinessDiff(String candidateId, int from, int to, String asOf, List<RubricChange> rubrics) {
    }

    /** {@code change}: appeared, vanished, changed (its count) or same. */
    public record ThemeChange(String theme, String title, String change, int fromCount, int toCount, String fromStatus,
            String toStatus) {
    }

    public record ThemesDiff(String candidateId, int from, int to, List<ThemeChange> themes, List<ThemeChange> strengths,
            int unsortedFrom, int unsortedTo) {
    }

    private RulesDiff() {
    }

    public static ReadinessDiff readiness(String candidateId, ReadQueries from, ReadQueries to, long after) {
        ReadinessResult before = from.readiness().readiness(candidateId, null, null, after);
        ReadinessResult now = to.readiness().readiness(candidateId, null, null, after);
        Map<String, ReadinessResult.RubricResult> old = new LinkedHashMap<>();
        before.rubrics().forEach(r -> old.put(r.rubric(), r));
        List<RubricChange> rubrics = new ArrayList<>();
        for (ReadinessResult.RubricResult rubric : now.rubrics()) {
            Rubric rules = to.rules().rubric(rubric.rubric()).orElseThrow();
            ReadinessResult.RubricResult was = old.remove(rubric.rubric());
            if (was == null) {
                was = rules.formerly().stream().map(old::remove).filter(Objects::nonNull).findFirst().orElse(null);
            }
            Map<String, ReadinessResult.SectionResult> oldSections = new LinkedHashMap<>();
            if (was != null) {
                was.sections().forEach(s -> oldSections.put(s.section(), s));
            }
            List<SectionChange> sections = new ArrayList<>();
            for (ReadinessResult.SectionResult section : rubric.sections()) {
                String formerly = null;
                ReadinessResult.SectionResult wasSection = oldSections.remove(section.section());
                if (wasSection == null) {
                    for (String former : rules.section(section.section()).orElseThrow().formerly()) {
                        wasSection = oldSections.remove(former);
                        if (wasSection != null) {
                            formerly = former;
                            break;
                        }
                    }
                }
                sections.add(new SectionChange(section.section(), formerly, Score.of(
                        wasSection == null ? null : wasSection.score(), section.score(),
                        wasSection == null ? null : wasSection.level(), section.level())));
            }
            oldSections.values().forEach(gone -> sections.add(new SectionChange(gone.section(), null,
                    Score.of(gone.score(), null, gone.level(), null))));
            rubrics.add(new RubricChange(rubric.rubric(), Score.of(was == null ? null : was.score(), rubric.score(),
                    was == null ? null : was.level(), rubric.level()), sections));
        }
        old.values().forEach(gone -> rubrics.add(new RubricChange(gone.rubric(),
                Score.of(gone.score(), null, gone.level(), null), gone.sections().stream()
                        .map(s -> new SectionChange(s.section(), null, Score.of(s.score(), null, s.level(), null)))
                        .toList())));
        return new ReadinessDiff(candidateId, before.rulesVersion(), now.rulesVersion(), now.asOf(), rubrics);
    }

    public static ThemesDiff themes(String candidateId, ReadQueries from, ReadQueries to, long after) {
        ThemesResult before = from.feedback().themes(candidateId, after);
        ThemesResult now = to.feedback().themes(candidateId, after);
        return new ThemesDiff(candidateId, before.rulesVersion(), now.rulesVersion(),
                themeChanges(before.themes(), now.themes()), themeChanges(before.strengths(), now.strengths()),
                before.unsorted().size(), now.unsorted().size());
    }

    private static List<ThemeChange> themeChanges(List<ThemesResult.Theme> before, List<ThemesResult.Theme> now) {
        Map<String, ThemesResult.Theme> old = new LinkedHashMap<>();
        before.forEach(t -> old.put(t.theme(), t));
        List<ThemeChange> changes = new ArrayList<>();
        for (ThemesResult.Theme theme : now) {
            ThemesResult.Theme was = old.remove(theme.theme());
            if (was == null) {
                changes.add(new ThemeChange(theme.theme(), theme.title(), "appeared", 0, theme.count(), null,
                        theme.status()));
            } else {
                changes.add(new ThemeChange(theme.theme(), theme.title(),
                        was.count() == theme.count() && Objects.equals(was.status(), theme.status()) ? "same" : "changed",
                        was.count(), theme.count(), was.status(), theme.status()));
            }
        }
        old.values().forEach(gone -> changes.add(new ThemeChange(gone.theme(), gone.title(), "vanished", gone.count(),
                0, gone.status(), null)));
        return changes;
    }
}
