package dev.preptrack.ui.http;

import dev.preptrack.projections.query.ReadQueries;
import dev.preptrack.tracker.app.WriteCommands;

/**
 * What the routes reach once start-up has made it: the write and read use cases. Until then,
 * and again once shutdown has begun, a route answers 503 rather than waiting.
 */
public final class Backends {

    private volatile WriteCommands writes;
    private volatile ReadQueries reads;
    private volatile RulesAdmin rules;
    private volatile String notReady = "preptrack is starting; retry in a moment";

    public void ready(WriteCommands writes, ReadQueries reads) {
        this.writes = writes;
        this.reads = reads;
    }

    /** As {@link #ready(WriteCommands, ReadQueries)}, with the rules versions for the rules and replay routes. */
    public void ready(WriteCommands writes, ReadQueries reads, RulesAdmin rules) {
        this.rules = rules;
        ready(writes, reads);
    }

    /**
     * Every read from now on is answered under another rules version. One reference, swapped: a
     * request holds the use cases it started with, so no answer mixes two versions.
     */
    public void switchReads(ReadQueries reads) {
        if (this.reads != null) {
            this.reads = reads;
        }
    }

    /** From now on the routes answer 503: the processors behind them are being closed. */
    public void stopping() {
        notReady = "preptrack is stopping; retry once it is started again";
        writes = null;
        reads = null;
        rules = null;
    }

    WriteCommands writes() {
        WriteCommands current = writes;
        if (current == null) {
            throw new NotReadyException(notReady);
        }
        return current;
    }

    ReadQueries reads() {
        ReadQueries current = reads;
        if (current == null) {
            throw new NotReadyException(notReady);
        }
        return current;
    }

    RulesAdmin rules() {
        RulesAdmin current = rules;
        if (current == null) {
            throw new NotReadyException(reads == null ? notReady : "this instance does not manage rules versions");
        }
        return current;
    }

    /** 503: preptrack is starting or stopping. */
    static final class NotReadyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotReadyException(String message) {
            super(message);
        }
    }
}
