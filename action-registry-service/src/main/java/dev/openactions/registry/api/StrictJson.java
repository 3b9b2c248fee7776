package dev.openactions.registry.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Request bodies are read strictly: a duplicate key or anything after the JSON value is a 400, not
 * "last one wins" (two parsers could disagree on what was sent), and a NUL character in a string of
 * a request record is a 400 naming the field, because PostgreSQL cannot store it. The NUL rule is
 * limited to the records of this package: execution records and peer responses are read with the
 * same mapper and are sanitized or passed through instead of refused.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.registerModule(
                new SimpleModule("nul-free-request-strings").addDeserializer(String.class, new NulFreeStrings(false)));
    }

    /** A string of a request record that contains U+0000. */
    public static final class NulCharacter extends MismatchedInputException {
        NulCharacter(JsonParser parser) {
            super(parser, "a string must not contain a NUL character (U+0000)", String.class);
        }
    }

    /** The standard string reading, plus the NUL refusal for properties declared in this package. */
    static final class NulFreeStrings extends StdScalarDeserializer<String> implements ContextualDeserializer {
        private static final String REQUESTS = StrictJson.class.getPackageName();
        private final boolean refuseNul;

        NulFreeStrings(boolean refuseNul) {
            super(String.class);
            this.refuseNul = refuseNul;
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (refuseNul && value != null && value.indexOf('\0') >= 0) {
                throw new NulCharacter(parser);
            }
            return value;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            boolean request = property != null
                    && property.getMember() != null
                    && property.getMember().getDeclaringClass().getPackageName().equals(REQUESTS);
            return request == refuseNul ? this : new NulFreeStrings(request);
        }
    }
}
