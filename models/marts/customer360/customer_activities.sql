{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='activity_id',
        on_schema_change='append_new_columns',
        post_hook=[
            "{{ delete_where(this, 'customer_id in (
                select customer_id from ' ~ ref('int_privacy__suppressed_customers') ~ '
            )') }}"
        ]
    )
}}
{#- One row per activity. Incremental: a run reads the events received since the latest one
    held, minus var cdp_activities_lookback_days (late events), and also re-stamps rows
    already held whose customer changed since (identity merges and splits, a device
    stitched to a login): both are delete+insert by activity_id, so a full refresh gives
    the same table. The post-hook removes activities of suppressed (erased) customers. -#}

{%- set lookback_days = var('cdp_activities_lookback_days', 3) | int %}
{#- the record a row's customer is looked up by first: its own, else its fallback -#}
{%- set resolving_record = {
    'source_name': 'case when {0}.record_id is null then {0}.fallback_record_source_name'
        ~ ' else {0}.record_source_name end',
    'record_id': 'coalesce({0}.record_id, {0}.fallback_record_id)'
} %}

with

activity_events as (

    select * from {{ ref('int_customer__activity_events') }}

),

record_map as (

    select * from {{ ref('int_identity__record_map') }}

),

suppressed_customers as (

    select * from {{ ref('int_privacy__suppressed_customers') }}

),

new_events as (

    select
        activity_events.*,
        cast(null as {{ dbt.type_string() }}) as held_customer_id,
        true as is_new
    from activity_events
    {% if is_incremental() %}
        where
            coalesce(activity_events.received_at, activity_events.occurred_at) > (
                select
                    coalesce(
                        {{ dbt.dateadd('day', -lookback_days, 'max(held.received_at)') }},
                        cast('1900-01-01' as timestamp)
                    )
                from {{ this }} as held
            )
    {% endif %}

),

{%- if is_incremental() %}

    held_keys as (

        -- each combination of record, fallback record and stored customer among the held rows:
        -- far fewer than the rows, so the record map meets these rather than every row
        select distinct
            held.record_source_name,
            held.record_id,
            held.fallback_record_source_name,
            held.fallback_record_id,
            held.customer_id
        from {{ this }} as held

    ),

    restamped_records as (

        -- the record a held row is found by (its own, else its fallback) where the customer it
        -- resolves to is no longer the one stored
        select distinct
            {{ resolving_record.source_name.format('held_keys') }} as source_name,
            {{ resolving_record.record_id.format('held_keys') }} as record_id
        from held_keys
        left outer join record_map as by_record
            on
                held_keys.record_source_name = by_record.source_name
                and held_keys.record_id = by_record.record_id
        left outer join record_map as by_fallback
            on
                held_keys.fallback_record_source_name = by_fallback.source_name
                and held_keys.fallback_record_id = by_fallback.record_id
        where
            held_keys.customer_id
            is distinct from coalesce(by_record.customer_id, by_fallback.customer_id)

    ),
{%- endif %}

candidate_events as (

    -- activity ids need no deduplication: each is a staging model's unique key (the
    -- loaders' duplicate deliveries are dropped there) behind a per-source prefix; the
    -- unique test on activity_id fails if a source added later breaks that
    select
        {%- for column_name in activity_columns().keys() %}
            new_events.{{ column_name }},
        {%- endfor %}
        new_events.held_customer_id,
        new_events.is_new
    from new_events
    {% if is_incremental() %}
        union all
        -- rows already held whose customer may have changed (one per activity_id: the
        -- table's unique key, so they need no deduplication), re-stamped below
        select
            {%- for column_name in activity_columns().keys() %}
                held.{{ column_name }},
            {%- endfor %}
            held.customer_id as held_customer_id,
            false as is_new
        from {{ this }} as held
        inner join restamped_records
            on
                restamped_records.source_name = {{ resolving_record.source_name.format('held') }}
                and restamped_records.record_id = {{ resolving_record.record_id.format('held') }}
        where
            not exists (
                select 1 from new_events
                where new_events.activity_id = held.activity_id
            )
    {% endif %}

),

resolved as (

    -- the record the source names wins; else the fallback (the web device before login)
    select
        candidate_events.*,
        coalesce(by_record.customer_id, by_fallback.customer_id) as resolved_customer_id
    from candidate_events
    left outer join record_map as by_record
        on
            candidate_events.record_source_name = by_record.source_name
            and candidate_events.record_id = by_record.record_id
    left outer join record_map as by_fallback
        on
            candidate_events.fallback_record_source_name = by_fallback.source_name
            and candidate_events.fallback_record_id = by_fallback.record_id

),

changed as (

    -- new or late events, and held events whose customer is no longer the one stored
    select resolved.*
    from resolved
    where
        resolved.is_new
        or resolved.held_customer_id is distinct from resolved.resolved_customer_id

),

final as (

    select
        changed.activity_id,
        cast(changed.resolved_customer_id as {{ dbt.type_string() }}) as customer_id,
        changed.activity_type,
        changed.occurred_at,
        changed.received_at,
        changed.source_name,
        changed.record_source_name,
        changed.record_id,
        changed.fallback_record_source_name,
        changed.fallback_record_id,
        changed.anonymous_id,
        changed.amount,
        changed.currency,
        changed.product_id,
        changed.order_id,
        changed.quantity,
        changed.channel,
        changed.campaign_id,
        changed.page_path,
        changed.store_id,
        changed.status,
        changed.detail
    from changed
    where
        not exists (
            select 1 from suppressed_customers
            where suppressed_customers.customer_id = changed.resolved_customer_id
        )

)

select * from final
