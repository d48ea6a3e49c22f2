package dev.preptrack.ui;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * A small filesystem of its own for a test (a size-limited tmpfs), so that it can fill a disk
 * without touching the machine's. Needs root; the test is skipped, saying why, without it.
 * Always unmounted by {@link #close()}.
 */
final class Tmpfs implements AutoCloseable {

    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    static Tmpfs mount(Path dir, int mebibytes) throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "skipped: mounting a size-limited tmpfs to fill a disk needs root (running as "
                        + System.getProperty("user.name") + ")");
        Files.createDirectories(dir);
        String output = run("mount", "-t", "tmpfs", "-o", "size=" + mebibytes + "m", "tmpfs", dir.toString());
        assumeTrue(output == null, "skipped: cannot mount a tmpfs on " + dir + ": " + output);
        return new Tmpfs(dir);
    }

    Path dir() {
        return dir;
    }

    long usableBytes() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    /** Writes {@code file} (on this filesystem) until at most {@code leftBytes} are usable. */
    void fillUntil(Path file, long leftBytes) throws IOException {
        var chunk = ByteBuffer.allocate(1024 * 1024);
        try (var channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (usableBytes() > leftBytes) {
                chunk.clear();
                chunk.limit((int) Math.min(chunk.capacity(), Math.max(4096, usableBytes() - leftBytes)));
                try {
                    channel.write(chunk);
                } catch (IOException full) {
                    return;
                }
            }
        }
    }

    /** Writes {@code file} until the filesystem refuses another byte. */
    void fillCompletely(Path file) throws IOException {
        fillUntil(file, 0);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String refused = run("umount", dir.toString());
        if (refused != null) {
            // Still busy (a process not yet gone): detach it now, it is freed once the last user is.
            String lazy = run("umount", "-l", dir.toString());
            if (lazy != null) {
                throw new IOException("cannot unmount the tmpfs on " + dir + ": " + refused + "; " + lazy);
            }
        }
    }

    /** Runs a command; null when it succeeded, else what it said. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            return notInstalled.getMessage();
        }
        String output = new String(process.getInputStream().readAllBytes()).trim();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return String.join(" ", command) + " did not finish";
        }
        return process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + output;
    }
}
