package dev.preptrack.tracker.app;

/**
 * The port that says whether a write can be stored whole now. Asked before a command is sent,
 * so that a disk about to fill refuses writes cleanly instead of failing one half way (the
 * embedded broker takes its log directory offline on the first failed append, and with it
 * the whole process). What "room" means, and where, is the adapter's business.
 */
public interface StorageGuard {

    /** No limit: where the storage is not ours to watch (tests, an in-memory bus). */
    StorageGuard NONE = () -> { };

    /** @throws InsufficientStorageException when there is too little room to accept a write */
    void ensureRoom();
}
