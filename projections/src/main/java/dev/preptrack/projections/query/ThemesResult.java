package dev.preptrack.projections.query;

import dev.preptrack.projections.themes.ThemesReport;
import java.util.List;

/**
 * A candidate's feedback themes as {@code GET /themes} answers them: each criticism's counts,
 * recurrence, open and addressed items, status (overall and per story, with why), where it
 * concentrates, trend and latest examples; praise apart as strengths; the items no theme fits,
 * with suggestions, and their emerging clusters; and the accounting of every item. Instants are
 * ISO-8601 text.
 */
public record ThemesResult(int rulesVersion, String asOf, List<Theme> themes, List<Theme> strengths,
        List<Unsorted> unsorted, List<Emerging> emerging, ThemesReport.Accounting accounting) {

    public record Theme(String theme, String title, int count, int sources, int sessions, boolean recurring, int open,
            int addressed, String status, List<ThemesReport.StoryStatus> stories, List<ThemesReport.Share> sections,
            List<ThemesReport.Share> givers, String firstSeen, String lastSeen, String trend, int recent, int previous,
            List<Example> examples) {

        static Theme of(ThemesReport.ThemeSummary theme) {
            return new Theme(theme.theme(), theme.title(), theme.count(), theme.sources(), theme.sessions(),
                    theme.recurring(), theme.open(), theme.addressed(), theme.status(), theme.stories(),
                    theme.sections(), theme.givers(), theme.firstSeen().toString(),
                    theme.lastSeen().toString(), theme.trend(), theme.recent(), theme.previous(),
                    Example.of(theme.examples()));
        }
    }

    public record Unsorted(String feedbackId, String text, String occurredAt, List<String> suggestions) {

        static Unsorted of(ThemesReport.Unsorted item) {
            return new Unsorted(item.feedbackId(), item.text(), item.occurredAt().toString(), item.suggestions());
        }
    }

    public record Emerging(String label, int count, List<Example> examples, List<String> feedbackIds) {

        static Emerging of(ThemesReport.EmergingCluster cluster) {
            return new Emerging(cluster.label(), cluster.count(), Example.of(cluster.examples()), cluster.feedbackIds());
        }
    }

    public record Example(String feedbackId, String text, String occurredAt) {

        static List<Example> of(List<ThemesReport.Example> examples) {
            return examples.stream().map(example -> new Example(example.feedbackId(), example.text(),
                    example.occurredAt().toString())).toList();
        }
    }

    static ThemesResult of(int rulesVersion, ThemesReport report) {
        return new ThemesResult(rulesVersion, report.now().toString(),
                report.themes().stream().map(Theme::of).toList(),
                report.strengths().stream().map(Theme::of).toList(),
                report.unsorted().stream().map(Unsorted::of).toList(),
                report.emerging().stream().map(Emerging::of).toList(), report.accounting());
    }
}
