package dev.preptrack.rules;

import java.util.List;

/**
 * One section of a rubric: its id, a title, its time budget, the other names it goes by, and the
 * ids it had in earlier rules versions ({@code formerly}): events written under an old id are
 * read as this section, so a renamed section keeps its history, and a split section's history
 * goes to the part that names the old id.
 */
public record Section(String id, String title, int budgetSeconds, List<String> aliases, List<String> formerly) {

    public Section {
        aliases = List.copyOf(aliases);
        formerly = formerly == null ? List.of() : List.copyOf(formerly);
    }
}
