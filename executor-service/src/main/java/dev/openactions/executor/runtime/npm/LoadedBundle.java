package dev.openactions.executor.runtime.npm;

import dev.openactions.contracts.DependencyBundle;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Source;

/**
 * A verified dependency bundle as the loader reads it: files by path (relative to the bundle root,
 * no leading slash), the directories they imply, and each JavaScript file's module source built once
 * per bundle (GraalJS shares the parse of a cached source across the contexts of one engine).
 */
public final class LoadedBundle {
    /** The module wrapper Node uses; the prefix shares the file's first line, so line numbers match. */
    static final String MODULE_PREFIX = "(function (exports, require, module, __filename, __dirname) {";

    private final String hash;
    private final Map<String, String> files;
    private final Set<String> directories = new HashSet<>();
    private final Map<String, Source> sources = new ConcurrentHashMap<>();
    private final long bytes;

    LoadedBundle(DependencyBundle bundle) {
        this.hash = bundle.hash();
        this.files = bundle.files();
        long size = 0;
        for (Map.Entry<String, String> file : files.entrySet()) {
            size += file.getKey().length() + file.getValue().length();
            String path = file.getKey();
            for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
                if (!directories.add(path.substring(0, slash))) {
                    break;
                }
            }
        }
        this.bytes = size;
    }

    /** A bundle checked against its hash (for callers outside {@link DependencyBundles}: benchmarks). */
    public static LoadedBundle verified(DependencyBundle bundle) {
        if (!bundle.isIntact()) {
            throw new IllegalArgumentException("the bundle's files do not hash to " + bundle.hash());
        }
        return new LoadedBundle(bundle);
    }

    public String hash() {
        return hash;
    }

    long bytes() {
        return bytes;
    }

    boolean isFile(String path) {
        return files.containsKey(path);
    }

    boolean isDirectory(String path) {
        return directories.contains(path);
    }

    /** The file's text, or null when the bundle has no such file. */
    String read(String path) {
        return files.get(path);
    }

    /** The file as a CommonJS module function source, or null when the bundle has no such file. */
    Source moduleSource(String path) {
        String text = files.get(path);
        if (text == null) {
            return null;
        }
        return sources.computeIfAbsent(path, p -> {
            String code = text.startsWith("#!") ? "//" + text.substring(2) : text;
            return Source.newBuilder("js", MODULE_PREFIX + code + "\n})", "npm:/" + p)
                    .cached(true)
                    .buildLiteral();
        });
    }
}
