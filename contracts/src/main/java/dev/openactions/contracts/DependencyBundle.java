package dev.openactions.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A version's resolved npm dependency tree as the executor loads it: a virtual file system rooted at
 * {@code /}, laid out the way npm installs (hoisted {@code node_modules/<name>/…}, nested
 * {@code node_modules/<a>/node_modules/<b>/…} where versions conflict). Only the files a CommonJS
 * loader can read are kept (text: {@code .js}, {@code .cjs}, {@code .json}, and extension-less files
 * named by a {@code main}); contents are UTF-8 text.
 *
 * <p>The registry resolves, verifies and stores each tree once under its {@link #hash}; flow
 * snapshots, build and test-run requests name it by that hash; the executor fetches it from the
 * registry ({@code GET /internal/v1/dependency-bundles/{hash}}) and checks the hash before using it.
 *
 * @param hash     {@link #hashOf(Map)} of {@code files}
 * @param direct   the action's direct dependencies, name → pinned exact version
 * @param files    path relative to the bundle root (no leading slash, {@code /}-separated) → content
 */
public record DependencyBundle(
        @JsonProperty("hash") String hash,
        @JsonProperty("direct") Map<String, String> direct,
        @JsonProperty("files") Map<String, String> files) {

    public DependencyBundle {
        direct = direct == null ? Map.of() : Map.copyOf(direct);
        files = files == null ? Map.of() : Map.copyOf(files);
    }

    /**
     * The content address of a tree: SHA-256 (lower-case hex) over, for every file in path order
     * (Java {@link String} order of the paths), the lines {@code <path>\n<sha-256 hex of its UTF-8
     * content>\n}. The same tree always has the same hash, on both sides of the wire.
     */
    public static String hashOf(Map<String, String> files) {
        SortedMap<String, String> sorted = new TreeMap<>(files);
        MessageDigest tree = sha256();
        HexFormat hex = HexFormat.of();
        for (Map.Entry<String, String> file : sorted.entrySet()) {
            byte[] content = sha256().digest(file.getValue().getBytes(StandardCharsets.UTF_8));
            tree.update((file.getKey() + "\n" + hex.formatHex(content) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return hex.formatHex(tree.digest());
    }

    /** Whether {@link #hash} really is the address of {@link #files}. Not part of the wire. */
    @JsonIgnore
    public boolean isIntact() {
        return hash != null && hash.equals(hashOf(files));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
