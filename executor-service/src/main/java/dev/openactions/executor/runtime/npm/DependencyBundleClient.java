package dev.openactions.executor.runtime.npm;

import dev.openactions.contracts.DependencyBundle;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** action-registry-service's dependency bundles, by content hash (service token, scope {@code read:dependency-bundles}). */
@RegisterRestClient(configKey = "action-registry")
@Path("/internal/v1/dependency-bundles/{hash}")
@Produces(MediaType.APPLICATION_JSON)
public interface DependencyBundleClient {

    @GET
    DependencyBundle get(@PathParam("hash") String hash);
}
