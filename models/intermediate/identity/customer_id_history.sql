{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        full_refresh=false
    )
}}

{#- One row per customer id change of a run, appended and never rebuilt (a full refresh
    keeps it): `created` (a new id, previous_customer_id null), `merged` (the records of
    previous_customer_id joined customer_id and the previous id is gone), `split` (some
    records of previous_customer_id, which lives on, now form or join customer_id).
    record_count: the records that moved. Downstream systems follow ids through it. -#}

with

registry as (

    select * from {{ ref('int_identity__customer_id_registry') }}

),

changes as (

    select
        customer_id,
        previous_customer_id,
        change_reason as reason,
        count(*) as record_count
    from registry
    where
        resolved_run_id = '{{ invocation_id }}'
        and change_reason in ('created', 'merged', 'split')
    group by customer_id, previous_customer_id, change_reason

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            "'" ~ invocation_id ~ "'", "'|'", 'customer_id', "'|'",
            "coalesce(previous_customer_id, '')", "'|'", 'reason'
        ])) }} as change_id,
        customer_id,
        previous_customer_id,
        reason,
        record_count,
        cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as changed_at,
        cast('{{ invocation_id }}' as {{ dbt.type_string() }}) as run_id
    from changes

)

select * from final
