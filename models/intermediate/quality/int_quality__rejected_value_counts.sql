{#- One row per staging model, column and reason with at least one rejected value: how
    many records lost the value, out of how many records the model holds. -#}
{%- set tables = rejected_value_checks() -%}

with

rejected_values as (

    select * from {{ ref('stg_quality__rejected_values') }}

),

checked_records as (

    -- the records the checks ran on: the raw relation of stg_quality__rejected_values (raw
    -- table, deduplicated where staging keeps one copy), as many as the staging model
    -- holds; counting the staging model itself would run every staging view again
    {% for table in tables %}
        select
            cast('{{ table.model }}' as {{ dbt.type_string() }}) as model_name,
            count(*) as records_checked
        from {{ table.relation }} as raw_records  -- noqa: AL05
        {{ 'union all' if not loop.last }}
    {% endfor %}
    {%- if not tables %}
        -- every source is switched off
        select
            cast(null as {{ dbt.type_string() }}) as model_name,
            cast(0 as bigint) as records_checked
        where 1 = 0
    {%- endif %}

),

counted as (

    select
        source_name,
        table_name,
        model_name,
        column_name,
        reason,
        count(*) as rejected_values
    from rejected_values
    group by source_name, table_name, model_name, column_name, reason

),

final as (

    select
        counted.source_name,
        counted.table_name,
        counted.model_name,
        counted.column_name,
        counted.reason,
        counted.rejected_values,
        checked_records.records_checked,
        round(
            cast(counted.rejected_values as {{ dbt.type_numeric() }})
            / nullif(checked_records.records_checked, 0),
            4
        ) as rejected_share
    from counted
    inner join checked_records
        on counted.model_name = checked_records.model_name

)

select * from final
