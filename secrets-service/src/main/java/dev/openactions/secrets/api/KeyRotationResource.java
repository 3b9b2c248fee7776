package dev.openactions.secrets.api;

import dev.openactions.secrets.security.Caller;
import dev.openactions.secrets.security.Scopes;
import dev.openactions.secrets.service.KeyRotationService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Operator API for the encryption key: rotate it (202, the stored values are rewrapped in the
 * background), follow the rewrap, and retire the old versions once nothing uses them.
 */
@Path("/internal/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.ADMIN_KEYS)
@Tag(name = "key rotation", description = "Rotate the encryption key and rewrap stored values (operators only)")
public class KeyRotationResource {
    private final KeyRotationService rotations;
    private final Caller caller;

    KeyRotationResource(KeyRotationService rotations, Caller caller) {
        this.rotations = rotations;
        this.caller = caller;
    }

    @POST
    @Path("/key-rotations")
    @Operation(
            summary = "Rotate the key",
            description = "New values use the new version at once; stored values are rewrapped "
                    + "in the background. With rotate_key=false the key is not rotated (an operator or Vault did it): values are "
                    + "rewrapped to its latest version. 409 while another rotation is rewrapping.")
    public Response start(@QueryParam("rotate_key") @DefaultValue("true") boolean rotateKey, @Context UriInfo uri) {
        caller.requireOperator();
        var rotation = KeyRotationResponse.from(rotations.start(caller.name(), rotateKey));
        return Response.accepted(rotation)
                .location(uri.getBaseUriBuilder()
                        .path(KeyRotationResource.class)
                        .path("key-rotations")
                        .path(rotation.id().toString())
                        .build())
                .build();
    }

    @GET
    @Path("/key-rotations/{id}")
    @Operation(summary = "A rotation's progress")
    public KeyRotationResponse get(@PathParam("id") UUID id) {
        caller.requireOperator();
        return KeyRotationResponse.from(rotations.get(id));
    }

    @POST
    @Path("/key-rotations/{id}/retire")
    @Operation(
            summary = "Retire the key versions older than the rotation's",
            description = "409 until the rotation has completed " + "and no stored value uses an older version.")
    public KeyRotationResponse retire(@PathParam("id") UUID id) {
        caller.requireOperator();
        return KeyRotationResponse.from(rotations.retire(id, caller.name()));
    }

    @GET
    @Path("/key")
    @Operation(summary = "The configured key: versions and values per version")
    public KeyRotationResponse.Key key() {
        caller.requireOperator();
        return KeyRotationResponse.Key.from(rotations.keyState());
    }
}
