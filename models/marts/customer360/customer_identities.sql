{#- One row per identity of a customer: every source record (identity_kind 'source_record':
    source_name + record_id, with the match tier and rule that joined it) and every
    identifier in use (identity_kind 'identifier': identifier_type + identifier_value, with
    how many of the customer's records carry it and whether other customers carry it too).
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
        cast(null as {{ dbt.type_string() }}) as identifier_type,
        cast(null as {{ dbt.type_string() }}) as identifier_value,
        record_map.match_tier,
        record_map.matched_by,
        records.observed_at,
        1 as record_count,
        false as is_shared_with_other_customers
    from record_map
    left outer join records
        on
            record_map.source_name = records.source_name
            and record_map.record_id = records.record_id

),

customer_identifiers as (

    -- the identifier map has a row per record carrying the value (unique on type, value,
    -- source and record): one row per customer here, counting its records by count(*)
    select
        identifier_map.customer_id,
        identifier_map.identifier_type,
        identifier_map.identifier_value,
        max(identifier_map.last_observed_at) as observed_at,
        count(*) as record_count
    from identifier_map
    group by
        identifier_map.customer_id,
        identifier_map.identifier_type,
        identifier_map.identifier_value

),

identifiers as (

    select
        customer_identifiers.customer_id,
        'identifier' as identity_kind,
        cast(null as {{ dbt.type_string() }}) as source_name,
        cast(null as {{ dbt.type_string() }}) as record_id,
        customer_identifiers.identifier_type,
        customer_identifiers.identifier_value,
        -- an identifier names its customer outright
        'deterministic' as match_tier,
        customer_identifiers.identifier_type as matched_by,
        customer_identifiers.observed_at,
        customer_identifiers.record_count,
        count(*) over (
            partition by customer_identifiers.identifier_type, customer_identifiers.identifier_value
        ) > 1 as is_shared_with_other_customers
    from customer_identifiers

),

unioned as (

    select * from source_records
    union all
    select * from identifiers

),

final as (

    select
        cast({{ dbt.hash(
            "unioned.customer_id || '|' || unioned.identity_kind"
            ~ " || '|' || coalesce(unioned.source_name, unioned.identifier_type)"
            ~ " || '|' || coalesce(unioned.record_id, unioned.identifier_value)"
        ) }} as {{ dbt.type_string() }}) as identity_id,
        cast(unioned.customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(unioned.identity_kind as {{ dbt.type_string() }}) as identity_kind,
        cast(unioned.source_name as {{ dbt.type_string() }}) as source_name,
        cast(unioned.record_id as {{ dbt.type_string() }}) as record_id,
        cast(unioned.identifier_type as {{ dbt.type_string() }}) as identifier_type,
        cast(unioned.identifier_value as {{ dbt.type_string() }}) as identifier_value,
        cast(unioned.match_tier as {{ dbt.type_string() }}) as match_tier,
        cast(unioned.matched_by as {{ dbt.type_string() }}) as matched_by,
        cast(unioned.observed_at as timestamp) as observed_at,
        cast(unioned.record_count as integer) as record_count,
        unioned.is_shared_with_other_customers
    from unioned
    where
        not exists (
            select 1 from suppressed_customers
            where suppressed_customers.customer_id = unioned.customer_id
        )

)

select * from final
