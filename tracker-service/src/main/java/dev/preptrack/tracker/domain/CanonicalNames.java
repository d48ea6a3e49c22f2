package dev.preptrack.tracker.domain;

import dev.preptrack.domain.event.PracticeAttemptLogged.SectionPractice;
import dev.preptrack.rules.Rubric;
import dev.preptrack.rules.Rules;
import dev.preptrack.rules.Section;
import dev.preptrack.tracker.domain.CandidateCommand.CreateStory;
import dev.preptrack.tracker.domain.CandidateCommand.EditStory;
import dev.preptrack.tracker.domain.CandidateCommand.LogAttempt;
import dev.preptrack.tracker.domain.CandidateCommand.RecordFeedback;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Commands with rubrics and sections named as the rules name them: people write "STAR", "S"
 * or "Actions" (the rules' aliases, any case); events always carry the ids. Names the rules do
 * not know are left as written, for the policies to refuse with the name the person used.
 */
final class CanonicalNames {

    private final Rules rules;

    CanonicalNames(Rules rules) {
        this.rules = rules;
    }

    CreateStory of(CreateStory create) {
        return rules.resolveRubric(create.rubric())
                .map(rubric -> new CreateStory(create.storyId(), create.title(), rubric.id(),
                        sectionKeys(rubric, create.sections()), create.tags(), create.prompt(), create.notes()))
                .orElse(create);
    }

    EditStory of(EditStory edit, WriteModel model) {
        return model.story(edit.storyId()).flatMap(story -> rules.rubric(story.rubric()))
                .map(rubric -> new EditStory(edit.storyId(), edit.expectedVersion(),
                        sectionKeys(rubric, edit.changedSections()), edit.addressesFeedback(), edit.note()))
                .orElse(edit);
    }

    LogAttempt of(LogAttempt attempt) {
        return rules.resolveRubric(attempt.rubric())
                .map(rubric -> new LogAttempt(attempt.attemptId(), attempt.storyId(), attempt.storyVersion(), rubric.id(),
                        attempt.prompt(), attempt.mode(), attempt.selfScore(), attempt.sections().stream()
                                .map(practice -> new SectionPractice(sectionId(rubric, practice.section()),
                                        practice.seconds(), practice.selfScore()))
                                .toList()))
                .orElse(attempt);
    }

    /** A feedback item's section is named within its rubric: the one it names, else its story's. */
    RecordFeedback of(RecordFeedback feedback, WriteModel model) {
        Optional<Rubric> rubric = feedback.rubric() != null ? rules.resolveRubric(feedback.rubric())
                : model.story(feedback.storyId()).flatMap(story -> rules.rubric(story.rubric()));
        return rubric.map(r -> new RecordFeedback(feedback.feedbackId(), feedback.source(), feedback.text(),
                        feedback.attemptId(), feedback.storyId(), feedback.rubric() == null ? null : r.id(),
                        feedback.section() == null ? null : sectionId(r, feedback.section()), feedback.score()))
                .orElse(feedback);
    }

    private static String sectionId(Rubric rubric, String name) {
        return rubric.resolveSection(name).map(Section::id).orElse(name);
    }

    /** Section texts keyed by section id; a name that would collide with another's id stays as written. */
    private static Map<String, String> sectionKeys(Rubric rubric, Map<String, String> sections) {
        var keyed = new LinkedHashMap<String, String>();
        sections.forEach((name, text) -> {
            String id = sectionId(rubric, name);
            keyed.put(keyed.containsKey(id) || (!id.equals(name) && sections.containsKey(id)) ? name : id, text);
        });
        return keyed;
    }
}
