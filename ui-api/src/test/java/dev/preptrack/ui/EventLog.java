package dev.preptrack.ui;

import dev.preptrack.backbone.TestKafka;
import dev.preptrack.events.Envelope;
import dev.preptrack.schemas.Subjects;
import dev.preptrack.schemas.kafka.KafkaAccess;
import dev.preptrack.schemas.registry.SchemaRegistryClient;
import dev.preptrack.schemas.serde.SpecificAvroDeserializer;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The events topic as a consumer sees it: every committed event, in order per candidate. */
final class EventLog {

    private EventLog() {
    }

    static List<Envelope> events(KafkaAccess kafka, String registryUrl) {
        var deserializer = new SpecificAvroDeserializer<>(SchemaRegistryClient.forUrl(registryUrl), Envelope.class);
        return TestKafka.readAll(kafka, Subjects.EVENTS_TOPIC, deserializer).stream()
                .map(ConsumerRecord::value).toList();
    }

    static List<Envelope> events(Preptrack preptrack, String candidateId) {
        return events(preptrack.kafka(), preptrack.registryUrl()).stream()
                .filter(event -> event.getCandidateId().equals(candidateId)).toList();
    }
}
