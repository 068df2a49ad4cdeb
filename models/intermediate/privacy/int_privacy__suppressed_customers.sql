{#- One row per current customer that must not appear anywhere: one of its identifiers or
    source records hashes to an entry of int_privacy__suppression_list. Every mart and
    export anti-joins this model (macro not_suppressed, or `not exists` on customer_id). -#}

with

suppression_list as (

    select * from {{ ref('int_privacy__suppression_list') }}

),

identifier_map as (

    select * from {{ ref('int_identity__identifier_map') }}

),

record_map as (

    select * from {{ ref('int_identity__record_map') }}

),

current_hashes as (

    -- the identifier map has a row per record carrying a value: each value once
    select distinct
        identifier_map.customer_id,
        identifier_map.identifier_type,
        {{ identifier_hash('identifier_map.identifier_type', 'identifier_map.identifier_value') }}
            as identifier_hash
    from identifier_map

    union all

    select
        record_map.customer_id,
        'source_record' as identifier_type,
        {{ identifier_hash(
            "'source_record'", "record_map.source_name || ':' || record_map.record_id"
        ) }} as identifier_hash
    from record_map

),

matches as (

    select
        current_hashes.customer_id,
        current_hashes.identifier_type,
        suppression_list.suppressed_at
    from current_hashes
    inner join suppression_list
        on current_hashes.identifier_hash = suppression_list.identifier_hash

),

final as (

    select
        matches.customer_id,
        min(matches.suppressed_at) as first_suppressed_at,
        count(*) as matched_identifier_count
    from matches
    group by matches.customer_id

)

select * from final
