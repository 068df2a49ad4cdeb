{#- One row per identifier type in the suppression list (plus type 'all'): what is
    suppressed, what this run added, and how many current customers and source records it
    keeps out of the marts. Counts only, no identifiers. -#}

with

suppression_list as (

    select * from {{ ref('int_privacy__suppression_list') }}

),

suppressed_customers as (

    select * from {{ ref('int_privacy__suppressed_customers') }}

),

record_map as (

    select * from {{ ref('int_identity__record_map') }}

),

{% if var('cdp_using_privacy', true) -%}
    erasure_requests as (

        select * from {{ ref('stg_privacy__erasure_requests') }}

    ),
{%- else -%}
    erasure_requests as (

        select cast(null as {{ dbt.type_string() }}) as erasure_request_id
        where 1 = 0

    ),
{%- endif %}

run_totals as (

    select
        (select count(*) from erasure_requests) as erasure_requests,
        (
            select count(distinct suppression_list.erasure_request_id)
            from suppression_list
            where suppression_list.identifier_type = 'source_record'
        ) as erasure_requests_resolved,
        (select count(*) from suppressed_customers) as suppressed_customers,
        (
            select count(*)
            from record_map
            inner join suppressed_customers
                on record_map.customer_id = suppressed_customers.customer_id
        ) as suppressed_source_records

),

by_type as (

    select
        suppression_list.identifier_type,
        count(*) as suppressed_identifiers,
        sum(case
            when suppression_list.suppressed_by_invocation_id = '{{ invocation_id }}' then 1 else 0
        end) as added_this_run
    from suppression_list
    group by suppression_list.identifier_type

    union all

    select
        'all' as identifier_type,
        count(*) as suppressed_identifiers,
        sum(case
            when suppression_list.suppressed_by_invocation_id = '{{ invocation_id }}' then 1 else 0
        end) as added_this_run
    from suppression_list

),

final as (

    select
        by_type.identifier_type,
        cast(by_type.suppressed_identifiers as integer) as suppressed_identifiers,
        cast(coalesce(by_type.added_this_run, 0) as integer) as added_this_run,
        cast(run_totals.erasure_requests as integer) as erasure_requests,
        cast(run_totals.erasure_requests_resolved as integer) as erasure_requests_resolved,
        cast(run_totals.suppressed_customers as integer) as suppressed_customers,
        cast(run_totals.suppressed_source_records as integer) as suppressed_source_records,
        cast({{ dbt.current_timestamp() }} as timestamp) as reported_at,
        cast('{{ invocation_id }}' as {{ dbt.type_string() }}) as invocation_id
    from by_type
    cross join run_totals

)

select * from final
