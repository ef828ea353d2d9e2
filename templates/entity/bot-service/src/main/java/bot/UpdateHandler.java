#set( $listCommand = $resourcePath.replace('-', '_') )
#if( $model.createTextField )
#set( $text = $model.createTextField )
#end
#if( $model.dateField )
#set( $notified = "is created or its ${model.dateField.label} has passed" )
#else
#set( $notified = "is created" )
#end
package ${package}.bot;

import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

#if( $text )
import dev.msframework.client.DownstreamProblemException;
#end
import dev.msframework.client.DownstreamUnavailableException;
import ${package}.client.${entity}Gateway;
import dev.msframework.contract.PageResponse;
#if( $text )
import ${package}.contract.${entity}CreateRequest;
#end
import ${package}.contract.${entity}Dto;
import ${package}.telegram.Telegram;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.instrumentation.annotations.WithSpan;

/**
 * Turns each update (from long polling or the webhook) into a reply. Commands: /start, /help,
#if( $text )
 * /${listCommand}, /new &lt;${text.label}&gt;, /subscribe, /unsubscribe. Unknown commands, bad arguments and failures of
#else
 * /${listCommand}, /new (how to create a ${entity} through the API), /subscribe, /unsubscribe. Unknown commands, bad
 * arguments and failures of
#end
 * the services behind the bot get a helpful reply; nothing escapes to the caller. Each chat may send
 * {@code bot.commands-per-minute} commands a minute. Metrics: {@code bot.updates.received} and
 * {@code bot.commands} (tag {@code command}; unknown commands count as "unknown").
 */
@ApplicationScoped
public class UpdateHandler {

    static final String LIST_COMMAND = "/${listCommand}";
#if( $text )
    /** /new takes the ${text.label}; every other field is left empty but the required enums, which get their first value. */
    static final String NEW_USAGE = "Usage: /new <${text.label}>, for example: /new " + ${text.sample(1)};
#if( $text.maxLength )
    static final int MAX_${text.constant}_LENGTH = ${text.maxLength};
#end
#else
    /** More than one line of text is needed to create a ${entity}: /new tells how to do it through the API. */
    static final String API = "POST /api/v1/${resourcePath} on the api service (its Swagger UI, /q/swagger-ui, shows the fields)";
    static final String HOW_TO_CREATE = "${entityPlural} are created through the API, not in this chat: " + API
            + ". The fields: #foreach( $f in $fields )${f.name}#if( $f.required ) (required)#end#if( $foreach.hasNext ), #end#end.";
#end

    static final String HELP = """
            Commands:
            %s - the latest ${entityPlural}
#if( $text )
            /new <${text.label}> - create a ${entity}
#else
            /new - how to create a ${entity}: %s
#end
            /subscribe - get a message when a ${entity} ${notified}
            /unsubscribe - stop those messages
#if( $text )
            /help - this list""".formatted(LIST_COMMAND);
#else
            /help - this list""".formatted(LIST_COMMAND, API);
#end

    private static final Logger LOG = Logger.getLogger(UpdateHandler.class);

    private final ChatMessenger messenger;
    private final ChatRateLimiter rateLimiter;
    private final Subscriptions subscriptions;
    private final ${entity}Gateway gateway;
    private final MeterRegistry registry;
    private final int listSize;

    UpdateHandler(ChatMessenger messenger, ChatRateLimiter rateLimiter, Subscriptions subscriptions,
            ${entity}Gateway gateway, MeterRegistry registry, BotConfig config) {
        this.messenger = messenger;
        this.rateLimiter = rateLimiter;
        this.subscriptions = subscriptions;
        this.gateway = gateway;
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
#if( $text )
                yield create(args);
#else
                yield HOW_TO_CREATE;
#end
            }
            case "/subscribe" -> {
                count("subscribe");
                yield subscriptions.subscribe(chatId)
                        ? "Subscribed: I will tell you when a ${entity} ${notified}. /unsubscribe stops it."
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
            PageResponse<${entity}Dto> page = gateway.list(0, listSize, "createdAt,desc"#foreach($f in $model.filterFields)#foreach($p in $f.filterParams), null#end#end);
            if (page.items().isEmpty()) {
#if( $text )
                return "No ${entityPlural} yet. Create one with /new <${text.label}>.";
#else
                return "No ${entityPlural} yet. /new tells how to create one.";
#end
            }
            return "Latest ${entityPlural} (" + page.items().size() + " of " + page.total() + "):\n"
                    + page.items().stream().map(${entity}Summary::line).collect(Collectors.joining("\n"));
        } catch (RuntimeException e) {
            return unavailable(e);
        }
    }

#if( $text )
    private String create(String value) {
        if (value.isEmpty()) {
            return NEW_USAGE;
        }
#if( $text.maxLength )
        if (value.length() > MAX_${text.constant}_LENGTH) {
            return "The ${text.label} has at most " + MAX_${text.constant}_LENGTH + " characters; yours has " + value.length() + ".";
        }
#end
        ${entity}Dto created;
        try {
            created = gateway.create(new ${entity}CreateRequest(
#foreach( $f in $fields )
#if( $f.name == $text.name )
                    value#if( $foreach.hasNext ),#else));#end
#elseif( $f.required && $f.enum )
                    ${package}.contract.${f.javaType}.${f.enumType.values.get(0)}#if( $foreach.hasNext ),#else));#end
#else
                    null#if( $foreach.hasNext ),#else));#end
#end
#end
        } catch (DownstreamProblemException e) {
            return "The ${entity} was not created: " + (e.problem().detail() != null ? e.problem().detail() : e.problem().title());
        } catch (RuntimeException e) {
            return unavailable(e);
        }
        // the data service writes ${eventPrefix}.created to its outbox with the ${entity}: the bot publishes nothing
        return "Created ${entity} " + ${entity}Summary.entry(created);
    }

#end
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
