package dev.msframework.client;

import dev.msframework.problem.Problem;

/**
 * A data service rejected a request with a 4xx problem. The API passes it on faithfully (same status,
 * title, detail and field errors): the client asked for something the data service cannot do.
 */
public class DownstreamProblemException extends RuntimeException {

    private final String service;
    private final Problem problem;

    public DownstreamProblemException(String service, Problem problem) {
        super(service + " answered " + problem.status() + ": " + problem.detail());
        this.service = service;
        this.problem = problem;
    }

    public String service() {
        return service;
    }

    public Problem problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }
}
