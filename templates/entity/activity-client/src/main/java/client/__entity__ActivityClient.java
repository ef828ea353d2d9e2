package ${package}.client;

import dev.msframework.client.Downstream;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;

import ${package}.contract.${entity}ActivityApi;

/**
 * REST client of the ${entity} activity log (data-mongo), built on its contract interface. Package-private: the
 * rest of the service calls it through
 * {@link ${entity}ActivityGateway}, which adds timeouts, retries and a circuit breaker.
 */
@RegisterRestClient(configKey = Downstream.DATA_MONGO)
interface ${entity}ActivityClient extends ${entity}ActivityApi {

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return Downstream.toException(Downstream.DATA_MONGO, response);
    }
}
