package dev.preptrack.schemas.serde;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * Keeps a newer writer's union branches visible to an older reader. Avro resolves a writer's
 * union branch that the reader's union lacks by shape, not only by name: an envelope of a payload
 * type added by a newer build ({@code StoryArchived {storyId}}) would be read as the first reader
 * branch it fits ({@code StoryRetired}), and folded as one. So the reader schema gets every named
 * branch of the writer's unions that it does not know, appended to the same union: Avro then
 * matches that branch by its name, reads it as a generic record, and the decoder refuses it as
 * the unknown payload it is, while the records of the types both know read as before.
 */
final class UnknownBranches {

    private UnknownBranches() {
    }

    /** {@code reader}, its unions widened by {@code writer}'s named branches it lacks; {@code reader} itself when none. */
    static Schema keptIn(Schema reader, Schema writer) {
        return widen(reader, writer, new HashSet<>());
    }

    private static Schema widen(Schema reader, Schema writer, Set<String> seen) {
        switch (reader.getType()) {
            case RECORD:
                if (writer.getType() != Schema.Type.RECORD || !seen.add(reader.getFullName())) {
                    return reader;
                }
                return widenRecord(reader, writer, seen);
            case UNION:
                return writer.getType() == Schema.Type.UNION ? widenUnion(reader, writer, seen) : reader;
            case ARRAY:
                return writer.getType() == Schema.Type.ARRAY && widen(reader.getElementType(), writer.getElementType(),
                        seen) != reader.getElementType()
                        ? Schema.createArray(widen(reader.getElementType(), writer.getElementType(), seen)) : reader;
            default:
                return reader;
        }
    }

    private static Schema widenRecord(Schema reader, Schema writer, Set<String> seen) {
        List<Schema.Field> fields = new ArrayList<>();
        boolean changed = false;
        for (Schema.Field field : reader.getFields()) {
            Schema.Field written = writer.getField(field.name());
            Schema widened = written == null ? field.schema() : widen(field.schema(), written.schema(), seen);
            changed |= widened != field.schema();
            fields.add(new Schema.Field(field, widened));
        }
        if (!changed) {
            return reader;
        }
        Schema copy = Schema.createRecord(reader.getName(), reader.getDoc(), reader.getNamespace(), reader.isError(),
                fields);
        reader.getAliases().forEach(copy::addAlias);
        reader.getObjectProps().forEach(copy::addProp);
        return copy;
    }

    private static Schema widenUnion(Schema reader, Schema writer, Set<String> seen) {
        Set<String> known = new HashSet<>();
        List<Schema> branches = new ArrayList<>();
        boolean changed = false;
        for (Schema branch : reader.getTypes()) {
            if (isNamed(branch)) {
                known.add(branch.getFullName());
                known.addAll(branch.getAliases());
            }
            Schema written = isNamed(branch) ? named(writer, branch.getFullName()) : null;
            Schema widened = written == null ? branch : widen(branch, written, seen);
            changed |= widened != branch;
            branches.add(widened);
        }
        for (Schema branch : writer.getTypes()) {
            if (isNamed(branch) && !known.contains(branch.getFullName())) {
                branches.add(branch);
                changed = true;
            }
        }
        return changed ? Schema.createUnion(branches) : reader;
    }

    private static boolean isNamed(Schema schema) {
        return schema.getType() == Schema.Type.RECORD || schema.getType() == Schema.Type.ENUM
                || schema.getType() == Schema.Type.FIXED;
    }

    private static Schema named(Schema union, String fullName) {
        return union.getTypes().stream().filter(branch -> isNamed(branch) && branch.getFullName().equals(fullName))
                .findFirst().orElse(null);
    }
}
