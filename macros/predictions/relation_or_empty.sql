{% macro relation_or_empty(relation, columns) -%}
    {{ return(adapter.dispatch('relation_or_empty')(relation, columns)) }}
{%- endmacro %}

{% macro default__relation_or_empty(relation, columns) -%}
    {#- A select of `columns` (name -> data type) from `relation` when it exists at run time,
        else an empty result with the same typed columns: for tables a tool outside dbt
        writes (cdp-predict), so models over them build before the first run. -#}
    {%- set found = none -%}
    {%- if execute -%}
        {%- set found = adapter.get_relation(
            database=relation.database, schema=relation.schema, identifier=relation.identifier
        ) -%}
    {%- endif -%}
    select
    {%- for name, data_type in columns.items() %}
        cast({{ name if found is not none else 'null' }} as {{ data_type }}) as {{ name }}{{ ',' if not loop.last }}
    {%- endfor %}
    {%- if found is not none %}
    from {{ relation }}
    {%- else %}
    -- {{ relation }} does not exist yet (cdp-predict has not run): no rows
    where 1 = 0
    {%- endif %}
{%- endmacro %}
