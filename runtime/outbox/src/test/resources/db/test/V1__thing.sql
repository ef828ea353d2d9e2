-- the entity of the tests: written in the same transaction as its event
create table thing (
    id   bigint generated always as identity primary key,
    name varchar(100) not null
);
