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
 * already carries each item's themes): how often each criticism came up, from how many sources
 * and sessions, whether it recurs, how many of its items are still open, its trend, where it
 * concentrates (sections, givers) and its status on each story it was raised on. Praise is
 * listed apart as strengths and never counts toward a criticism; an item that praises and asks
 * for a change counts for the change. Items that fit no theme are listed as unsorted, with the
 * themes of the most alike items as suggestions, and grouped into emerging clusters; the
 * accounting says where every item went.
 *
 * <p>A session is the practice attempt the feedback is about or, when it names none, the
 * calendar day (UTC) it was given. An item is addressed when triaged so (or won't-fix), or when
 * a story edit says it addresses it and the story was practised after that edit; a later
 * "reopened" triage opens it again.
 *
 * <p>A theme's status on a story ({@link StoryStatus}): {@code open} until an edit of the story
 * addresses one of its items there (or every item is triaged closed: {@code addressed});
 * {@code persisting} if it is raised on that story again after the latest such edit;
 * {@code resolved} once the story was practised after the edit and at least
 * {@code resolution.confirmingAttempts} later sessions on it drew feedback without it;
 * {@code addressed} before that. For the candidate a theme is resolved
 * only where it is resolved on every story it was raised on; persisting anywhere makes it
 * persisting, open anywhere open. Items about no story are open or addressed by their own status.
 */
public record ThemesReport(Instant now, List<ThemeSummary> themes, List<ThemeSummary> strengths,
        List<Unsorted> unsorted, List<EmergingCluster> emerging, Accounting accounting) {

    public record Example(String feedbackId, String text, Instant occurredAt) {
    }

    public record ThemeSummary(String theme, String title, int count, int sources, int sessions, boolean recurring,
            int open, int addressed, Instant firstSeen, Instant lastSeen, String trend, int recent, int previous,
            List<Example> examples, String status, List<StoryStatus> stories, List<Share> sections,
            List<Share> givers) {
    }

    /** A theme's status on one story ({@code storyId} null: the items about no story), and why. */
    public record StoryStatus(String storyId, String status, String why) {
    }

    /** Where a theme concentrates: a section ({@code rubric/section}) or a giver, and how many of its items. */
    public record Share(String name, int count) {
    }

    /** An item no theme fits, with the themes of the items (and the rules' examples) most like it. */
    public record Unsorted(String feedbackId, String text, Instant occurredAt, List<String> suggestions) {
    }

    /** Unsorted items alike enough to be one theme: {@code feedbackIds} all of them (newest first), to name it by. */
    public record EmergingCluster(String label, int count, List<Example> examples, List<String> feedbackIds) {
    }

    /** Where every item went: {@code criticism + strengths + unsorted == items}. */
    public record Accounting(int items, int criticism, int strengths, int unsorted) {
    }

    static final int EXAMPLES = 3;
    private static final int SHARES = 3;
    private static final int SUGGESTIONS = 2;

    public static ThemesReport of(CandidateFeedback feedback, ThemeRules rules, Instant now) {
        List<FeedbackItemView> items = feedback == null ? List.of() : feedback.getItems().values().stream()
                .filter(item -> !item.getOccurredAt().isAfter(now))
                .sorted(Comparator.comparing(FeedbackItemView::getOccurredAt).thenComparing(FeedbackItemView::getFeedbackId))
                .toList();
        Map<String, Instant> lastAttemptAt = feedback == null ? Map.of() : feedback.getLastAttemptAt();
        List<ThemeSummary> themes = new ArrayList<>();
        List<ThemeSummary> strengths = new ArrayList<>();
        for (var definition : definitions(feedback, rules)) {
            // An item that praises and asks for a change counts for the change only.
            List<FeedbackItemView> mine = items.stream().filter(item -> item.getThemes().contains(definition.id()))
                    .filter(item -> definition.asksForChange() || rules.asksForNoChange(item.getThemes())).toList();
            if (!mine.isEmpty()) {
                (definition.asksForChange() ? themes : strengths).add(summary(definition, mine, items, lastAttemptAt,
                        rules, now));
            }
        }
        // What asks for work comes first: recurring themes with open items.
        Comparator<ThemeSummary> order = Comparator.comparing(ThemeSummary::recurring).reversed()
                .thenComparing(Comparator.comparingInt(ThemeSummary::open).reversed())
                .thenComparing(Comparator.comparingInt(ThemeSummary::count).reversed())
                .thenComparing(ThemeSummary::theme);
        themes.sort(order);
        strengths.sort(Comparator.comparingInt(ThemeSummary::count).reversed().thenComparing(ThemeSummary::theme));
        List<FeedbackItemView> unthemed = items.stream().filter(item -> item.getThemes().isEmpty()).toList();
        int praiseOnly = (int) items.stream().filter(item -> rules.asksForNoChange(item.getThemes())).count();
        var accounting = new Accounting(items.size(), items.size() - praiseOnly - unthemed.size(), praiseOnly,
                unthemed.size());
        return new ThemesReport(now, List.copyOf(themes), List.copyOf(strengths), suggestions(unthemed, items, rules),
                EmergingClusters.of(unthemed, rules.emerging()), accounting);
    }

    /**
     * The rules' themes, then the candidate's own (named from their feedback, by id): criticism a
     * person named, described by nothing but its items.
     */
    private static List<dev.preptrack.rules.ThemeDefinition> definitions(CandidateFeedback feedback, ThemeRules rules) {
        List<dev.preptrack.rules.ThemeDefinition> all = new ArrayList<>(rules.definitions());
        if (feedback != null) {
            new java.util.TreeMap<>(feedback.getNamedThemes()).forEach((id, title) -> {
                if (rules.definition(id).isEmpty()) {
                    all.add(new dev.preptrack.rules.ThemeDefinition(id, title, "named by the candidate", List.of(),
                            List.of(), List.of(), List.of(), false, true));
                }
            });
        }
        return all;
    }

    private static ThemeSummary summary(dev.preptrack.rules.ThemeDefinition definition, List<FeedbackItemView> mine,
            List<FeedbackItemView> all, Map<String, Instant> lastAttemptAt, ThemeRules rules, Instant now) {
        Duration window = Duration.ofDays(rules.trendWindowDays());
        Set<String> sources = new HashSet<>();
        Set<String> sessions = new HashSet<>();
        int open = 0, recent = 0, previous = 0;
        for (FeedbackItemView item : mine) {
            sources.add(source(item));
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
        List<StoryStatus> stories = definition.asksForChange()
                ? storyStatuses(definition.id(), mine, all, lastAttemptAt, rules) : List.of();
        return new ThemeSummary(definition.id(), definition.title(), mine.size(), sources.size(), sessions.size(),
                recurring, open, definition.asksForChange() ? mine.size() - open : 0, mine.get(0).getOccurredAt(),
                mine.get(mine.size() - 1).getOccurredAt(), trend(recent, previous, !mine.get(0).getOccurredAt().isAfter(now.minus(window))), recent,
                previous, latest(mine),
                definition.asksForChange() ? overall(stories) : "strength", stories,
                shares(mine, item -> item.getSection() == null ? null
                        : (item.getRubric() == null ? "" : item.getRubric() + "/") + item.getSection()),
                shares(mine, item -> item.getSourceName().strip()));
    }

    /** The theme on each story it was raised on (stories in the order first raised; items about none last). */
    private static List<StoryStatus> storyStatuses(String theme, List<FeedbackItemView> mine, List<FeedbackItemView> all,
            Map<String, Instant> lastAttemptAt, ThemeRules rules) {
        Map<String, List<FeedbackItemView>> byStory = new java.util.LinkedHashMap<>();
        for (FeedbackItemView item : mine) {
            byStory.computeIfAbsent(item.getStoryId() == null ? "" : item.getStoryId(), k -> new ArrayList<>()).add(item);
        }
        List<StoryStatus> statuses = new ArrayList<>();
        List<FeedbackItemView> aboutNoStory = byStory.remove("");
        byStory.forEach((story, raised) -> statuses.add(onStory(theme, story, raised, all, lastAttemptAt, rules)));
        if (aboutNoStory != null) {
            boolean anyOpen = aboutNoStory.stream().anyMatch(item -> isOpen(item, lastAttemptAt));
            statuses.add(new StoryStatus(null, anyOpen ? "open" : "addressed", anyOpen
                    ? "raised about no story, and not marked addressed" : "raised about no story; marked addressed"));
        }
        return List.copyOf(statuses);
    }

    private static StoryStatus onStory(String theme, String story, List<FeedbackItemView> raised,
            List<FeedbackItemView> all, Map<String, Instant> lastAttemptAt, ThemeRules rules) {
        AddressedBy edit = null;
        for (FeedbackItemView item : raised) {
            for (AddressedBy by : item.getAddressedBy()) {
                if (story.equals(by.getStoryId()) && (edit == null || by.getOccurredAt().isAfter(edit.getOccurredAt()))) {
                    edit = by;
                }
            }
        }
        if (edit == null) {
            boolean anyOpen = raised.stream().anyMatch(item -> isOpen(item, lastAttemptAt));
            return new StoryStatus(story, anyOpen ? "open" : "addressed", anyOpen ? "no edit of this story addresses it yet"
                    : "marked addressed, with no edit of this story");
        }
        Instant editedAt = edit.getOccurredAt();
        String edited = "edited to v" + edit.getVersion() + " on " + day(editedAt);
        for (FeedbackItemView item : raised) {
            if (item.getTriage() != null && item.getTriage().getDecision().equals("reopened")
                    && item.getTriage().getOccurredAt().isAfter(editedAt)) {
                return new StoryStatus(story, "open", edited + ", reopened on " + day(item.getTriage().getOccurredAt()));
            }
        }
        List<FeedbackItemView> since = all.stream().filter(item -> story.equals(item.getStoryId()))
                .filter(item -> item.getOccurredAt().isAfter(editedAt)).toList();
        for (FeedbackItemView item : since) {
            if (item.getThemes().contains(theme)) {
                return new StoryStatus(story, "persisting", edited + ", raised again on " + day(item.getOccurredAt()));
            }
        }
        long confirming = since.stream().map(ThemesReport::session).distinct().count();
        int needed = rules.resolution().confirmingAttempts();
        Instant practised = lastAttemptAt.get(story);
        if (practised == null || !practised.isAfter(editedAt)) {
            // Feedback without a logged practice of the edited story confirms nothing (and its items stay open).
            return new StoryStatus(story, "addressed", edited + "; not practised since");
        }
        return confirming >= needed
                ? new StoryStatus(story, "resolved", edited + "; " + confirming + " later sessions on it drew feedback "
                        + "without it")
                : new StoryStatus(story, "addressed", edited + "; " + confirming + " of " + needed
                        + " later sessions needed to confirm it so far");
    }

    /** Persisting anywhere, else open anywhere, else resolved only if resolved everywhere, else addressed. */
    private static String overall(List<StoryStatus> stories) {
        for (String status : List.of("persisting", "open")) {
            if (stories.stream().anyMatch(story -> story.status().equals(status))) {
                return status;
            }
        }
        return stories.stream().allMatch(story -> story.status().equals("resolved")) ? "resolved" : "addressed";
    }

    /** The largest shares of a theme's items by {@code key} (null keys left out), largest first. */
    private static List<Share> shares(List<FeedbackItemView> items,
            java.util.function.Function<FeedbackItemView, String> key) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (FeedbackItemView item : items) {
            String name = key.apply(item);
            if (name != null && !name.isEmpty()) {
                counts.merge(name, 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(SHARES).map(entry -> new Share(entry.getKey(), entry.getValue())).toList();
    }

    /**
     * Each unsorted item with up to two suggestions, best first: under rules with a learned model,
     * the themes it scores highest ({@link ThemeClassifier#suggestions}); else the themes whose items
     * (the candidate's own, then the rules' examples) share the most content words with it (Jaccard).
     */
    private static List<Unsorted> suggestions(List<FeedbackItemView> unthemed, List<FeedbackItemView> items,
            ThemeRules rules) {
        ThemeClassifier classifier = ThemeClassifier.forRules(rules);
        if (classifier.learns()) {
            return unthemed.stream().map(item -> new Unsorted(item.getFeedbackId(), item.getText(), item.getOccurredAt(),
                    classifier.suggestions(item.getText()))).toList();
        }
        Map<String, List<Set<String>>> known = new java.util.LinkedHashMap<>();
        for (var definition : rules.definitions()) {
            if (!definition.asksForChange()) {
                continue;
            }
            List<Set<String>> texts = new ArrayList<>();
            items.stream().filter(item -> item.getThemes().contains(definition.id()))
                    .forEach(item -> texts.add(EmergingClusters.contentWords(item.getText())));
            definition.examples().forEach(example -> texts.add(EmergingClusters.contentWords(example)));
            known.put(definition.id(), texts);
        }
        List<Unsorted> unsorted = new ArrayList<>();
        for (FeedbackItemView item : unthemed) {
            Set<String> words = EmergingClusters.contentWords(item.getText());
            Map<String, Double> best = new java.util.HashMap<>();
            known.forEach((theme, texts) -> texts.forEach(text -> {
                double score = EmergingClusters.jaccard(words, text);
                if (score > 0) {
                    best.merge(theme, score, Math::max);
                }
            }));
            List<String> suggested = best.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(SUGGESTIONS).map(Map.Entry::getKey).toList();
            unsorted.add(new Unsorted(item.getFeedbackId(), item.getText(), item.getOccurredAt(), suggested));
        }
        return List.copyOf(unsorted);
    }

    private static String source(FeedbackItemView item) {
        return item.getSourceName().strip().toLowerCase(Locale.ROOT);
    }

    private static String day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate().toString();
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

    /** {@code new} only for a theme first raised within the recent window; one back after a quiet window is rising. */
    private static String trend(int recent, int previous, boolean seenBefore) {
        if (recent > previous) {
            return previous == 0 && !seenBefore ? "new" : "rising";
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
