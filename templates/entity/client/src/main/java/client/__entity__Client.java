package ${package}.client;

import dev.msframework.client.Downstream;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;

import ${package}.contract.${entity}Api;

/**
 * REST client of the ${entity} data service (data-postgres), built on its contract interface: client and
 * server compile against the same paths, parameters, bodies and constraints. Package-private: the rest of the
 * service calls it through
 * {@link ${entity}Gateway}, which adds timeouts, retries and a circuit breaker.
 * {@link ${entity}AsyncClient} is its non-blocking read.
 */
@RegisterRestClient(configKey = Downstream.DATA_POSTGRES)
interface ${entity}Client extends ${entity}Api {

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return Downstream.toException(Downstream.DATA_POSTGRES, response);
    }
}
