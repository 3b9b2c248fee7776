package dev.openactions.testsupport;

import dev.openactions.localstack.HttpSink;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * Starts an {@link HttpSink} and hands its URL to the application under the config key given as
 * init arg {@code property} (for example a REST client's URL). Tests get the sink with
 * {@code @InjectHttpSink HttpSink sink;}.
 */
public class HttpSinkResource implements QuarkusTestResourceLifecycleManager {
    private HttpSink sink;
    private String property;

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectHttpSink {}

    @Override
    public void init(Map<String, String> initArgs) {
        property = initArgs.get("property");
    }

    @Override
    public Map<String, String> start() {
        sink = HttpSink.start();
        return property == null ? Map.of() : Map.of(property, sink.url());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(sink, new TestInjector.AnnotatedAndMatchesType(InjectHttpSink.class, HttpSink.class));
    }

    @Override
    public void stop() {
        if (sink != null) {
            sink.close();
        }
    }
}
