package dev.preptrack.rules;

import java.util.List;
import java.util.Optional;

/**
 * A rubric answers are timed and judged against: its sections, in speaking order, and the ids
 * the rubric had in earlier rules versions ({@code formerly}), which events may still carry.
 */
public record Rubric(String id, String title, List<String> aliases, List<String> formerly, List<Section> sections) {

    public Rubric {
        aliases = List.copyOf(aliases);
        formerly = formerly == null ? List.of() : List.copyOf(formerly);
        sections = List.copyOf(sections);
    }

    /** The section an event's section id means under these rules: its own id, or one it was formerly known by. */
    public Optional<Section> sectionOf(String eventSectionId) {
        Optional<Section> byId = section(eventSectionId);
        return byId.isPresent() ? byId
                : sections.stream().filter(section -> section.formerly().contains(eventSectionId)).findFirst();
    }

    public Optional<Section> section(String sectionId) {
        // A loop, not a stream: folds ask this for every section of every attempt they read.
        for (Section section : sections) {
            if (section.id().equals(sectionId)) {
                return Optional.of(section);
            }
        }
        return Optional.empty();
    }

    public boolean hasSection(String sectionId) {
        return section(sectionId).isPresent();
    }

    /**
     * The section a person's heading or an old id names: an id, or an alias ignoring case and
     * punctuation ({@link Names}); an exact id first, so an alias can never hide one.
     */
    public Optional<Section> resolveSection(String name) {
        Optional<Section> byId = sectionOf(name.trim());
        if (byId.isPresent()) {
            return byId;
        }
        return sections.stream().filter(section -> Names.names(name, section.id(), section.aliases())).findFirst();
    }

    public List<String> sectionIds() {
        return sections.stream().map(Section::id).toList();
    }
}
