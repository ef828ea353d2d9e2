package ${package}.domain;

#foreach($i in $model.filterImports)
import ${i};
#end
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

import dev.msframework.contract.PageResponse;
#foreach($f in $model.filterFields)
#if($f.enum)
import ${package}.contract.${f.javaType};
#end
#end
import ${package}.contract.${entity}Api;
import ${package}.contract.${entity}CreateRequest;
import ${package}.contract.${entity}Dto;
import ${package}.contract.${entity}UpdateRequest;
import ${package}.contract.event.${entity}Events;
import dev.msframework.outbox.Outbox;
import dev.msframework.problem.Problem;

/**
 * Use cases of ${entityPlural}, one transaction each. Every write also writes its event into the outbox in the same
 * transaction: committed together, or not at all (the relay publishes it afterwards, at least once).
 */
@ApplicationScoped
public class ${entity}Service {

    @Inject
    Outbox outbox;

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResponse<${entity}Dto> list(#listSignature()) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
#foreach($f in $model.filterFields)
#if($f.filter == "equal")
        if (${f.name} != null) {
            query.append(" and ${f.name} = :${f.name}");
            params.put("${f.name}", ${f.parse($f.name)});
        }
#else
        if (${f.name}From != null) {
            query.append(" and ${f.name} >= :${f.name}From");
            params.put("${f.name}From", parameter("${f.name}From", ${f.name}From, value -> ${f.parse("value")}, "$f.paramRule"));
        }
        if (${f.name}To != null) {
            query.append(" and ${f.name} <= :${f.name}To");
            params.put("${f.name}To", parameter("${f.name}To", ${f.name}To, value -> ${f.parse("value")}, "$f.paramRule"));
        }
#end
#end
        var found = ${entity}.<${entity}>find(query.toString(), sortOf(sort), params).page(Page.of(page, size));
        List<${entity}Dto> items = found.list().stream().map(${entity}::toDto).toList();
        return new PageResponse<>(items, page, size, found.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ${entity}Dto get(long id) {
        return find(id).toDto();
    }

    @Transactional
    public ${entity}Dto create(${entity}CreateRequest request) {
#foreach($f in $model.referenceFields)
        exists("${f.name}", request.${f.name}() == null || ${f.target.name}.findById(request.${f.name}()) != null, "${f.target.label}");
#end
        ${entity} ${entityVar} = new ${entity}();
        ${entityVar}.set(request);
        ${entityVar}.persistAndFlush();
        ${entity}Dto created = ${entityVar}.toDto();
        outbox.add(${entity}Events.CREATED, created);
        return created;
    }

    @Transactional
    public ${entity}Dto update(long id, ${entity}UpdateRequest request) {
        ${entity} ${entityVar} = find(id);
        if (${entityVar}.version != request.version()) {
            throw new ClientErrorException("${entity} " + id + " was changed meanwhile: version " + request.version()
                    + " was sent, the current version is " + ${entityVar}.version + ". Read it again and retry.",
                    Response.Status.CONFLICT);
        }
#foreach($f in $model.referenceFields)
        exists("${f.name}", request.${f.name}() == null || ${f.target.name}.findById(request.${f.name}()) != null, "${f.target.label}");
#end
        ${entityVar}.set(request);
        // flush now so that a concurrent update or a duplicate value surfaces here (409)
        ${entityVar}.flush();
        ${entity}Dto updated = ${entityVar}.toDto();
        outbox.add(${entity}Events.UPDATED, updated);
        return updated;
    }

    @Transactional
    public void delete(long id) {
        find(id).delete();
        // flush now so that a ${entity} still referenced (by an entity of today or one added later) surfaces here
        // as a foreign key violation (409)
        ${entity}.flush();
        // the data of a deleted event is the ${entity} with only its id
        outbox.add(${entity}Events.DELETED, ${entity}Dto.withIdOnly(id));
    }

    private static ${entity} find(long id) {
        ${entity} ${entityVar} = ${entity}.findById(id);
        if (${entityVar} == null) {
            throw new NotFoundException("${entity} " + id + " does not exist.");
        }
        return ${entityVar};
    }

    /**
     * A filter parameter in its type. The contract has checked its form; a value of the right form that still does
     * not exist (2030-02-30) is a 400 naming the parameter.
     */
    static <T> T parameter(String name, String value, Function<String, T> parse, String rule) {
        try {
            return parse.apply(value);
        } catch (RuntimeException e) {
            throw new WebApplicationException(Problem.invalid("The request has invalid parameters.", ${entity}Api.PATH,
                    List.of(new Problem.FieldError(name, "must be " + rule))).toResponse());
        }
    }

#if(!$model.referenceFields.isEmpty())
    /** A reference to an entity that does not exist is a 400 naming the field. */
    private static void exists(String field, boolean exists, String what) {
        if (!exists) {
            throw new WebApplicationException(Problem.invalid("The request refers to a " + what + " that does not exist.", ${entity}Api.PATH,
                    List.of(new Problem.FieldError(field, "must be the id of an existing " + what))).toResponse());
        }
    }

#end
    /** {@code "name,desc"} to a Panache sort; the contract has already checked the field name. */
    private static Sort sortOf(String sort) {
        String[] parts = sort.split(",");
        Sort.Direction direction = parts.length > 1 && parts[1].equals("desc") ? Sort.Direction.Descending : Sort.Direction.Ascending;
        Sort result = Sort.by(parts[0], direction);
        return parts[0].equals("id") ? result : result.and("id", direction);
    }
}
