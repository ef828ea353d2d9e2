package dev.msframework.events;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A service's replacement of a library bean (the example of docs/runtime.md): its dead letters are also recorded
 * (here in a list; a service would write an audit record or raise an alert), then published as the library does.
 * A service enables it with {@code @Alternative @Priority(1)}; here the test profile {@link CustomisedService} selects
 * it, so that the other tests keep the library's bean.
 */
@Alternative
@ApplicationScoped
public class AuditedDeadLetters extends DeadLetters {

    final List<String> audited = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Void> send(Message<?> original, String reason) {
        audited.add(reason);
        return super.send(original, reason);
    }
}
