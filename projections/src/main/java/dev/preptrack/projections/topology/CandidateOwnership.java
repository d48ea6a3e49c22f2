package dev.preptrack.projections.topology;

import dev.preptrack.projections.query.CandidateOwners;
import dev.preptrack.projections.query.OwnerUnknownException;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Who holds a candidate's stores in a cohort of instances sharing one projection set's
 * application id: the active host Kafka Streams' metadata names for the candidate's key
 * (every store of the set is partitioned alike, so one store answers for all).
 */
final class CandidateOwnership implements CandidateOwners {

    private final KafkaStreams streams;
    private final String storeName;
    private final HostInfo self;

    CandidateOwnership(KafkaStreams streams, String storeName, HostInfo self) {
        this.streams = streams;
        this.storeName = storeName;
        this.self = self;
    }

    @Override
    public Optional<String> ownerElsewhere(String candidateId) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(storeName, candidateId, Serdes.String().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new OwnerUnknownException(candidateId);
        }
        HostInfo owner = metadata.activeHost();
        return owner.equals(self) ? Optional.empty() : Optional.of(owner.host() + ":" + owner.port());
    }
}
