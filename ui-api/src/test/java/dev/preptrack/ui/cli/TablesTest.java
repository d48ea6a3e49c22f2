package dev.preptrack.ui.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI's tables as a person reads them in a terminal: columns that stay in line, strengths in words. */
class TablesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_giver_or_story_longer_than_its_column_is_cut_and_the_columns_after_it_stay_in_line() throws Exception {
        var body = JSON.readTree("""
                {"items": [
                  {"feedbackId": "fb-1", "occurredAt": "2026-11-30T18:05:00Z", "status": "open", "themes": ["context"],
                   "text": "who was the customer?", "source": {"name": "Dr. Anneliese Montgomery-Fairweather", "role": "interviewer"},
                   "storyId": "the-very-long-story-about-migrating-the-billing-platform-off-the-mainframe-in-2019", "section": "situation"},
                  {"feedbackId": "fb-2", "occurredAt": "2026-11-29T18:05:00Z", "status": "open", "themes": ["impact-metrics"],
                   "text": "numbers?", "source": {"name": "Li", "role": "peer"}}
                ]}""");

        List<String> lines = FeedbackCommand.ListFeedback.table(body, false).lines().toList();

        assertThat(lines).hasSize(3);
        int status = lines.get(0).indexOf("status");
        assertThat(lines.get(1).indexOf("open")).isEqualTo(status);
        assertThat(lines.get(2).indexOf("open")).isEqualTo(status);
        assertThat(lines.get(1)).contains("Dr. Anneliese Montgomery-Fa…");
    }

    @Test
    void strengths_are_listed_in_the_givers_words_not_only_counted() throws Exception {
        var body = JSON.readTree("""
                {"themes": [], "strengths": [{"title": "Praise", "count": 2, "sources": 2, "examples": [
                  {"feedbackId": "fb-3", "text": "numbers land now, perfect", "occurredAt": "2026-11-30T18:05:00Z"},
                  {"feedbackId": "fb-1", "text": "much better pacing today", "occurredAt": "2026-11-23T10:00:00Z"}]}]}""");

        String table = ThemesCommand.table(body, picocli.CommandLine.Help.Ansi.OFF);

        assertThat(table).contains("strengths: 2 items of praise from 2 people, most recently:",
                "  2026-11-30  “numbers land now, perfect”", "  2026-11-23  “much better pacing today”");
    }
}
