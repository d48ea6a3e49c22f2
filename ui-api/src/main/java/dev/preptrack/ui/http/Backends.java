package dev.preptrack.ui.http;

import dev.preptrack.projections.query.ReadQueries;
import dev.preptrack.tracker.app.WriteCommands;

/**
 * What the routes reach once start-up has made it: the write and read use cases. Until then a route answers 503 rather than waiting.
 */
public final class Backends {

    private volatile WriteCommands writes;
    private volatile ReadQueries reads;

    public void ready(WriteCommands writes, ReadQueries reads) {
        this.writes = writes;
        this.reads = reads;
    }

    WriteCommands writes() {
        WriteCommands current = writes;
        if (current == null) {
            throw new NotReadyException();
        }
        return current;
    }

    ReadQueries reads() {
        ReadQueries current = reads;
        if (current == null) {
            throw new NotReadyException();
        }
        return current;
    }

    /** 503: preptrack is still starting. */
    static final class NotReadyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotReadyException() {
            super("preptrack is starting; retry in a moment");
        }
    }
}
