package dev.openactions.testsupport;

import dev.openactions.localstack.KafkaBroker;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@link KafkaResource} whose broker a test can stop and restart ({@code @InjectKafkaBroker
 * KafkaBroker broker;}), to prove what the application does while Kafka is down.
 */
public class RestartableKafkaResource extends KafkaResource {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectKafkaBroker {}

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                broker(), new TestInjector.AnnotatedAndMatchesType(InjectKafkaBroker.class, KafkaBroker.class));
    }
}
