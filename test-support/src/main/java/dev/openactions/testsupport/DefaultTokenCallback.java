package dev.openactions.testsupport;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Gives every {@code @QuarkusTest} of a module a default bearer token, so tests written before
 * authentication keep reading as business tests. The module opts in with {@value #RESOURCE} on its
 * test classpath ({@code tenant=…}, {@code scopes=…}; no tenant: a service identity;
 * {@code operator-paths=/a/,/b/}: requests under these paths get a token without a tenant, as
 * operator endpoints require).
 *
 * <p>The token goes in through a RestAssured filter that adds {@code Authorization} only to requests
 * without one, installed through the test class's own class loader (the one its RestAssured calls
 * use). Tests about authentication remove it with {@code RestAssured.replaceFiltersWith(List.of())}.
 */
public class DefaultTokenCallback implements QuarkusTestBeforeEachCallback {
    static final String RESOURCE = "openactions-test-token.properties";

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        ClassLoader loader = context.getTestInstance().getClass().getClassLoader();
        Properties settings = new Properties();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return;
            }
            settings.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String tenant = settings.getProperty("tenant", "").strip();
        String[] scopes = TestTokens.split(settings.getProperty("scopes")).toArray(String[]::new);
        String bearer = TestTokens.bearer(
                tenant.isEmpty()
                        ? TestTokens.forService("test-service", scopes)
                        : TestTokens.forTenant(tenant, scopes));
        String operatorBearer = TestTokens.bearer(TestTokens.forService("test-operator", scopes));
        List<String> operatorPaths = Arrays.stream(
                        settings.getProperty("operator-paths", "").split(","))
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .toList();
        try {
            Class<?> filterType = Class.forName("io.restassured.filter.Filter", true, loader);
            Class<?> requestType =
                    Class.forName("io.restassured.specification.FilterableRequestSpecification", true, loader);
            Class<?> responseType =
                    Class.forName("io.restassured.specification.FilterableResponseSpecification", true, loader);
            Class<?> contextType = Class.forName("io.restassured.filter.FilterContext", true, loader);
            Method hasHeader = Class.forName("io.restassured.http.Headers", true, loader)
                    .getMethod("hasHeaderWithName", String.class);
            Method headers = requestType.getMethod("getHeaders");
            Method header = requestType.getMethod("header", String.class, Object.class, Object[].class);
            Method uri = requestType.getMethod("getURI");
            Method next = contextType.getMethod("next", requestType, responseType);
            Object filter = Proxy.newProxyInstance(loader, new Class<?>[] {filterType}, (proxy, method, args) -> {
                if (!method.getName().equals("filter")) {
                    return switch (method.getName()) {
                        case "toString" -> "DefaultTokenFilter";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                }
                if (!(boolean) hasHeader.invoke(headers.invoke(args[0]), "Authorization")) {
                    String path = URI.create((String) uri.invoke(args[0])).getPath();
                    boolean operator = operatorPaths.stream().anyMatch(path::startsWith);
                    header.invoke(args[0], "Authorization", operator ? operatorBearer : bearer, new Object[0]);
                }
                return next.invoke(args[2], args[0], args[1]);
            });
            Class.forName("io.restassured.RestAssured", true, loader)
                    .getMethod("replaceFiltersWith", List.class)
                    .invoke(null, List.of(filter));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot install the default test token on RestAssured", e);
        }
    }
}
