{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key=['model_name', 'record_id'],
        on_schema_change='append_new_columns',
        pre_hook=["{{ delete_where(this, 'record_id is null') if is_incremental() }}"],
        post_hook=[
            "{{ delete_where(this, 'reason is null') if is_incremental() }}",
            "{{ delete_gone_keys('record_id', rejected_record_keys(), 'model_name') }}"
        ]
    )
}}
{#- The rejected values of the tables whose records change in place (rejected_value_checks
    entries with updated_in_place: customers, orders, contacts...), which
    stg_quality__rejected_values takes in. Incremental by record (delete+insert on
    model_name + record_id), as their staging models: a run checks again, from all their raw
    rows, the records with a row loaded at or after the latest rejected value it holds of
    the table (a table with none held is checked whole). Each record checked gets a row
    with no reason, so that its held rejected values are deleted even when none is left;
    the post-hook removes those rows, and the values of records no longer in their raw
    table. Rows with no record id are checked again every run (the pre-hook deletes their
    held values). A change of var cdp_quality_show_raw_values needs --full-refresh. -#}
{%- set tables = rejected_value_checks() | selectattr('updated_in_place') | list %}
{%- set since = {} %}
{%- if is_incremental() %}
    {%- for table in tables %}
        {%- do since.update({table.model: 'id is null or id in (
            select loaded.id from ' ~ table.relation ~ ' as loaded
            where loaded.' ~ table.loaded_at ~ ' >= ' ~ rejected_values_latest_held(table.model) ~ '
        )'}) %}
    {%- endfor %}
{%- endif %}

with

rejected as (

    {{ rejected_values_select(tables, with_loaded_at=true, since=since) }}

),

{%- if is_incremental() %}

checked_records as (

    {%- for table in tables %}
        select distinct
            cast('{{ table.source_name }}' as {{ dbt.type_string() }}) as source_name,
            cast('{{ table.table_name }}' as {{ dbt.type_string() }}) as table_name,
            cast('{{ table.model }}' as {{ dbt.type_string() }}) as model_name,
            {{ table.record_id }} as record_id,
            cast(null as {{ dbt.type_string() }}) as column_name,
            cast(null as {{ dbt.type_string() }}) as source_column,
            cast(null as {{ dbt.type_string() }}) as reason,
            cast(null as {{ dbt.type_string() }}) as rejected_value,
            cast(null as boolean) as is_value_masked,
            cast(null as {{ dbt.type_timestamp() }}) as loaded_at
        from {{ table.relation }} as raw_records  -- noqa: AL05
        {%- if since.get(table.model) %}
        where {{ since[table.model] }}
        {%- endif %}
        {{ 'union all' if not loop.last }}
    {%- endfor %}
    {%- if not tables %}
        select * from rejected where 1 = 0
    {%- endif %}

),
{%- endif %}

final as (

    select * from rejected
    {%- if is_incremental() %}
    union all
    select * from checked_records
    {%- endif %}

)

select * from final
