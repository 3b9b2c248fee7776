package dev.openactions.registry.marketplace;

import dev.openactions.registry.api.Problem;
import dev.openactions.registry.security.CurrentPartner;
import dev.openactions.registry.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The partner API: a partner's own integrations and versions (the partner comes from the token). */
@Path("/api/v1/partner/integrations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "marketplace: partners")
@APIResponse(
        responseCode = "400",
        description = "Invalid request (a bad field name, semver, manifest)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "The token names no partner or lacks the scope",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "404",
        description = "No such integration or version of this partner",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "409",
        description = "The version's state does not allow it (immutable once submitted)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PartnerResource {
    private final PartnerService partners;
    private final CurrentPartner partner;

    PartnerResource(PartnerService partners, CurrentPartner partner) {
        this.partners = partners;
        this.partner = partner;
    }

    @RolesAllowed(Scopes.CREATE_INTEGRATIONS)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an integration (one trigger, listing data)")
    @APIResponse(responseCode = "201", description = "Created")
    public Response create(@NotNull @Valid IntegrationRequests.CreateIntegration request) {
        return Response.status(Response.Status.CREATED)
                .entity(partners.create(partner.id(), request))
                .build();
    }

    @RolesAllowed({Scopes.CREATE_INTEGRATIONS, Scopes.SUBMIT_INTEGRATIONS})
    @GET
    @Operation(summary = "The partner's integrations")
    public List<IntegrationView> list() {
        return partners.list(partner.id());
    }

    @RolesAllowed({Scopes.CREATE_INTEGRATIONS, Scopes.SUBMIT_INTEGRATIONS})
    @GET
    @Path("/{id}")
    @Operation(summary = "One integration with the state of its versions")
    public IntegrationView get(@PathParam("id") UUID id) {
        return partners.get(partner.id(), id);
    }

    @RolesAllowed(Scopes.CREATE_INTEGRATIONS)
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the listing data")
    public IntegrationView update(
            @PathParam("id") UUID id, @NotNull @Valid IntegrationRequests.UpdateIntegration request) {
        return partners.updateListing(partner.id(), id, request.listing());
    }

    @RolesAllowed(Scopes.SUBMIT_INTEGRATIONS)
    @POST
    @Path("/{id}/unlist")
    @Operation(summary = "Remove from the catalog", description = "No new installs; existing installs keep running.")
    public IntegrationView unlist(@PathParam("id") UUID id) {
        return partners.setListed(partner.id(), id, false);
    }

    @RolesAllowed(Scopes.SUBMIT_INTEGRATIONS)
    @POST
    @Path("/{id}/list")
    @Operation(summary = "Return to the catalog")
    public IntegrationView relist(@PathParam("id") UUID id) {
        return partners.setListed(partner.id(), id, true);
    }

    @RolesAllowed(Scopes.CREATE_INTEGRATIONS)
    @POST
    @Path("/{id}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a draft version",
            description =
                    "Semver; code, dependencies, manifest (secrets, "
                            + "configuration with ALL_CAPS_SNAKE_CASE names, capabilities.outbound_hosts) and success-path test cases.")
    @APIResponse(responseCode = "201", description = "The draft version")
    public Response createVersion(
            @PathParam("id") UUID id, @NotNull @Valid IntegrationRequests.VersionContent content) {
        return Response.status(Response.Status.CREATED)
                .entity(partners.createVersion(partner.id(), id, content))
                .build();
    }

    @RolesAllowed({Scopes.CREATE_INTEGRATIONS, Scopes.SUBMIT_INTEGRATIONS})
    @GET
    @Path("/{id}/versions/{version}")
    @Operation(summary = "A version with its test results and the reviewers' decisions and comments")
    public VersionView version(@PathParam("id") UUID id, @PathParam("version") String version) {
        return partners.version(partner.id(), id, version);
    }

    @RolesAllowed(Scopes.CREATE_INTEGRATIONS)
    @PUT
    @Path("/{id}/versions/{version}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Replace a draft version's content",
            description = "409 once submitted: versions are immutable.")
    public VersionView replaceVersion(
            @PathParam("id") UUID id,
            @PathParam("version") String version,
            @NotNull @Valid IntegrationRequests.VersionContent content) {
        return partners.replaceVersion(partner.id(), id, version, content);
    }

    @RolesAllowed(Scopes.SUBMIT_INTEGRATIONS)
    @POST
    @Path("/{id}/versions/{version}/submit")
    @Operation(
            summary = "Submit for review",
            description =
                    "Runs the test cases in the executor's sandbox and records "
                            + "each result; in_review when all pass, tests_failed otherwise. 503 if the executor is unreachable (still a draft).")
    public VersionView submit(@PathParam("id") UUID id, @PathParam("version") String version) {
        return partners.submit(partner.id(), id, version);
    }

    @RolesAllowed(Scopes.SUBMIT_INTEGRATIONS)
    @POST
    @Path("/{id}/versions/{version}/publish")
    @Operation(summary = "Publish an approved version to the catalog")
    public VersionView publish(@PathParam("id") UUID id, @PathParam("version") String version) {
        return partners.publish(partner.id(), id, version);
    }

    @RolesAllowed(Scopes.SUBMIT_INTEGRATIONS)
    @POST
    @Path("/{id}/versions/{version}/withdraw")
    @Operation(
            summary = "Withdraw a published version",
            description = "Not installable any more; installs keep running " + "and show version_withdrawn.")
    public VersionView withdraw(@PathParam("id") UUID id, @PathParam("version") String version) {
        return partners.withdraw(partner.id(), id, version);
    }
}
