package dev.msframework.problem.openapi;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Error responses declared the short way (code and description) and one with a content of its own. */
@Path("/documented")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentedResource {

    public record Note(long id, String text) {
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The note")
    @APIResponse(responseCode = "404", description = "No note with this id")
    @APIResponse(responseCode = "503", description = "The store is not reachable")
    public Note get(@PathParam("id") long id) {
        throw new NotFoundException();
    }

    @GET
    @Path("/{id}/text")
    @Produces(MediaType.TEXT_PLAIN)
    @APIResponse(responseCode = "200", description = "The text of the note")
    @APIResponse(responseCode = "410", description = "Deleted; the body says when",
            content = @Content(mediaType = MediaType.TEXT_PLAIN))
    public String text(@PathParam("id") long id) {
        return "";
    }
}
