package ${package}.contract.event;

/**
 * The event types of ${entityPlural}, published to the topic exchange {@value #EXCHANGE} with the type as
 * routing key. The data of every event is a {@code ${package}.contract.${entity}Dto}; for
 * {@value #DELETED} only its {@code id} is set.
 */
public final class ${entity}Events {

    /** Durable topic exchange of the system. */
    public static final String EXCHANGE = "${appName}.events";

    public static final String CREATED = "${eventPrefix}.created";
    public static final String UPDATED = "${eventPrefix}.updated";
    public static final String DELETED = "${eventPrefix}.deleted";
#if($model.dateField)
    /** The {@code ${model.dateField.name}} of a ${entity} has passed (published by the worker's scheduled job). */
    public static final String ${model.dateField.constant}_PASSED = "${eventPrefix}.${model.dateField.kebab}-passed";
#end

    /** Routing-key pattern of all ${entity} events. */
    public static final String ALL = "${eventPrefix}.*";

    private ${entity}Events() {
    }
}
