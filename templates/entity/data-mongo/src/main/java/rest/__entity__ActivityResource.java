package ${package}.rest;

import java.net.URI;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import dev.msframework.contract.BatchResponse;
import dev.msframework.contract.PageResponse;
import ${package}.contract.${entity}ActivityApi;
import ${package}.contract.${entity}ActivityCreateRequest;
import ${package}.contract.${entity}ActivityDto;
import ${package}.domain.${entity}ActivityService;

/**
 * Serves the {@link ${entity}ActivityApi} contract. Paths, parameters and constraints are declared on the
 * interface only: re-declaring them here would make the contract and the server drift apart.
 */
public class ${entity}ActivityResource implements ${entity}ActivityApi {

    @Inject
    ${entity}ActivityService service;

    @Override
    public PageResponse<${entity}ActivityDto> list(int page, int size, String sort, Long ${entityVar}Id, String type) {
        return service.list(page, size, sort, ${entityVar}Id, type);
    }

    @Override
    public ${entity}ActivityDto get(String id) {
        return service.get(id);
    }

    @Override
    public Response create(${entity}ActivityCreateRequest request) {
        ${entity}ActivityDto created = service.create(request);
        return Response.created(URI.create("/api/v1/${activityPath}/" + created.id())).entity(created).build();
    }

    @Override
    public BatchResponse createAll(List<${entity}ActivityCreateRequest> requests) {
        return service.createAll(requests);
    }

    @Override
    public void delete(String id) {
        service.delete(id);
    }
}
