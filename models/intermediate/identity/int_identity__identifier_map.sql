{#- One row per identifier value observed on an identity record, with the record's
    customer: identifier_type, identifier_value (as staging normalized it), match_key
    (the form records are linked on), source_name, record_id, customer_id. Quarantined
    values are left out (they name no one). is_shared_across_customers flags a value that
    records of several customers carry (a value the guards or limits kept from linking). -#}

with

observations as (

    select * from {{ ref('int_identity__observations') }}

),

quarantined_values as (

    select * from {{ ref('int_identity__quarantined_values') }}

),

record_map as (

    select * from {{ ref('int_identity__record_map') }}

),

mapped as (

    select
        observations.identifier_type,
        observations.identifier_value,
        observations.match_key,
        record_map.customer_id,
        observations.source_name,
        observations.record_id,
        observations.first_observed_at,
        observations.last_observed_at
    from observations
    inner join record_map
        on
            observations.source_name = record_map.source_name
            and observations.record_id = record_map.record_id
    where not exists (
            select 1
            from quarantined_values
            where
                quarantined_values.identifier_type = observations.identifier_type
                and quarantined_values.identifier_value = observations.match_key
        )

),

customers_per_value as (

    select
        identifier_type,
        match_key,
        count(distinct customer_id) as customer_count
    from mapped
    group by identifier_type, match_key

),

final as (

    select
        mapped.*,
        customers_per_value.customer_count > 1 as is_shared_across_customers
    from mapped
    inner join customers_per_value
        on
            mapped.identifier_type = customers_per_value.identifier_type
            and mapped.match_key = customers_per_value.match_key

)

select * from final
