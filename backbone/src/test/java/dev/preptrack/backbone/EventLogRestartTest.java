package dev.preptrack.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.events.Envelope;
import dev.preptrack.schemas.SampleEvents;
import dev.preptrack.schemas.Subjects;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** History is kept: what was acknowledged before a stop is all there after a start. */
@Tag("integration")
@Timeout(180)
class EventLogRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void every_acknowledged_event_is_readable_after_the_backbone_restarts() throws Exception {
        List<Envelope> written = new ArrayList<>();
        var backbone = RunningBackbone.start(dataDir);
        try (var producer = backbone.eventProducer()) {
            for (int candidate = 0; candidate < 20; candidate++) {
                for (Envelope event : SampleEvents.oneOfEachType("cand-" + candidate)) {
                    producer.send(new ProducerRecord<>(Subjects.EVENTS_TOPIC, event.getCandidateId(), event)).get();
                    written.add(event);
                }
            }
        }
        int schemaId = backbone.registryClient().lookup(Subjects.EVENTS_VALUE, Envelope.getClassSchema()).id();

        backbone = backbone.restart();
        try {
            List<ConsumerRecord<String, Envelope>> read = backbone.readAll(Subjects.EVENTS_TOPIC);

            assertThat(read).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(written);
            assertThat(read).allSatisfy(record -> assertThat(record.key()).isEqualTo(record.value().getCandidateId()));
            assertThat(backbone.registryClient().lookup(Subjects.EVENTS_VALUE, Envelope.getClassSchema()).id())
                    .isEqualTo(schemaId);
        } finally {
            backbone.close();
        }
    }
}
