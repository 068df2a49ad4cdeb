{{ config(materialized='table') }}

{#- One row per raw value a staging model replaced by null because it is malformed or a
    placeholder: the checks of macro rejected_value_checks, unpivoted (one pass over each
    raw table, a row per rejected column). Values are personal data even when malformed,
    so unless var cdp_quality_show_raw_values is true only their shape is kept
    (macro value_shape). Raw relations are aliased raw_records, which PostgreSQL requires
    of a subquery (deduplicated or joined tables), though columns are not qualified. -#}
{%- set tables = rejected_value_checks() -%}
{%- set show_raw_values = var('cdp_quality_show_raw_values', false) -%}

with

{% for table in tables %}
    {{ table.model }}_checked as (

        select
            {%- for check in table.checks %}
                cast({{ check.value }} as {{ dbt.type_string() }}) as value_{{ loop.index }},
                {{ check.reason }} as reason_{{ loop.index }},
            {%- endfor %}
            {{ table.record_id }} as record_id
        from {{ table.relation }} as raw_records  -- noqa: AL05

    ),

    {{ table.model }}_rejected as (

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
        from {{ table.model }}_checked as checked
        cross join (
            values
            {%- for check in table.checks %}
                {%- set columns = "'" ~ check.column ~ "', '" ~ check.source_column ~ "'" %}
                ({{ loop.index }}, {{ columns }}){{ ',' if not loop.last }}
            {%- endfor %}
        ) as checks (check_number, column_name, source_column)

    ),

{% endfor %}
unioned as (

    {% for table in tables %}
        select * from {{ table.model }}_rejected
        {{ 'union all' if not loop.last }}
    {% endfor %}
    {%- if not tables %}
        -- every source is switched off: an empty relation of the same shape
        select
            cast(null as {{ dbt.type_string() }}) as source_name,
            cast(null as {{ dbt.type_string() }}) as table_name,
            cast(null as {{ dbt.type_string() }}) as model_name,
            cast(null as {{ dbt.type_string() }}) as record_id,
            cast(null as {{ dbt.type_string() }}) as column_name,
            cast(null as {{ dbt.type_string() }}) as source_column,
            cast(null as {{ dbt.type_string() }}) as reason,
            cast(null as {{ dbt.type_string() }}) as raw_value
        where 1 = 0
    {%- endif %}

),

final as (

    select
        source_name,
        table_name,
        model_name,
        record_id,
        column_name,
        source_column,
        reason,
        {%- if show_raw_values %}
            raw_value as rejected_value,
            false as is_value_masked
        {%- else %}
            {{ value_shape('raw_value') }} as rejected_value,
            true as is_value_masked
        {%- endif %}
    from unioned
    where reason is not null

)

select * from final
