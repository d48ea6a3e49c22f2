package dev.preptrack.rules;

import java.util.List;

/** One section of a rubric: its id, a title, its time budget and the other names it goes by. */
public record Section(String id, String title, int budgetSeconds, List<String> aliases) {

    public Section {
        aliases = List.copyOf(aliases);
    }
}
