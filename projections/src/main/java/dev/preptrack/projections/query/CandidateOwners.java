package dev.preptrack.projections.query;

import java.util.Optional;

/**
 * The port that says which instance holds a candidate's read models, so an adapter can send a
 * query for a candidate owned elsewhere to its owner.
 */
public interface CandidateOwners {

    /** A single instance owns everyone. */
    CandidateOwners ALONE = candidateId -> Optional.empty();

    /**
     * Where the candidate's read models live when another instance owns them ({@code host:port});
     * empty when this instance does.
     *
     * @throws OwnerUnknownException while ownership is being (re)assigned
     */
    Optional<String> ownerElsewhere(String candidateId);
}
