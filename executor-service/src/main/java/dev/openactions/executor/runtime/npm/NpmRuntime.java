package dev.openactions.executor.runtime.npm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.executor.runtime.AllocationBudget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * Turns a prepared action context into one that can {@code require} npm packages: Node's standard
 * library (the bundled browser polyfills plus the platform's http/https), then the CommonJS loader
 * reading the version's dependency bundle. Only contexts of versions with dependencies pay for it.
 */
public final class NpmRuntime {
    private static final List<Source> SOURCES =
            List.of(platformSource("node-builtins"), platformSource("npm-http"), platformSource("npm-loader"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private NpmRuntime() {}

    /** Call after the platform's own JavaScript is evaluated and before the action module loads. */
    public static void install(Context context, LoadedBundle bundle) {
        if (bundle == null) {
            return;
        }
        context.getBindings("js")
                .putMember(
                        "__hostBundle",
                        ProxyObject.fromMap(Map.of(
                                "isFile", (ProxyExecutable) a -> bundle.isFile(a[0].asString()),
                                "isDir", (ProxyExecutable) a -> bundle.isDirectory(a[0].asString()),
                                "read", (ProxyExecutable) a -> bundle.read(a[0].asString()),
                                "compile", (ProxyExecutable) a -> compile(bundle, a[0].asString()))));
        context.getBindings("js")
                .putMember(
                        "__hostNodeCrypto",
                        ProxyObject.fromMap(Map.of(
                                "describe",
                                        (ProxyExecutable) a -> guard(() -> NodeCrypto.describe(a[0].asString()), true),
                                "sign",
                                        (ProxyExecutable) a -> guard(
                                                () -> NodeCrypto.sign(
                                                        a[0].asString(), a[1].asString(), a[2].asString()),
                                                false),
                                "verify",
                                        (ProxyExecutable) a -> guard(
                                                () -> NodeCrypto.verify(
                                                        a[0].asString(),
                                                        a[1].asString(),
                                                        a[2].asString(),
                                                        a[3].asString()),
                                                false),
                                "pbkdf2",
                                        (ProxyExecutable) a -> guard(
                                                () -> NodeCrypto.pbkdf2(
                                                        a[0].asString(),
                                                        a[1].asString(),
                                                        a[2].asInt(),
                                                        a[3].asInt(),
                                                        a[4].asString()),
                                                false),
                                "cipher",
                                        (ProxyExecutable) a -> guard(
                                                () -> NodeCrypto.cipher(
                                                        a[0].asString(),
                                                        a[1].asString(),
                                                        a[2].isNull() ? null : a[2].asString(),
                                                        a[3].asString(),
                                                        a[4].isNull() ? null : a[4].asString(),
                                                        a[5].isNull() ? null : a[5].asString(),
                                                        a[6].asBoolean(),
                                                        a[7].asBoolean()),
                                                true))));
        // the polyfills are the platform's own code: not charged to the action's allocation budget
        AllocationBudget.exempt(() -> {
            for (Source source : SOURCES) {
                context.eval(source);
            }
            return null;
        });
    }

    /**
     * Host failures reach the action as a message, never as a host exception: {"value": …} or {"error": "…"}.
     * {@code json}: the value is already JSON text.
     */
    private static String guard(Supplier<Object> call, boolean json) {
        try {
            Object value = call.get();
            return "{\"value\":" + (json ? value : JSON.valueToTree(value).toString()) + "}";
        } catch (IllegalArgumentException e) {
            return JSON.createObjectNode().put("error", e.getMessage()).toString();
        }
    }

    private static Value compile(LoadedBundle bundle, String path) {
        Source source = bundle.moduleSource(path);
        if (source == null) {
            throw new IllegalArgumentException("no such file in the bundle: " + path);
        }
        // parsing a bundle file is platform work (the module's code runs later, charged to the action)
        return AllocationBudget.exempt(() -> Context.getCurrent().eval(source));
    }

    private static Source platformSource(String name) {
        String path = "/runtime/" + name + ".js";
        try (InputStream in = NpmRuntime.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(
                        path + " is missing from the executor's classpath (built by src/main/js)");
            }
            return Source.newBuilder(
                            "js", new String(in.readAllBytes(), StandardCharsets.UTF_8), "openactions-" + name + ".js")
                    .cached(true)
                    .buildLiteral();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
