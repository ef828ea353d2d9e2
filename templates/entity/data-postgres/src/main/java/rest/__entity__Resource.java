package ${package}.rest;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import dev.msframework.contract.PageResponse;
import ${package}.contract.${entity}Api;
import ${package}.contract.${entity}CreateRequest;
import ${package}.contract.${entity}Dto;
import ${package}.contract.${entity}UpdateRequest;
import ${package}.domain.${entity}Service;

/**
 * Serves the {@link ${entity}Api} contract. Paths, parameters and constraints are declared on the
 * interface only: re-declaring them here would make the contract and the server drift apart.
 */
public class ${entity}Resource implements ${entity}Api {

    @Inject
    ${entity}Service service;

    @Override
    public PageResponse<${entity}Dto> list(#listSignature()) {
        return service.list(#listArguments());
    }

    @Override
    public ${entity}Dto get(long id) {
        return service.get(id);
    }

    @Override
    public Response create(${entity}CreateRequest request) {
        ${entity}Dto created = service.create(request);
        return Response.created(URI.create(PATH + "/" + created.id())).entity(created).build();
    }

    @Override
    public ${entity}Dto update(long id, ${entity}UpdateRequest request) {
        return service.update(id, request);
    }

    @Override
    public void delete(long id) {
        service.delete(id);
    }
}
