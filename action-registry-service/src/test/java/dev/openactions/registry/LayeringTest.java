package dev.openactions.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No main-code import climbs back up the layers (a plain source scan, no Quarkus boot): the HTTP and
 * Kafka edges ({@code api}, {@code messaging}, {@code live}, {@code console}) and the marketplace build
 * on the action services, which build on {@code repository} and {@code domain} — never the other way.
 */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/openactions/registry");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.openactions\\.registry\\.([a-z]+)\\.",
            Pattern.MULTILINE);
    private static final Pattern ENTITY_IMPORT = Pattern.compile("^import dev\\.openactions\\.registry\\.[a-z.]+\\.[A-Za-z]+Entity;",
            Pattern.MULTILINE);
    /** Packages that use the action services; nothing below them may import them. */
    private static final Set<String> ABOVE_SERVICES = Set.of("api", "messaging", "live", "console", "marketplace");

    private record Source(String pkg, String file, List<String> imported) {
    }

    private static List<Source> sources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).map(LayeringTest::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Source read(Path file) {
        try {
            String text = Files.readString(file);
            List<String> imported = new ArrayList<>();
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                imported.add(m.group(1));
            }
            return new Source(SOURCES.relativize(file).getName(0).toString(), file.getFileName().toString(), imported);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> violations(BiPredicate<Source, String> forbidden) {
        List<String> found = new ArrayList<>();
        for (Source source : sources()) {
            source.imported().stream().filter(i -> !i.equals(source.pkg()) && forbidden.test(source, i))
                    .forEach(i -> found.add(source.pkg() + "/" + source.file() + " imports " + i));
        }
        return found;
    }

    @Test
    void theScanSeesTheSources() {
        assertThat(sources()).hasSizeGreaterThan(50).anyMatch(s -> s.pkg().equals("service") && s.imported().contains("domain"));
    }

    @Test
    void domainImportsNoOtherPackageAndRepositoriesOnlyTheDomain() {
        assertThat(violations((s, i) -> s.pkg().equals("domain"))).isEmpty();
        assertThat(violations((s, i) -> s.pkg().equals("repository") && !i.equals("domain"))).isEmpty();
    }

    @Test
    void theActionServicesAndWhatTheyUseNeverImportTheLayersAboveThem() {
        Set<String> below = Set.of("service", "dependencies", "client", "config", "repository", "domain");
        assertThat(violations((s, i) -> below.contains(s.pkg()) && ABOVE_SERVICES.contains(i))).isEmpty();
    }

    @Test
    void entitiesNeverReachTheWireModels() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES.resolve("api"))) {
            for (Path file : files.toList()) {
                if (ENTITY_IMPORT.matcher(Files.readString(file)).find()) {
                    found.add("api/" + file.getFileName());
                }
            }
        }
        assertThat(found).as("api classes importing an entity").isEmpty();
    }

    @Test
    void onlyTheHttpEdgeImportsWireModels() {
        // api's own records are the wire; a marketplace or live resource is HTTP edge too (its problem type)
        assertThat(violations((s, i) -> i.equals("api") && !s.file().endsWith("Resource.java"))).isEmpty();
    }
}
