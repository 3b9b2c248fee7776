package dev.openactions.registry.console;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;

/**
 * Serves the console's built files (the console jar's {@code openactions-console/}) at /console/
 * with Vert.x's static handler. Caching: vite names every file under assets/ by its content hash,
 * so those are cached for a year as immutable; index.html names the current hashes, so browsers
 * revalidate it every time. The CSP keeps the page to its own scripts and lets it talk only to this
 * origin and the configured identity provider.
 */
@ApplicationScoped
public class ConsoleRoutes {
    static final String ROOT = "openactions-console";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";

    private final String csp;

    ConsoleRoutes(ConsoleConfig config) {
        String idp = config.oidc()
                .issuer()
                .map(ConsoleRoutes::origin)
                .map(o -> " " + o)
                .orElse("");
        this.csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                + "connect-src 'self'" + idp + "; form-action 'self'" + idp
                + "; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    }

    void routes(@Observes Router router) {
        StaticHandler files = StaticHandler.create(FileSystemAccess.RELATIVE, ROOT)
                .setCachingEnabled(false)
                .setIndexPage("index.html")
                .setDirectoryListing(false)
                .setIncludeHidden(false);
        // Vert.x matches "/console" and "/console/" alike: redirect only the form without the slash.
        router.route("/console").handler(rc -> {
            if (rc.request().path().equals("/console")) {
                rc.redirect("/console/");
            } else {
                rc.next();
            }
        });
        router.route("/console/*").handler(this::headers).handler(files);
    }

    private void headers(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (path.startsWith("/console/assets/")) {
            rc.response().putHeader(HttpHeaders.CACHE_CONTROL, IMMUTABLE);
        } else if (path.equals("/console/") || path.equals("/console/index.html")) {
            rc.response()
                    .putHeader(HttpHeaders.CACHE_CONTROL, REVALIDATE)
                    .putHeader("Content-Security-Policy", csp)
                    .putHeader("Referrer-Policy", "no-referrer");
        }
        rc.response().putHeader("X-Content-Type-Options", "nosniff");
        rc.next();
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
