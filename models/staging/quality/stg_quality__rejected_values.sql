{{ config(materialized='table') }}

{#- One row per raw value a staging model replaced by null because it is malformed or a
    placeholder: the checks of macro rejected_value_checks (macro rejected_values_select),
    with the rejected values of the append-only event tables and of the tables whose
    records change in place, which stg_quality__rejected_event_values and
    stg_quality__rejected_record_values check incrementally. -#}
{%- set tables = rejected_value_checks() | rejectattr('loaded_at') | list %}
{%- set columns = [
    'source_name', 'table_name', 'model_name', 'record_id', 'column_name', 'source_column',
    'reason', 'rejected_value', 'is_value_masked'
] %}

with

rejected as (

    {{ rejected_values_select(tables) }}

),

event_rejected as (

    select * from {{ ref('stg_quality__rejected_event_values') }}

),

record_rejected as (

    select * from {{ ref('stg_quality__rejected_record_values') }}

),

final as (

    select {{ columns | join(', ') }} from rejected
    union all
    select {{ columns | join(', ') }} from event_rejected
    union all
    select {{ columns | join(', ') }} from record_rejected

)

select * from final
