package ${package}.telegram;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import ${package}.bot.BotConfig;
import ${package}.bot.UpdateHandler;

/**
 * Webhook mode ({@code bot.mode=webhook}): Telegram posts each update here with the secret given to setWebhook
 * in the {@value #SECRET_HEADER} header. A request without the right secret is refused (401) and not handled;
 * in polling mode the endpoint does not exist (404).
 */
@Path(WebhookResource.PATH)
public class WebhookResource {

    public static final String PATH = "/telegram/webhook";
    public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private final UpdateHandler handler;
    private final boolean enabled;
    private final byte[] secret;

    WebhookResource(UpdateHandler handler, BotConfig config) {
        this.handler = handler;
        this.enabled = config.mode() == BotConfig.Mode.WEBHOOK;
        this.secret = config.webhook().secret().orElse("").getBytes(StandardCharsets.UTF_8);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response receive(@HeaderParam(SECRET_HEADER) String givenSecret, Telegram.Update update) {
        if (!enabled) {
            throw new NotFoundException("The bot runs in polling mode: set bot.mode=webhook to receive updates here");
        }
        if (givenSecret == null || secret.length == 0
                || !MessageDigest.isEqual(secret, givenSecret.getBytes(StandardCharsets.UTF_8))) {
            throw new NotAuthorizedException("Missing or wrong " + SECRET_HEADER, "Telegram-Secret-Token");
        }
        if (update != null) {
            handler.handle(update);
        }
        return Response.ok().build();
    }
}
