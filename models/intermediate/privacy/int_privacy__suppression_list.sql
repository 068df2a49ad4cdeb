{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        full_refresh=false,
        on_schema_change='append_new_columns'
    )
}}
{#- One row per suppressed identifier, kept only as a SHA-256 hash of '<type>:<normalized
    value>' (macro identifier_hash): no plain PII. Each run resolves every erasure request
    to its customers through the identifier map (on the value, or on the match key identity
    links records on, so j.doe@gmail.com finds jdoe@gmail.com) and adds the hashes of the
    requested identifier itself (so a person not yet matched, or met again later, is still
    caught), of every source record of those customers, and of their identifiers that no
    other customer carries (a family phone must not suppress the rest of the family).
    Incremental with full_refresh=false: `dbt build --full-refresh` keeps it, so an erased
    person is never rebuilt from the raw data that still holds them. Rows are only ever
    added. -#}

{%- set request_order = 'requested_at, erasure_request_id, identifier_type' %}

with

{% if var('cdp_using_privacy', true) -%}
    erasure_requests as (

        select * from {{ ref('stg_privacy__erasure_requests') }}

    ),

{%- else -%}
    erasure_requests as (

        -- privacy source switched off: no new requests (the list keeps what it holds)
        select
            cast(null as {{ dbt.type_string() }}) as erasure_request_id,
            cast(null as {{ dbt.type_string() }}) as identifier_type,
            cast(null as {{ dbt.type_string() }}) as identifier_value,
            cast(null as timestamp) as requested_at
        where 1 = 0

    ),

{%- endif %}

identifier_map as (

    select * from {{ ref('int_identity__identifier_map') }}

),

record_map as (

    select * from {{ ref('int_identity__record_map') }}

),

requested_keys as (

    -- the requested value in the form identity links records on (macro identity_match_key)
    select
        erasure_requests.erasure_request_id,
        erasure_requests.requested_at,
        erasure_requests.identifier_type,
        erasure_requests.identifier_value,
        case erasure_requests.identifier_type
            {%- for identifier_type in var('cdp_identity_identifier_types', {}) %}
                when '{{ identifier_type }}' then {{ identity_match_key(
                    identifier_type, 'erasure_requests.identifier_value'
                ) }}
            {%- endfor %}
            else erasure_requests.identifier_value
        end as match_key
    from erasure_requests

),

resolved_customers as (

    -- on the value as given, or on its match key: two equi-joins (one join on "value or
    -- key" has no equality but the type to hash on, and compares every request with every
    -- identifier of that type)
    select
        requested_keys.erasure_request_id,
        requested_keys.requested_at,
        identifier_map.customer_id
    from requested_keys
    inner join identifier_map
        on
            requested_keys.identifier_type = identifier_map.identifier_type
            and requested_keys.identifier_value = identifier_map.identifier_value

    union

    select
        requested_keys.erasure_request_id,
        requested_keys.requested_at,
        identifier_map.customer_id
    from requested_keys
    inner join identifier_map
        on
            requested_keys.identifier_type = identifier_map.identifier_type
            and requested_keys.match_key = identifier_map.match_key

),

unshared_identifiers as (

    -- identifiers carried by one customer only
    select
        identifier_map.identifier_type,
        identifier_map.identifier_value,
        min(identifier_map.customer_id) as customer_id
    from identifier_map
    group by identifier_map.identifier_type, identifier_map.identifier_value
    having count(distinct identifier_map.customer_id) = 1

),

hashed as (

    -- the identifier the request names, as given
    select
        erasure_requests.erasure_request_id,
        erasure_requests.requested_at,
        erasure_requests.identifier_type,
        {{ identifier_hash(
            'erasure_requests.identifier_type', 'erasure_requests.identifier_value'
        ) }} as identifier_hash
    from erasure_requests

    union all

    -- every identifier of the customers it resolves to that no other customer carries
    select
        resolved_customers.erasure_request_id,
        resolved_customers.requested_at,
        unshared_identifiers.identifier_type,
        {{ identifier_hash(
            'unshared_identifiers.identifier_type', 'unshared_identifiers.identifier_value'
        ) }} as identifier_hash
    from resolved_customers
    inner join unshared_identifiers
        on resolved_customers.customer_id = unshared_identifiers.customer_id

    union all

    -- and every source record of theirs
    select
        resolved_customers.erasure_request_id,
        resolved_customers.requested_at,
        'source_record' as identifier_type,
        {{ identifier_hash(
            "'source_record'", "record_map.source_name || ':' || record_map.record_id"
        ) }} as identifier_hash
    from resolved_customers
    inner join record_map
        on resolved_customers.customer_id = record_map.customer_id

),

first_request as (

    -- one row per hash: the earliest request that named it
    {{ deduplicate('hashed', partition_by='identifier_hash', order_by=request_order) }}

),

final as (

    select
        first_request.identifier_hash,
        first_request.identifier_type,
        first_request.erasure_request_id,
        first_request.requested_at,
        cast({{ dbt.current_timestamp() }} as timestamp) as suppressed_at,
        cast('{{ invocation_id }}' as {{ dbt.type_string() }}) as suppressed_by_invocation_id
    from first_request
    where first_request.identifier_hash is not null
    {% if is_incremental() %}
        and not exists (
            select 1 from {{ this }} as held
            where held.identifier_hash = first_request.identifier_hash
        )
    {% endif %}

)

select * from final
