package ${package}.telegram;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;

/**
 * The Telegram Bot API methods this bot uses, as a typed REST client. The base URL is
 * {@code quarkus.rest-client.telegram.url} (env {@code TELEGRAM_API_URL}, default https://api.telegram.org).
 * The token is a path segment of every method; {@link BotTokenFilter} puts it in last, so that traces and
 * metrics only ever see {@value BotTokenFilter#PLACEHOLDER}. Use it through {@link BotApi}.
 */
@RegisterRestClient(configKey = "telegram")
@RegisterProvider(value = BotTokenFilter.class, priority = Priorities.USER + 1000)
@Path("/bot" + BotTokenFilter.PLACEHOLDER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface TelegramBotApi {

    @POST
    @Path("/getMe")
    Telegram.ApiResponse<Telegram.User> getMe();

    @POST
    @Path("/getUpdates")
    Telegram.ApiResponse<List<Telegram.Update>> getUpdates(Telegram.GetUpdatesRequest request);

    @POST
    @Path("/sendMessage")
    Telegram.ApiResponse<Telegram.Message> sendMessage(Telegram.SendMessageRequest request);

    @POST
    @Path("/setWebhook")
    Telegram.ApiResponse<Boolean> setWebhook(Telegram.SetWebhookRequest request);

    @POST
    @Path("/deleteWebhook")
    Telegram.ApiResponse<Boolean> deleteWebhook();

    /** Every error status becomes a {@link TelegramApiException} carrying Telegram's code, description and retry_after. */
    @ClientExceptionMapper
    static TelegramApiException toException(Response response) {
        return TelegramApiException.from(response);
    }
}
