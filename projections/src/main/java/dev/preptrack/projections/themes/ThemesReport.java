package dev.preptrack.projections.themes;

import dev.preptrack.projections.AddressedBy;
import dev.preptrack.projections.CandidateFeedback;
import dev.preptrack.projections.FeedbackItemView;
import dev.preptrack.rules.ThemeRules;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A candidate's feedback themes, evaluated at {@code now} from the folded feedback (which
 * already carries each item's themes): how often each theme came up, from how many sources and
 * sessions, whether it recurs, how many of its items are still open, and its trend. Items that
 * fit no theme are grouped into emerging clusters.
 *
 * <p>A session is the practice attempt the feedback is about or, when it names none, the
 * calendar day (UTC) it was given. An item is addressed when triaged so (or won't-fix), or when
 * a story edit says it addresses it and the story was practised after that edit; a later
 * "reopened" triage opens it again. Themes that ask for no change (praise) are never open and
 * are listed after every theme that does.
 */
public record ThemesReport(Instant now, List<ThemeSummary> themes, List<EmergingCluster> emerging) {

    public record Example(String feedbackId, String text, Instant occurredAt) {
    }

    public record ThemeSummary(String theme, String title, int count, int sources, int sessions, boolean recurring,
            int open, int addressed, Instant firstSeen, Instant lastSeen, String trend, int recent, int previous,
            List<Example> examples) {
    }

    public record EmergingCluster(String label, int count, List<Example> examples) {
    }

    static final int EXAMPLES = 3;

    public static ThemesReport of(CandidateFeedback feedback, ThemeRules rules, Instant now) {
        List<FeedbackItemView> items = feedback == null ? List.of() : feedback.getItems().values().stream()
                .filter(item -> !item.getOccurredAt().isAfter(now))
                .sorted(Comparator.comparing(FeedbackItemView::getOccurredAt).thenComparing(FeedbackItemView::getFeedbackId))
                .toList();
        Map<String, Instant> lastAttemptAt = feedback == null ? Map.of() : feedback.getLastAttemptAt();
        Duration window = Duration.ofDays(rules.trendWindowDays());
        List<ThemeSummary> themes = new ArrayList<>();
        for (var definition : rules.definitions()) {
            List<FeedbackItemView> mine = items.stream().filter(item -> item.getThemes().contains(definition.id())).toList();
            if (mine.isEmpty()) {
                continue;
            }
            Set<String> sources = new HashSet<>();
            Set<String> sessions = new HashSet<>();
            int open = 0, recent = 0, previous = 0;
            for (FeedbackItemView item : mine) {
                sources.add(item.getSourceName().strip().toLowerCase(Locale.ROOT));
                sessions.add(session(item));
                if (definition.asksForChange() && isOpen(item, lastAttemptAt)) {
                    open++;
                }
                Instant at = item.getOccurredAt();
                if (at.isAfter(now.minus(window))) {
                    recent++;
                } else if (at.isAfter(now.minus(window.multipliedBy(2)))) {
                    previous++;
                }
            }
            boolean recurring = sessions.size() >= rules.recurrence().minSessions()
                    || sources.size() >= rules.recurrence().minSources();
            themes.add(new ThemeSummary(definition.id(), definition.title(), mine.size(), sources.size(), sessions.size(),
                    recurring, open, definition.asksForChange() ? mine.size() - open : 0, mine.get(0).getOccurredAt(),
                    mine.get(mine.size() - 1).getOccurredAt(), trend(recent, previous), recent, previous,
                    latest(mine)));
        }
        // What asks for work comes first: recurring themes with open items; praise goes last.
        themes.sort(Comparator.comparing((ThemeSummary t) -> !rules.definition(t.theme()).orElseThrow().asksForChange())
                .thenComparing(Comparator.comparing(ThemeSummary::recurring).reversed())
                .thenComparing(Comparator.comparingInt(ThemeSummary::open).reversed())
                .thenComparing(Comparator.comparingInt(ThemeSummary::count).reversed())
                .thenComparing(ThemeSummary::theme));
        List<FeedbackItemView> unthemed = items.stream().filter(item -> item.getThemes().isEmpty()).toList();
        return new ThemesReport(now, List.copyOf(themes), EmergingClusters.of(unthemed, rules.emerging()));
    }

    static String session(FeedbackItemView item) {
        return item.getAttemptId() != null ? "attempt:" + item.getAttemptId()
                : "day:" + item.getOccurredAt().atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** An item's status: {@code no-change-asked} (praise only), {@code open} or {@code addressed}. */
    public static String status(FeedbackItemView item, Map<String, Instant> lastAttemptAt, ThemeRules rules) {
        return rules.asksForNoChange(item.getThemes()) ? "no-change-asked"
                : isOpen(item, lastAttemptAt) ? "open" : "addressed";
    }

    /** Whether the item still asks for a change (see the class comment for when it is addressed). */
    public static boolean isOpen(FeedbackItemView item, Map<String, Instant> lastAttemptAt) {
        Instant confirmed = null;
        for (AddressedBy edit : item.getAddressedBy()) {
            Instant practised = lastAttemptAt.get(edit.getStoryId());
            if (practised != null && practised.isAfter(edit.getOccurredAt())) {
                confirmed = confirmed == null || practised.isAfter(confirmed) ? practised : confirmed;
            }
        }
        var triage = item.getTriage();
        if (triage != null && !triage.getDecision().equals("reopened")) {
            return false;
        }
        if (triage != null && confirmed != null) {
            // Reopened: only a confirmation that happened after the reopening closes it again.
            return !confirmed.isAfter(triage.getOccurredAt());
        }
        return confirmed == null;
    }

    private static String trend(int recent, int previous) {
        if (recent > previous) {
            return previous == 0 ? "new" : "rising";
        }
        if (recent < previous) {
            return "falling";
        }
        return recent == 0 ? "quiet" : "steady";
    }

    static List<Example> latest(List<FeedbackItemView> items) {
        var examples = new ArrayList<Example>();
        for (int i = items.size() - 1; i >= 0 && examples.size() < EXAMPLES; i--) {
            var item = items.get(i);
            examples.add(new Example(item.getFeedbackId(), item.getText(), item.getOccurredAt()));
        }
        return List.copyOf(examples);
    }
}
