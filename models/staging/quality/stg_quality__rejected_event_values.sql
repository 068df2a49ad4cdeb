{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='append_new_columns'
    )
}}
{#- The rejected values of the append-only event tables (rejected_value_checks entries
    with loaded_at: the email platform's sends, opens, clicks...), which
    stg_quality__rejected_values takes in. Incremental (append): a run checks, per table,
    the raw rows of the loads after the latest one it holds a rejected value of. A raw
    event row never changes and a load lands at once, so no rejected value is written
    twice; loads after that one in which nothing was rejected are read again, to no
    effect. A change of var cdp_quality_show_raw_values needs --full-refresh. -#}
{%- set tables = rejected_value_checks()
    | selectattr('loaded_at') | rejectattr('updated_in_place') | list %}
{%- set since = {} %}
{%- if is_incremental() %}
    {%- for table in tables %}
        {%- do since.update({table.model:
            table.loaded_at ~ ' > ' ~ rejected_values_latest_held(table.model)}) %}
    {%- endfor %}
{%- endif %}

with

rejected as (

    {{ rejected_values_select(tables, with_loaded_at=true, since=since) }}

),

final as (

    select * from rejected

)

select * from final
