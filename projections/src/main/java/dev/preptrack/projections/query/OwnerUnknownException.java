package dev.preptrack.projections.query;

/** No instance is known to own a candidate's read models yet (starting or rebalancing); retry. */
public final class OwnerUnknownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OwnerUnknownException(String candidateId) {
        super("the projections are being assigned to instances; no owner of '" + candidateId + "' yet");
    }
}
