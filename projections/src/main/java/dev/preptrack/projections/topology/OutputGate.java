package dev.preptrack.projections.topology;

/**
 * Whether a projection set publishes to its output topics yet. A live set's gate is open from the
 * start: every change is published. A set rebuilding a new rules version from the first event
 * starts closed — it folds into its stores and publishes nothing, since a snapshot per event
 * would be most of its work and nobody reads that version's topics yet — and is opened once it
 * has caught up: each fold then publishes every candidate it holds once, and every change from
 * then on, like a live set.
 */
public final class OutputGate {

    private volatile boolean open;

    private OutputGate(boolean open) {
        this.open = open;
    }

    public static OutputGate opened() {
        return new OutputGate(true);
    }

    public static OutputGate closed() {
        return new OutputGate(false);
    }

    public boolean isOpen() {
        return open;
    }

    /** From now on the set publishes; a closed fold publishes what it holds at its next punctuation. */
    public void open() {
        open = true;
    }
}
