package dev.openactions.registry.api;

import dev.openactions.registry.dependencies.DependencyBundleStore;
import dev.openactions.registry.domain.RegistryException;
import dev.openactions.registry.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Resolved npm trees for the executor, by content address. Bundles are shared across tenants (the
 * same tree is one bundle), so the caller needs no tenant, only the executor identity's scope; a
 * hash names nothing secret and the executor checks it against the files it receives.
 */
@Path("/internal/v1/dependency-bundles")
@Tag(name = "internal")
public class DependencyBundlesResource {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final DependencyBundleStore store;

    DependencyBundlesResource(DependencyBundleStore store) {
        this.store = store;
    }

    @RolesAllowed(Scopes.READ_DEPENDENCY_BUNDLES)
    @GET
    @Path("/{hash}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Get a resolved npm dependency tree by its hash",
            description = "The contracts' DependencyBundle: "
                    + "{hash, direct, files}; files maps paths (node_modules/<name>/…) to UTF-8 contents. Immutable.")
    @APIResponse(responseCode = "200", description = "The bundle")
    @APIResponse(
            responseCode = "404",
            description = "No bundle has this hash",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("hash") String hash) {
        if (!HASH.matcher(hash).matches()) {
            throw new RegistryException.NotFound(
                    "dependency bundle", hash.length() > 64 ? hash.substring(0, 64) : hash);
        }
        byte[] json = store.json(hash).orElseThrow(() -> new RegistryException.NotFound("dependency bundle", hash));
        // Content-addressed: a hash always names the same bytes.
        return Response.ok(json, MediaType.APPLICATION_JSON)
                .header("Cache-Control", "private, max-age=31536000, immutable")
                .build();
    }
}
