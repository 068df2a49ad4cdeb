{#- One row per raw table whose staging model keeps one copy of each record: web events,
    which loaders deliver at least once. Counts what the raw table holds and how many
    copies staging dropped; the first copy of each id (by received_at) is the one kept. -#}
{%- set tables = [] -%}
{%- if var('cdp_using_web') -%}
    {%- for table_name in ['identifies', 'pages', 'tracks'] -%}
        {%- do tables.append({
            'source_name': 'web', 'table_name': table_name,
            'model': 'stg_web__' ~ table_name, 'key': 'id'
        }) -%}
    {%- endfor -%}
{%- endif -%}

with

counted as (

    {% for table in tables %}
        select
            cast('{{ table.source_name }}' as {{ dbt.type_string() }}) as source_name,
            cast('{{ table.table_name }}' as {{ dbt.type_string() }}) as table_name,
            cast('{{ table.model }}' as {{ dbt.type_string() }}) as model_name,
            count(*) as raw_rows,
            count(distinct {{ table.key }}) as distinct_records
        from {{ source(table.source_name, table.table_name) }}
        {{ 'union all' if not loop.last }}
    {% endfor %}
    {%- if not tables %}
        -- every source with duplicate deliveries is switched off
        select
            cast(null as {{ dbt.type_string() }}) as source_name,
            cast(null as {{ dbt.type_string() }}) as table_name,
            cast(null as {{ dbt.type_string() }}) as model_name,
            cast(0 as bigint) as raw_rows,
            cast(0 as bigint) as distinct_records
        where 1 = 0
    {%- endif %}

),

final as (

    select
        source_name,
        table_name,
        model_name,
        raw_rows,
        distinct_records,
        raw_rows - distinct_records as duplicate_rows
    from counted

)

select * from final
