{% macro grant_schema_usage(schema_name, role_name) -%}
    {{ return(adapter.dispatch('grant_schema_usage')(schema_name, role_name)) }}
{%- endmacro %}

{% macro default__grant_schema_usage(schema_name, role_name) -%}
    {#- Engines without roles (DuckDB): nothing to do. -#}
    select 1 as nothing_to_do
{%- endmacro %}

{% macro postgres__grant_schema_usage(schema_name, role_name) -%}
    {#- dbt's `grants` config grants select on each relation; reading it also needs usage
        on its schema. Only this schema: the role never gets usage on <target>_marts. -#}
    grant usage on schema {{ adapter.quote(schema_name) }} to {{ adapter.quote(role_name) }}
{%- endmacro %}
