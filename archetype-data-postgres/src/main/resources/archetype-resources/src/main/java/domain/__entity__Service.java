package ${package}.domain;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

import ${package}.contract.PageResponse;
import ${package}.contract.${entity}CreateRequest;
import ${package}.contract.${entity}Dto;
import ${package}.contract.${entity}Status;
import ${package}.contract.${entity}UpdateRequest;

/** Use cases of ${entityPlural}, one transaction each. */
@ApplicationScoped
public class ${entity}Service {

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResponse<${entity}Dto> list(int page, int size, String sort, String status, String dueBefore) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (status != null) {
            query.append(" and status = :status");
            params.put("status", ${entity}Status.valueOf(status));
        }
        if (dueBefore != null) {
            query.append(" and dueDate < :dueBefore");
            params.put("dueBefore", LocalDate.parse(dueBefore));
        }
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
        ${entity} ${entityVar} = new ${entity}();
        ${entityVar}.title = request.title();
        ${entityVar}.description = request.description();
        ${entityVar}.status = request.status() != null ? request.status() : ${entity}Status.OPEN;
        ${entityVar}.dueDate = request.dueDate();
        ${entityVar}.persistAndFlush();
        return ${entityVar}.toDto();
    }

    @Transactional
    public ${entity}Dto update(long id, ${entity}UpdateRequest request) {
        ${entity} ${entityVar} = find(id);
        if (${entityVar}.version != request.version()) {
            throw new ClientErrorException("${entity} " + id + " was changed meanwhile: version " + request.version()
                    + " was sent, the current version is " + ${entityVar}.version + ". Read it again and retry.",
                    Response.Status.CONFLICT);
        }
        ${entityVar}.title = request.title();
        ${entityVar}.description = request.description();
        ${entityVar}.status = request.status();
        ${entityVar}.dueDate = request.dueDate();
        // flush now so that a concurrent update surfaces here as an OptimisticLockException (409)
        ${entityVar}.flush();
        return ${entityVar}.toDto();
    }

    @Transactional
    public void delete(long id) {
        find(id).delete();
    }

    private static ${entity} find(long id) {
        ${entity} ${entityVar} = ${entity}.findById(id);
        if (${entityVar} == null) {
            throw new NotFoundException("${entity} " + id + " does not exist.");
        }
        return ${entityVar};
    }

    /** {@code "title,desc"} to a Panache sort; the contract has already checked the field name. */
    private static Sort sortOf(String sort) {
        String[] parts = sort.split(",");
        Sort.Direction direction = parts.length > 1 && parts[1].equals("desc") ? Sort.Direction.Descending : Sort.Direction.Ascending;
        Sort result = Sort.by(parts[0], direction);
        return parts[0].equals("id") ? result : result.and("id", direction);
    }
}
