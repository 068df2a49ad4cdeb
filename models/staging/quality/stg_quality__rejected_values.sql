{{ config(materialized='table') }}

{#- One row per raw value a staging model replaced by null because it is malformed or a
    placeholder: the checks of macro rejected_value_checks (macro rejected_values_select),
    and the rejected values of the append-only event tables, which
    stg_quality__rejected_event_values checks incrementally. -#}
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

final as (

    select {{ columns | join(', ') }} from rejected
    union all
    select {{ columns | join(', ') }} from event_rejected

)

select * from final
