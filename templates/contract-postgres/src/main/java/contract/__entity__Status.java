package ${package}.contract;

/** Life cycle of a ${entity}. */
public enum ${entity}Status {
    OPEN,
    IN_PROGRESS,
    DONE
}
