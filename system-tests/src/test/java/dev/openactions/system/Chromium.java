package dev.openactions.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium for the console's browser tests: installed with apt when a fresh machine lacks
 * it (as root, or through passwordless sudo), so that {@code ./mvnw verify} needs nothing set up by hand.
 */
final class Chromium {
    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    private Chromium() {}

    static Path ensureInstalled() throws IOException, InterruptedException {
        if (Files.isExecutable(EXECUTABLE)) {
            return EXECUTABLE;
        }
        if (apt("install", "-y", "--no-install-recommends", "chromium") != 0) {
            apt("update");
            if (apt("install", "-y", "--no-install-recommends", "chromium") != 0) {
                throw new IllegalStateException(
                        "cannot install chromium with apt-get (needs root or passwordless sudo)");
            }
        }
        return EXECUTABLE;
    }

    private static int apt(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("sudo", "-n"));
        }
        command.add("apt-get");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
