{% macro grant_schema_usage(schema_name, role_name) -%}
    {{ return(adapter.dispatch('grant_schema_usage')(schema_name, role_name)) }}
{%- endmacro %}

{% macro default__grant_schema_usage(schema_name, role_name) -%}
    {#- Engines without roles (DuckDB): nothing to do. -#}
    select 1 as nothing_to_do
{%- endmacro %}

{% macro postgres__grant_schema_usage(schema_name, role_name) -%}
    {#- dbt's `grants` config grants select on each relation; reading it also needs usage
        on its schema. Only this schema: the role never gets usage on <target>_marts. The
        views of one schema finish on parallel threads, and two GRANTs on one schema at
        once fail with "tuple concurrently updated": a lock held to the end of the
        transaction, keyed by the schema, makes them take turns. -#}
    select pg_advisory_xact_lock(hashtext('grant usage on schema {{ schema_name }}'));
    grant usage on schema {{ adapter.quote(schema_name) }} to {{ adapter.quote(role_name) }}
{%- endmacro %}
