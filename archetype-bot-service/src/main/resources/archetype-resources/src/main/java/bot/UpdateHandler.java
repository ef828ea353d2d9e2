#set( $listCommand = $resourcePath.replace('-', '_') )
package ${package}.bot;

import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

import ${package}.client.DownstreamProblemException;
import ${package}.client.DownstreamUnavailableException;
import ${package}.client.${entity}Gateway;
import ${package}.contract.PageResponse;
import ${package}.contract.${entity}CreateRequest;
import ${package}.contract.${entity}Dto;
import ${package}.event.${entity}EventPublisher;
import ${package}.telegram.Telegram;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.instrumentation.annotations.WithSpan;

/**
 * Turns each update (from long polling or the webhook) into a reply. Commands: /start, /help,
 * /${listCommand}, /new &lt;title&gt;, /subscribe, /unsubscribe. Unknown commands, bad arguments and failures of
 * the services behind the bot get a helpful reply; nothing escapes to the caller. Each chat may send
 * {@code bot.commands-per-minute} commands a minute. Metrics: {@code bot.updates.received} and
 * {@code bot.commands} (tag {@code command}; unknown commands count as "unknown").
 */
@ApplicationScoped
public class UpdateHandler {

    static final String LIST_COMMAND = "/${listCommand}";
    static final int MAX_TITLE_LENGTH = 200;

    static final String HELP = """
            Commands:
            %s - the latest ${entityPlural}
            /new <title> - create a ${entity}
            /subscribe - get a message when a ${entity} is created or overdue
            /unsubscribe - stop those messages
            /help - this list""".formatted(LIST_COMMAND);

    private static final Logger LOG = Logger.getLogger(UpdateHandler.class);

    private final ChatMessenger messenger;
    private final ChatRateLimiter rateLimiter;
    private final Subscriptions subscriptions;
    private final ${entity}Gateway gateway;
    private final ${entity}EventPublisher events;
    private final MeterRegistry registry;
    private final int listSize;

    UpdateHandler(ChatMessenger messenger, ChatRateLimiter rateLimiter, Subscriptions subscriptions,
            ${entity}Gateway gateway, ${entity}EventPublisher events, MeterRegistry registry, BotConfig config) {
        this.messenger = messenger;
        this.rateLimiter = rateLimiter;
        this.subscriptions = subscriptions;
        this.gateway = gateway;
        this.events = events;
        this.registry = registry;
        this.listSize = config.listSize();
    }

    @WithSpan("bot.update")
    public void handle(Telegram.Update update) {
        registry.counter("bot.updates.received").increment();
        Telegram.Message message = update.message();
        if (message == null || message.chat() == null) {
            return; // not a message (edited messages and the like are not requested)
        }
        long chatId = message.chat().id();
        try {
            String reply = replyTo(chatId, message);
            if (reply != null) {
                messenger.send(chatId, reply);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Update %d failed", update.updateId());
            messenger.send(chatId, "Something went wrong on my side. Please try again in a moment.");
        }
    }

    private String replyTo(long chatId, Telegram.Message message) {
        String text = message.text() == null ? "" : message.text().strip();
        if (!text.startsWith("/")) {
            count("none");
            return "I understand commands only.\n\n" + HELP;
        }
        switch (rateLimiter.acquire(chatId)) {
            case LIMIT_REACHED:
                count("rate-limited");
                return "You are sending commands too fast. Please wait a minute.";
            case IGNORED:
                count("rate-limited");
                return null;
            default:
                break;
        }
        String[] parts = text.split("\\s+", 2);
        // "/help@SomeBot" in group chats
        String command = parts[0].toLowerCase(Locale.ROOT).replaceFirst("@.*$", "");
        String args = parts.length > 1 ? parts[1].strip() : "";
        return switch (command) {
            case "/start" -> {
                count("start");
                String name = message.from() != null && message.from().firstName() != null ? " " + message.from().firstName() : "";
                yield "Hello" + name + "! I keep you up to date on the ${entityPlural} of ${appName}.\n\n" + HELP;
            }
            case "/help" -> {
                count("help");
                yield HELP;
            }
            case LIST_COMMAND -> {
                count("${listCommand}");
                yield args.isEmpty() ? list() : "Usage: " + LIST_COMMAND + " (no arguments): it shows the latest " + listSize + " ${entityPlural}.";
            }
            case "/new" -> {
                count("new");
                yield create(args);
            }
            case "/subscribe" -> {
                count("subscribe");
                yield subscriptions.subscribe(chatId)
                        ? "Subscribed: I will tell you when a ${entity} is created or overdue. /unsubscribe stops it."
                        : "You are already subscribed. /unsubscribe stops the messages.";
            }
            case "/unsubscribe" -> {
                count("unsubscribe");
                yield subscriptions.unsubscribe(chatId)
                        ? "Unsubscribed: no more messages about ${entityPlural}. /subscribe starts them again."
                        : "You were not subscribed. /subscribe starts the messages.";
            }
            default -> {
                count("unknown");
                yield "Unknown command " + parts[0] + ".\n\n" + HELP;
            }
        };
    }

    private String list() {
        try {
            PageResponse<${entity}Dto> page = gateway.list(0, listSize, "createdAt,desc", null, null);
            if (page.items().isEmpty()) {
                return "No ${entityPlural} yet. Create one with /new <title>.";
            }
            return "Latest ${entityPlural} (" + page.items().size() + " of " + page.total() + "):\n"
                    + page.items().stream().map(UpdateHandler::line).collect(Collectors.joining("\n"));
        } catch (RuntimeException e) {
            return unavailable(e);
        }
    }

    private String create(String title) {
        if (title.isEmpty()) {
            return "Usage: /new <title>, for example: /new Write the report";
        }
        if (title.length() > MAX_TITLE_LENGTH) {
            return "A title has at most " + MAX_TITLE_LENGTH + " characters; yours has " + title.length() + ".";
        }
        ${entity}Dto created;
        try {
            created = gateway.create(new ${entity}CreateRequest(title, null, null, null));
        } catch (DownstreamProblemException e) {
            return "The ${entity} was not created: " + (e.problem().detail() != null ? e.problem().detail() : e.problem().title());
        } catch (RuntimeException e) {
            return unavailable(e);
        }
        events.created(created);
        return "Created ${entity} #" + created.id() + ": " + created.title();
    }

    static String line(${entity}Dto ${entityVar}) {
        return "#" + ${entityVar}.id() + " " + ${entityVar}.title() + " [" + ${entityVar}.status() + "]"
                + (${entityVar}.dueDate() != null ? " due " + ${entityVar}.dueDate() : "");
    }

    private static String unavailable(RuntimeException e) {
        if (e instanceof DownstreamUnavailableException || e instanceof FaultToleranceException || e instanceof ProcessingException) {
            LOG.warnf("${entityPlural} service unavailable: %s", e.toString());
            return "The ${entityPlural} service is not available right now. Please try again in a minute.";
        }
        throw e;
    }

    private void count(String command) {
        registry.counter("bot.commands", "command", command).increment();
    }
}
