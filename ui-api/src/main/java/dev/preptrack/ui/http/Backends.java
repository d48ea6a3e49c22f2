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
    private volatile String notReady = "preptrack is starting; retry in a moment";

    public void ready(WriteCommands writes, ReadQueries reads) {
        this.writes = writes;
        this.reads = reads;
    }

    /** From now on the routes answer 503: the processors behind them are being closed. */
    public void stopping() {
        notReady = "preptrack is stopping; retry once it is started again";
        writes = null;
        reads = null;
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

    /** 503: preptrack is starting or stopping. */
    static final class NotReadyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotReadyException(String message) {
            super(message);
        }
    }
}
