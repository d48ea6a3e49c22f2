package dev.preptrack.ui.http;

import dev.preptrack.projections.query.ReadQueries;
import dev.preptrack.tracker.app.CommandBus;

/**
 * What the routes reach once start-up has made it: the write side's command bus and the read
 * side's use cases. Until then a route answers 503 rather than waiting.
 */
public final class Backends {

    private volatile CommandBus commandBus;
    private volatile ReadQueries reads;

    public void ready(CommandBus commandBus, ReadQueries reads) {
        this.commandBus = commandBus;
        this.reads = reads;
    }

    CommandBus commandBus() {
        CommandBus current = commandBus;
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
