{#- One row per identity of a customer: every source record (identity_kind 'source_record':
    source_name + record_id, with the match tier and rule that joined it) and every
    identifier in use (identity_kind 'identifier': identifier_type + identifier_value).
    Quarantined identifier values are not in the identifier map, so not here either;
    suppressed (erased) customers are left out. -#}

with

record_map as (

    select * from {{ ref('int_identity__record_map') }}

),

records as (

    select * from {{ ref('int_identity__records') }}

),

identifier_map as (

    select * from {{ ref('int_identity__identifier_map') }}

),

suppressed_customers as (

    select * from {{ ref('int_privacy__suppressed_customers') }}

),

source_records as (

    select
        record_map.customer_id,
        'source_record' as identity_kind,
        record_map.source_name,
        record_map.record_id,
        cast(null as varchar) as identifier_type,
        cast(null as varchar) as identifier_value,
        record_map.match_tier,
        record_map.matched_by,
        records.observed_at
    from record_map
    left outer join records
        on
            record_map.source_name = records.source_name
            and record_map.record_id = records.record_id

),

identifiers as (

    select
        identifier_map.customer_id,
        'identifier' as identity_kind,
        cast(null as varchar) as source_name,
        cast(null as varchar) as record_id,
        identifier_map.identifier_type,
        identifier_map.identifier_value,
        -- an identifier names its customer outright
        'deterministic' as match_tier,
        identifier_map.identifier_type as matched_by,
        cast(null as timestamp) as observed_at
    from identifier_map

),

unioned as (

    select * from source_records
    union all
    select * from identifiers

),

final as (

    select
        cast({{ dbt.hash(
            "unioned.identity_kind || '|' || coalesce(unioned.source_name, unioned.identifier_type)"
            ~ " || '|' || coalesce(unioned.record_id, unioned.identifier_value)"
        ) }} as varchar) as identity_id,
        cast(unioned.customer_id as varchar) as customer_id,
        cast(unioned.identity_kind as varchar) as identity_kind,
        cast(unioned.source_name as varchar) as source_name,
        cast(unioned.record_id as varchar) as record_id,
        cast(unioned.identifier_type as varchar) as identifier_type,
        cast(unioned.identifier_value as varchar) as identifier_value,
        cast(unioned.match_tier as varchar) as match_tier,
        cast(unioned.matched_by as varchar) as matched_by,
        cast(unioned.observed_at as timestamp) as observed_at
    from unioned
    where
        not exists (
            select 1 from suppressed_customers
            where suppressed_customers.customer_id = unioned.customer_id
        )

)

select * from final
