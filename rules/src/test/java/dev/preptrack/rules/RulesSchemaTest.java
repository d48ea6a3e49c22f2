package dev.preptrack.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import org.junit.jupiter.api.Test;

class RulesSchemaTest {

    @Test
    void every_worded_expectation_belongs_to_a_definition_of_the_schema() throws Exception {
        var schema = new ObjectMapper().readTree(RulesSchema.class.getResourceAsStream("/dev/preptrack/rules/rules.schema.json"));

        assertThat(RulesSchema.EXPECTED.keySet()).allSatisfy(name -> assertThat(schema.path("$defs").has(name)).as(name).isTrue());
    }

    @Test
    void an_instance_location_is_written_as_the_loader_writes_field_paths() {
        NodePath location = new NodePath(PathType.JSON_POINTER).append("themes").append("definitions").append(0)
                .append("patterns").append(0);

        assertThat(RulesSchema.path(location)).isEqualTo("themes.definitions[0].patterns[0]");
    }
}
