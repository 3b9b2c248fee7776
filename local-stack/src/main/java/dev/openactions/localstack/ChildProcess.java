package dev.openactions.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A JVM child process with its output in a log file; destroyed with the launcher. */
public final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    public static ChildProcess start(String name, List<String> command, Path workDir, Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            ChildProcess child = new ChildProcess(name, process, logFile);
            // Never leave orphans behind, even when the launcher is killed by Ctrl-C.
            Runtime.getRuntime().addShutdownHook(new Thread(child::close, "stop-" + name));
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits until {@code ready} holds; fails early, with the log's tail, if the process dies. */
    public void awaitReady(BooleanSupplier ready, Duration timeout) {
        try {
            Poll.until(timeout, Duration.ofMillis(100), name + " to be ready", () -> {
                if (!process.isAlive()) {
                    throw new Poll.Abort(name + " exited with " + process.exitValue() + "; log tail:\n" + logTail());
                }
                return ready.getAsBoolean() ? Boolean.TRUE : null;
            });
        } catch (Poll.TimedOut e) {
            throw new IllegalStateException(name + " not ready after " + timeout + "; log tail:\n" + logTail());
        }
    }

    Path logFile() {
        return logFile;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** For measuring the process from outside (CPU time, children). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Kills the process at once (SIGKILL on Linux: no shutdown hooks, nothing flushed or committed). */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
