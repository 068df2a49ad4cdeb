{% macro rejected_values_select(tables, with_loaded_at=false, since=none) -%}
    {#- The rows of stg_quality__rejected_values for some tables of rejected_value_checks():
        each raw table read once, its checks unpivoted (a row per rejected column). Values
        are personal data even when malformed, so unless var cdp_quality_show_raw_values is
        true only their shape is kept (macro value_shape). with_loaded_at adds a loaded_at
        column (the tables' `loaded_at`: the raw load time of an append-only table), and
        `since` (model name -> SQL condition on the raw rows) limits the rows read. Raw
        relations are aliased raw_records, which PostgreSQL requires of a subquery
        (deduplicated or joined tables), though columns are not qualified. -#}
    {%- set show_raw_values = var('cdp_quality_show_raw_values', false) -%}
    {%- for table in tables %}
        select
            rejected.source_name,
            rejected.table_name,
            rejected.model_name,
            rejected.record_id,
            rejected.column_name,
            rejected.source_column,
            rejected.reason,
            {%- if show_raw_values %}
                rejected.raw_value as rejected_value,
                false as is_value_masked
            {%- else %}
                {{ value_shape('rejected.raw_value') }} as rejected_value,
                true as is_value_masked
            {%- endif %}
            {%- if with_loaded_at %},
                rejected.loaded_at
            {%- endif %}
        from (
            select
                cast('{{ table.source_name }}' as {{ dbt.type_string() }}) as source_name,
                cast('{{ table.table_name }}' as {{ dbt.type_string() }}) as table_name,
                cast('{{ table.model }}' as {{ dbt.type_string() }}) as model_name,
                checked.record_id,
                checks.column_name,
                checks.source_column,
                case checks.check_number
                    {%- for check in table.checks %}
                        when {{ loop.index }} then checked.reason_{{ loop.index }}
                    {%- endfor %}
                end as reason,
                case checks.check_number
                    {%- for check in table.checks %}
                        when {{ loop.index }} then checked.value_{{ loop.index }}
                    {%- endfor %}
                end as raw_value
                {%- if with_loaded_at %},
                    checked.loaded_at
                {%- endif %}
            from (
                select
                    {%- for check in table.checks %}
                        cast({{ check.value }} as {{ dbt.type_string() }}) as value_{{ loop.index }},
                        {{ check.reason }} as reason_{{ loop.index }},
                    {%- endfor %}
                    {%- if with_loaded_at %}
                        cast({{ table.loaded_at }} as {{ dbt.type_timestamp() }}) as loaded_at,
                    {%- endif %}
                    {{ table.record_id }} as record_id
                from {{ table.relation }} as raw_records  -- noqa: AL05
                {%- if since and since.get(table.model) %}
                    where {{ since[table.model] }}
                {%- endif %}
            ) as checked
            cross join (
                values
                {%- for check in table.checks %}
                    {%- set columns = "'" ~ check.column ~ "', '" ~ check.source_column ~ "'" %}
                    ({{ loop.index }}, {{ columns }}){{ ',' if not loop.last }}
                {%- endfor %}
            ) as checks (check_number, column_name, source_column)
        ) as rejected
        where rejected.reason is not null
        {{ 'union all' if not loop.last }}
    {%- endfor %}
    {%- if not tables %}
        -- no such table among the enabled sources: an empty relation of the same shape
        select
            cast(null as {{ dbt.type_string() }}) as source_name,
            cast(null as {{ dbt.type_string() }}) as table_name,
            cast(null as {{ dbt.type_string() }}) as model_name,
            cast(null as {{ dbt.type_string() }}) as record_id,
            cast(null as {{ dbt.type_string() }}) as column_name,
            cast(null as {{ dbt.type_string() }}) as source_column,
            cast(null as {{ dbt.type_string() }}) as reason,
            cast(null as {{ dbt.type_string() }}) as rejected_value,
            cast(null as boolean) as is_value_masked
            {%- if with_loaded_at %},
                cast(null as {{ dbt.type_timestamp() }}) as loaded_at
            {%- endif %}
        where 1 = 0
    {%- endif %}
{%- endmacro %}
