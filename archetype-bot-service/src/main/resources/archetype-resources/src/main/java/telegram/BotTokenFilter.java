package ${package}.telegram;

import java.net.URI;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Puts the bot token into the path of a Bot API request ({@code /bot<token>/<method>}) as the last step before
 * sending, after the tracing filter: the token never lands in a span, a metric tag or a log of the URL.
 */
@Priority(Priorities.USER + 1000)
public class BotTokenFilter implements ClientRequestFilter {

    static final String PLACEHOLDER = "TOKEN";

    private final String segment = "/bot" + ConfigProvider.getConfig().getOptionalValue("bot.token", String.class).orElse("") + "/";

    @Override
    public void filter(ClientRequestContext request) {
        String uri = request.getUri().toString();
        request.setUri(URI.create(uri.replace("/bot" + PLACEHOLDER + "/", segment)));
    }
}
