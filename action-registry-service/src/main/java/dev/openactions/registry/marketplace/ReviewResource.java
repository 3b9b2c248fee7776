package dev.openactions.registry.marketplace;

import dev.openactions.registry.api.Problem;
import dev.openactions.registry.security.CurrentPartner;
import dev.openactions.registry.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The review API for platform operators (scope review:integrations). */
@Path("/api/v1/review")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "marketplace: review")
@APIResponse(
        responseCode = "404",
        description = "No such integration or version",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "409",
        description = "The version is not in review",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ReviewResource {
    private final ReviewService reviews;
    private final CurrentPartner caller;

    ReviewResource(ReviewService reviews, CurrentPartner caller) {
        this.reviews = reviews;
        this.caller = caller;
    }

    @RolesAllowed(Scopes.REVIEW_INTEGRATIONS)
    @GET
    @Path("/queue")
    @Operation(summary = "Versions in review, with code, manifest and test results")
    public List<VersionView> queue() {
        return reviews.queue();
    }

    @RolesAllowed(Scopes.REVIEW_INTEGRATIONS)
    @GET
    @Path("/integrations/{id}/versions/{version}")
    @Operation(summary = "One version's code, manifest, test results and decisions")
    public VersionView version(@PathParam("id") UUID id, @PathParam("version") String version) {
        return reviews.version(id, version);
    }

    @RolesAllowed(Scopes.REVIEW_INTEGRATIONS)
    @POST
    @Path("/integrations/{id}/versions/{version}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or reject, with a comment for the partner (required to reject)")
    public VersionView decide(
            @PathParam("id") UUID id,
            @PathParam("version") String version,
            @NotNull @Valid IntegrationRequests.Decision decision) {
        return reviews.decide(id, version, decision, caller.subject());
    }
}
