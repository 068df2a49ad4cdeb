{% macro create_bi_role(role_name) -%}
    {{ return(adapter.dispatch('create_bi_role')(role_name)) }}
{%- endmacro %}

{% macro default__create_bi_role(role_name) -%}
    {#- Engines without roles (DuckDB): nothing to do. -#}
    select 1 as nothing_to_do
{%- endmacro %}

{% macro postgres__create_bi_role(role_name) -%}
    {#- PostgreSQL has no `create role if not exists`; roles are cluster-wide, so two builds
        at once may race: the loser's duplicate_object / unique_violation is ignored. -#}
    do $cdp$
    begin
        if not exists (select from pg_catalog.pg_roles where rolname = '{{ role_name }}') then
            create role {{ adapter.quote(role_name) }} nologin;
        end if;
    exception
        when duplicate_object or unique_violation then null;
    end
    $cdp$
{%- endmacro %}
