package dev.openactions.registry.console;

import dev.openactions.registry.domain.RegistryException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The console's sign-in endpoints. Its files themselves are static resources of the console jar
 * (META-INF/resources/console), served by Quarkus with the caching headers set in
 * application.properties.
 */
@Path("/console")
@Tag(name = "console")
public class ConsoleResource {
    private final ConsoleConfig config;
    private final LocalSignIn localSignIn;
    private final String defaultAudience;

    ConsoleResource(
            ConsoleConfig config,
            LocalSignIn localSignIn,
            @ConfigProperty(name = "mp.jwt.verify.audiences") String audiences) {
        this.config = config;
        this.localSignIn = localSignIn;
        this.defaultAudience = audiences.split(",")[0].strip();
    }

    @PermitAll
    @GET
    @Path("/config.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The console's sign-in settings (public)")
    public Response settings() {
        CacheControl noCache = new CacheControl();
        noCache.setNoCache(true);
        return Response.ok(ConsoleSettings.from(config, defaultAudience))
                .cacheControl(noCache)
                .build();
    }

    @PermitAll
    @POST
    @Path("/local-sign-in")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Local stack only: a token for the demo tenant (404 unless console.local-sign-in.enabled)")
    public Response localSignIn() {
        if (!localSignIn.enabled()) {
            throw new RegistryException.NotFound("endpoint", "local-sign-in");
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(localSignIn.signIn()).cacheControl(noStore).build();
    }
}
