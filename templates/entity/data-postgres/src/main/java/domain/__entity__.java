package ${package}.domain;

#set($imports = $model.javaImports)
#set($added = $imports.add("java.time.Instant"))
#set($added = $imports.add("java.time.temporal.ChronoUnit"))
#foreach($i in $imports)
import ${i};
#end

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
#if(!$model.enums.isEmpty())
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
#end
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

#foreach($e in $model.enums)
import ${package}.contract.${e.name};
#end
import ${package}.contract.${entity}CreateRequest;
import ${package}.contract.${entity}Dto;
import ${package}.contract.${entity}UpdateRequest;

/** The ${entity} table; the schema itself is created by Flyway (src/main/resources/db/migration). */
@Entity
@Table(name = "${tableName}")
public class ${entity} extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
#foreach($f in $fields)

    ${f.columnAnnotation}
    public ${f.javaType} ${f.name};
#end

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Optimistic locking: a concurrent update of the same row fails instead of overwriting. */
    @Version
    @Column(nullable = false)
    public long version;

    @PrePersist
    void onCreate() {
        createdAt = stored(Instant.now());
        updatedAt = createdAt;
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = stored(Instant.now());
    }

    /** An instant as PostgreSQL keeps it, to the microsecond: the answer to a write shows what a later read shows. */
    static Instant stored(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** Takes every field of a create request. */
    public void set(${entity}CreateRequest request) {
#foreach($f in $fields)
        ${f.name} = #if($f.instant)stored(request.${f.name}())#{else}request.${f.name}()#end;
#end
    }

    /** Takes every field of an update request. */
    public void set(${entity}UpdateRequest request) {
#foreach($f in $fields)
        ${f.name} = #if($f.instant)stored(request.${f.name}())#{else}request.${f.name}()#end;
#end
    }

    public ${entity}Dto toDto() {
        return new ${entity}Dto(id, #foreach($f in $fields)${f.name}, #{end}createdAt, updatedAt, version);
    }
}
