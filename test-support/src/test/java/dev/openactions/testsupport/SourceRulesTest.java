package dev.openactions.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceRulesTest {

    private static final Layering SHOP = Layering.table()
            .layer(1, "api", "messaging")
            .layer(3, "service", "flow", "marketplace")
            .layer(4, "repository", "flow.commands")
            .layer(5, "domain", "config")
            .features("marketplace")
            .forbid("flow", "messaging")
            .forbidClassesNamed("api", "Entity");

    @TempDir
    Path root;

    @Test
    void reportsAReferenceThatClimbsBackUpTheLayers() throws IOException {
        write("shop/domain/Order.java", """
                package shop.domain;
                import shop.repository.Orders;
                public class Order {}
                """);
        write("shop/repository/Orders.java", "package shop.repository;\npublic class Orders {}\n");

        assertThat(rules().layerViolations(SHOP))
                .singleElement()
                .asString()
                .contains("domain.Order -> shop.repository.Orders: climbs from layer 5 to layer 4");
    }

    @Test
    void wireRecordsAreUsedOnlyAtTheEdgeIncludingAFeaturesResources() throws IOException {
        write("shop/api/OrderResponse.java", "package shop.api;\npublic record OrderResponse() {}\n");
        write("shop/marketplace/CatalogResource.java", """
                package shop.marketplace;
                import shop.api.OrderResponse;
                public class CatalogResource {}
                """);
        write("shop/marketplace/CatalogService.java", """
                package shop.marketplace;
                public class CatalogService { shop.api.OrderResponse latest() { return null; } }
                """);

        assertThat(rules().layerViolations(SHOP))
                .singleElement()
                .asString()
                .contains("CatalogService -> shop.api.OrderResponse");
    }

    @Test
    void aForbiddenPairHoldsWhateverTheLayersAndCoversSubPackages() throws IOException {
        write("shop/flow/commands/Check.java", """
                package shop.flow.commands;
                import static shop.messaging.Topics.NAME;
                public class Check {}
                """);
        write("shop/messaging/Topics.java", "package shop.messaging;\npublic class Topics { static String NAME; }\n");

        assertThat(rules().layerViolations(SHOP))
                .anySatisfy(v ->
                        assertThat(v).contains("shop.messaging.Topics: flow.commands must not refer to messaging"));
    }

    @Test
    void aClassNamedAsForbiddenIsReportedEvenWhereTheLayersAllowIt() throws IOException {
        write("shop/api/OrderResponse.java", """
                package shop.api;
                import shop.domain.OrderEntity;
                public record OrderResponse() {}
                """);
        write("shop/domain/OrderEntity.java", "package shop.domain;\npublic class OrderEntity {}\n");

        assertThat(rules().layerViolations(SHOP))
                .singleElement()
                .asString()
                .contains("shop.domain.OrderEntity: api must not refer to OrderEntity");
    }

    @Test
    void configurationMappingsAreTheBaseWhereverTheyLive() throws IOException {
        write("shop/marketplace/MarketConfig.java", """
                package shop.marketplace;
                @io.smallrye.config.ConfigMapping(prefix = "shop")
                public interface MarketConfig {}
                """);
        write("shop/repository/Prices.java", """
                package shop.repository;
                import shop.marketplace.MarketConfig;
                public class Prices {}
                """);

        assertThat(rules().layerViolations(SHOP)).isEmpty();
    }

    @Test
    void anUnplacedPackageAndAnotherServicesCodeAreReported() throws IOException {
        write("shop/util/Strings.java", "package shop.util;\npublic class Strings {}\n");
        write("shop/service/Orders.java", """
                package shop.service;
                import dev.openactions.registry.api.Problem;
                public class Orders {}
                """);

        assertThat(SourceRules.sourcesIn(root, "shop").layerViolations(SHOP))
                .anySatisfy(v -> assertThat(v).contains("package util has no layer"))
                .anySatisfy(
                        v -> assertThat(v).contains("another service's code: dev.openactions.registry.api.Problem"));
    }

    @Test
    void reportsInlineQualifiedNamesThatAnImportWouldReplace() throws IOException {
        write("shop/Orders.java", """
                package shop;
                import java.util.List;
                public class Orders {
                    java.util.Map<String, String> names = new java.util.TreeMap<>();
                    List<String> list;
                }
                """);

        assertThat(rules().inlineQualifiedNames())
                .containsExactly(
                        root.resolve("shop/Orders.java") + ":4: java.util.Map",
                        root.resolve("shop/Orders.java") + ":4: java.util.TreeMap");
    }

    @Test
    void allowsQualifiedNamesThatDisambiguateAndIgnoresCommentsAndStrings() throws IOException {
        write("shop/Errors.java", """
                package shop;
                import jakarta.validation.ConstraintViolationException;
                /** See java.util.Map for details. */
                public class Errors {
                    // org.example.Thing in a comment
                    String sql = "select * from java.lang.Thing";
                    String block = \"""
                            com.example.Other
                            \""";
                    Object hibernate(org.hibernate.exception.ConstraintViolationException e) { return e; }
                }
                """);

        assertThat(rules().inlineQualifiedNames()).isEmpty();
    }

    private SourceRules rules() {
        return SourceRules.sourcesIn(root, "shop");
    }

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
