package dev.openactions.registry.dependencies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.contracts.DependencyBundle;
import dev.openactions.registry.repository.DependencyBundleRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Content-addressed storage of resolved trees: a bundle is written once under its hash (gzip of its
 * JSON) and shared by every version that resolved to the same tree, whatever action or tenant.
 */
@ApplicationScoped
public class DependencyBundleStore {
    private final DependencyBundleRepository bundles;
    private final ObjectMapper json;

    DependencyBundleStore(DependencyBundleRepository bundles, ObjectMapper json) {
        this.bundles = bundles;
        this.json = json;
    }

    /** Stores the bundle (in its own transaction) unless the same tree is stored already; returns its hash. */
    public String save(DependencyBundle bundle) {
        if (!bundle.isIntact()) {
            throw new IllegalArgumentException("the bundle's hash is not the address of its files");
        }
        byte[] content = gzip(toJson(bundle));
        long bytes = bundle.files().values().stream()
                .mapToLong(f -> f.getBytes(StandardCharsets.UTF_8).length)
                .sum();
        QuarkusTransaction.requiringNew()
                .run(() -> bundles.insertIfAbsent(
                        bundle.hash(), content, bundle.files().size(), bytes));
        return bundle.hash();
    }

    /** The bundle's JSON as stored, or empty for an unknown hash. */
    public Optional<byte[]> json(String hash) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Optional.ofNullable(bundles.findById(hash)))
                .map(entity -> gunzip(entity.content));
    }

    public boolean exists(String hash) {
        return QuarkusTransaction.requiringNew().call(() -> bundles.findById(hash) != null);
    }

    private byte[] toJson(DependencyBundle bundle) {
        try {
            return json.writeValueAsBytes(bundle);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a dependency bundle", e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return gz.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("a stored dependency bundle is not readable", e);
        }
    }
}
